import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { chineseMessage, prefersChinese } from "../errors/chinese-messages.js";

/**
 * Errors in Chinese for a caller whose Accept-Language prefers it (`zh`, `zh-CN`, ...): each error's message is said
 * again from its code, field and rule, and the English message is kept as `extensions.englishMessage`. Codes, fields
 * and rules, which programs switch on, never change.
 */
export function chineseErrorsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ request }) {
      if (!prefersChinese(request.http?.headers.get("accept-language") ?? undefined)) return;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const result = response.body.singleResult;
          result.errors = result.errors?.map(inChinese);
        },
      };
    },
  };
}

function inChinese(error: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = error.extensions ?? {};
  const message = chineseMessage(String(extensions.code ?? ""), extensions);
  if (message === null) return error;
  return { ...error, message, extensions: { ...extensions, englishMessage: error.message } };
}
