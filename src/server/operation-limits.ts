import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import {
  Kind,
  validate,
  visit,
  type DocumentNode,
  type GraphQLError,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { QueryTooComplexError } from "../errors/app-errors.js";
import { PAGE_ARGUMENTS, paginationCostRule } from "./pagination-cost.rule.js";

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
  const passed = new PassedOperations();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const variables = request.variables ?? {};
          if (passed.has(document, variables)) return;
          const [error] = validate(schema, document, operationLimitRules(variables, limits));
          if (error) throw error;
          passed.add(document, variables);
        },
      };
    },
  };
}

/** Outcomes remembered per document: the same query with other page sizes is weighed again, up to this many. */
const MAX_PASSED_PER_DOCUMENT = 64;

/**
 * The operations that passed the limits, so a repeated one is not walked again (the walk took 0.1-0.3 ms a request).
 * Depth and aliases depend on the document alone, the cost on it and on the variables given as page arguments
 * (`first: $first`): an outcome is remembered per document (the very object Apollo's document cache hands out again,
 * held weakly) and per the values of those variables, never per the other variables (a trace's `code`). Only passes
 * are remembered: a refused operation is weighed, and refused, every time.
 */
class PassedOperations {
  private readonly byDocument = new WeakMap<DocumentNode, { pageVariables: string[]; passed: Set<string> }>();

  has(document: DocumentNode, variables: Readonly<Record<string, unknown>>): boolean {
    const entry = this.byDocument.get(document);
    return entry !== undefined && entry.passed.has(variablesKey(entry.pageVariables, variables));
  }

  add(document: DocumentNode, variables: Readonly<Record<string, unknown>>): void {
    let entry = this.byDocument.get(document);
    if (!entry) {
      entry = { pageVariables: pageVariables(document), passed: new Set() };
      this.byDocument.set(document, entry);
    }
    if (entry.passed.size >= MAX_PASSED_PER_DOCUMENT) entry.passed.clear();
    entry.passed.add(variablesKey(entry.pageVariables, variables));
  }
}

/** Variables given directly as a page argument anywhere in the document (what the cost rule reads of them). */
function pageVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (PAGE_ARGUMENTS.includes(node.name.value) && node.value.kind === Kind.VARIABLE) {
        names.add(node.value.name.value);
      }
    },
  });
  return [...names].sort();
}

function variablesKey(names: readonly string[], variables: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(names.map((name) => (name in variables ? [variables[name]] : [])));
}

/** Everything to spread into ApolloServer's options: `{ parseOptions, plugins }`. */
export function operationLimits<TContext extends BaseContext>(
  limits: Readonly<OperationLimits> = OPERATION_LIMITS,
): { parseOptions: ParseOptions; plugins: ApolloServerPlugin<TContext>[] } {
  return { parseOptions: operationParseOptions(limits), plugins: [operationLimitsPlugin<TContext>(limits)] };
}
