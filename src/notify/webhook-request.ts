import { BadUserInputError } from "../errors/app-errors.js";
import type { WebhookAllowList } from "./webhook-destination.js";

/**
 * A subscription request's `dest` and `signatureToken`, checked (BAD_USER_INPUT naming the field): the destination
 * on the allow-list, the token 1-500 characters when given.
 */
export function checkedWebhook(
  request: { dest?: unknown; signatureToken?: unknown },
  allowList: WebhookAllowList,
): { dest: string; signatureToken: string | null } {
  if (typeof request.dest !== "string") throw new BadUserInputError("dest is required", { field: "dest" });
  allowList.checkUrl(request.dest);
  const token = request.signatureToken;
  if (
    token !== undefined &&
    token !== null &&
    (typeof token !== "string" || token.length === 0 || token.length > 500)
  ) {
    throw new BadUserInputError("signatureToken must be a string of 1-500 characters", { field: "signatureToken" });
  }
  return { dest: request.dest, signatureToken: typeof token === "string" ? token : null };
}
