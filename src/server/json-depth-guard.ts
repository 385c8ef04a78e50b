import type { RequestHandler } from "express";
import { BadUserInputError } from "../errors/app-errors.js";
import { MAX_JSON_DEPTH, jsonDepth } from "../json/json-depth.js";

/**
 * After a JSON body parser: a body nested deeper than MAX_JSON_DEPTH is refused (400 BAD_USER_INPUT, answered by
 * the HTTP error handler) before GraphQL, validation or hashing walks it recursively and overflows the stack.
 */
export function jsonDepthGuard(): RequestHandler {
  return (req, _res, next) => {
    if (jsonDepth(req.body) <= MAX_JSON_DEPTH) {
      next();
      return;
    }
    next(new BadUserInputError(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`, { rule: "depth" }));
  };
}
