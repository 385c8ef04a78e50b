import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { validate, type GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from "graphql";
import { QueryTooComplexError } from "../errors/app-errors.js";
import { paginationCostRule } from "./pagination-cost.rule.js";

/**
 * Limits that refuse, before anything runs, what no single legitimate call needs (API-CONTRACT §6): one operation of
 * the contract with its largest documented page size or `limit` always passes; 500 aliased traces do not.
 *
 * - depth: the deepest operation of the schema is 5 fields (`diversionAlerts { edges { node {
 *   responsibleOrganization { id } } } }`); fragments add no depth of their own; `__schema` introspection is exempt.
 * - aliases: a client may name a few calls of one field apart in one request; not hundreds.
 * - tokens: bounds the parser's and the validators' work before any rule here runs (graphql-js's
 *   OverlappingFieldsCanBeMerged is quadratic in repeats of one field: ~100 ms for 1,100 repeats, about what 10,000
 *   tokens hold). It is graphql-js's own `maxTokens`, so Apollo refuses a longer document as GRAPHQL_PARSE_FAILED
 *   (400), the one limit not answered QUERY_TOO_COMPLEX; armor's max-tokens plugin re-parses every document and
 *   throws from a hook Apollo 5 answers with 500.
 * - cost: see pagination-cost.rule.ts. A whole trace of the contract's types at `limit: 100000` (the service's
 *   maximum; the contract's default is 10000), each node's organisation with its identifiers and public contact and
 *   the grouping fields (`clusters`, `hiddenCount`) included, costs 3,500,001; 4,000,000 lets that pass, with a
 *   smaller call or two beside it, and refuses the same trace twice.
 */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** Items assumed for a page argument with neither a value nor a default. */
  defaultPageSize: number;
}

export const OPERATION_LIMITS: Readonly<OperationLimits> = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 10_000,
  maxCost: 4_000_000,
  defaultPageSize: 100,
};

/**
 * The depth, alias and cost rules for one request: graphql-armor's max-depth and max-aliases, and our pagination
 * cost with the request's variables. Each reports a QueryTooComplexError (`extensions.code: QUERY_TOO_COMPLEX`,
 * `extensions.limit`: depth, aliases or cost).
 */
export function operationLimitRules(
  variables: Readonly<Record<string, unknown>> = {},
  limits: Readonly<OperationLimits> = OPERATION_LIMITS,
): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [reportAs("depth", limits.maxDepth)],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [reportAs("aliases", limits.maxAliases)],
    }),
    paginationCostRule({ maxCost: limits.maxCost, defaultPageSize: limits.defaultPageSize, variables }),
  ];
}

/**
 * armor's rules throw, or call back with their finding, a GraphQLError without a code whose message starts with
 * "Syntax Error"; we report ours instead, so every limit answers alike.
 */
function reportAs(limit: "depth" | "aliases", max: number) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const message = error.message.replace(/^Syntax Error: /, "");
    context?.reportError(new QueryTooComplexError(`${message} Ask for less in one operation.`, { limit, max }));
  };
}

/** graphql-js's own token limit, for ApolloServer's `parseOptions`: a longer document is never parsed. */
export function operationParseOptions(limits: Readonly<OperationLimits> = OPERATION_LIMITS): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/**
 * Runs operationLimitRules on every operation before it executes. A plugin (didResolveOperation) rather than
 * Apollo's `validationRules`: those run once per cached document without the request's variables, and Apollo
 * rewrites their errors' code to GRAPHQL_VALIDATION_FAILED. An error thrown here keeps its code and its HTTP 400.
 */
export function operationLimitsPlugin<TContext extends BaseContext>(
  limits: Readonly<OperationLimits> = OPERATION_LIMITS,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const [error] = validate(schema, document, operationLimitRules(request.variables ?? {}, limits));
          if (error) throw error;
        },
      };
    },
  };
}

/** Everything to spread into ApolloServer's options: `{ parseOptions, plugins }`. */
export function operationLimits<TContext extends BaseContext>(
  limits: Readonly<OperationLimits> = OPERATION_LIMITS,
): { parseOptions: ParseOptions; plugins: ApolloServerPlugin<TContext>[] } {
  return { parseOptions: operationParseOptions(limits), plugins: [operationLimitsPlugin<TContext>(limits)] };
}
