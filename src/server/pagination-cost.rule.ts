import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  valueFromASTUntyped,
  type ArgumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { QueryTooComplexError } from "../errors/app-errors.js";

export interface PaginationCostOptions {
  maxCost: number;
  /** The request's variables: a page size given as `$first` weighs what the request asks for. */
  variables?: Readonly<Record<string, unknown>>;
  /** Arguments that bound how many items a field returns; default `first`, `last`, `limit`. */
  pageArguments?: readonly string[];
  /** Items assumed for a page argument with neither a value nor a default. */
  defaultPageSize?: number;
}

export const PAGE_ARGUMENTS: readonly string[] = ["first", "last", "limit"];

/**
 * Refuses an operation whose cost is over `maxCost`, before it runs. The cost is an upper bound of the values the
 * answer can hold: every selected field costs 1 each time it can be resolved, and a field with a page argument
 * (`first`, `last`, `limit`; its value, the variable's, or the argument's default) multiplies what is selected under
 * it by that size. `upstream(limit: 10000) { nodes { key kind } }` costs 1 + 10000 × (1 + 2) = 30001.
 *
 * Lists without a page argument count once: their size is bounded by the page around them or is small by nature
 * (roles, regions). graphql-armor's cost-limit weighs `first`/`last` literals only, not `limit`, variables or
 * defaults, hence this rule.
 */
export function paginationCostRule(options: PaginationCostOptions): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const cost = operationCost(context, operation, options);
      if (cost <= options.maxCost) return;
      context.reportError(
        new QueryTooComplexError(
          `Operation cost ${cost} is over the limit of ${options.maxCost}: ask for smaller pages (first, limit) ` +
            "or fewer fields, or split the operation.",
          { limit: "cost", max: options.maxCost, found: cost },
        ),
      );
    },
  });
}

/** The cost of one operation as paginationCostRule weighs it. */
export function operationCost(
  context: ValidationContext,
  operation: OperationDefinitionNode,
  options: Omit<PaginationCostOptions, "maxCost">,
): number {
  const schema = context.getSchema();
  const root = schema.getRootType(operation.operation) ?? undefined;
  return new CostWalker(context, operation, options).selectionSetCost(operation.selectionSet, root);
}

class CostWalker {
  private readonly schema: GraphQLSchema;
  private readonly pageArguments: readonly string[];
  private readonly defaultPageSize: number;
  /** Fragment costs, once each: a fragment spread many times (or nested spreads doubling) costs a lookup. */
  private readonly fragmentCosts = new Map<string, number>();

  constructor(
    private readonly context: ValidationContext,
    private readonly operation: OperationDefinitionNode,
    private readonly options: Omit<PaginationCostOptions, "maxCost">,
  ) {
    this.schema = context.getSchema();
    this.pageArguments = options.pageArguments ?? PAGE_ARGUMENTS;
    this.defaultPageSize = options.defaultPageSize ?? 100;
  }

  selectionSetCost(selectionSet: SelectionSetNode, parent: GraphQLCompositeType | undefined): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) cost += this.fieldCost(selection, parent);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? this.compositeType(selection.typeCondition.name.value) : parent;
        cost += this.selectionSetCost(selection.selectionSet, condition);
      } else cost += this.fragmentCost(selection.name.value);
    }
    return cost;
  }

  private fieldCost(field: FieldNode, parent: GraphQLCompositeType | undefined): number {
    const definition = parent ? fieldDefinition(this.schema, parent, field.name.value) : undefined;
    const pageSize = definition ? this.pageSize(field, definition) : 1;
    if (!field.selectionSet) return pageSize;
    const type = definition ? getNamedType(definition.type) : undefined;
    return 1 + pageSize * this.selectionSetCost(field.selectionSet, isCompositeType(type) ? type : undefined);
  }

  private fragmentCost(name: string): number {
    const known = this.fragmentCosts.get(name);
    if (known !== undefined) return known;
    // 0 while it is being weighed: a fragment spreading itself is refused by NoFragmentCycles, not looped here.
    this.fragmentCosts.set(name, 0);
    const fragment = this.context.getFragment(name);
    const cost = fragment
      ? this.selectionSetCost(fragment.selectionSet, this.compositeType(fragment.typeCondition.name.value))
      : 0;
    this.fragmentCosts.set(name, cost);
    return cost;
  }

  /** The largest page argument's size, or 1 for a field without one. */
  private pageSize(field: FieldNode, definition: GraphQLField<unknown, unknown>): number {
    let size = 1;
    for (const argument of definition.args) {
      if (!this.pageArguments.includes(argument.name)) continue;
      const node = field.arguments?.find((a) => a.name.value === argument.name);
      const value = this.argumentValue(node, argument);
      const pages = typeof value === "number" && Number.isFinite(value) ? Math.max(0, value) : this.defaultPageSize;
      size = Math.max(size, pages);
    }
    return size;
  }

  private argumentValue(node: ArgumentNode | undefined, argument: GraphQLArgument): unknown {
    if (!node) return argument.defaultValue;
    if (node.value.kind !== Kind.VARIABLE) return valueFromASTUntyped(node.value);
    const name = node.value.name.value;
    if (this.options.variables && name in this.options.variables) return this.options.variables[name];
    const declared = this.operation.variableDefinitions?.find((d) => d.variable.name.value === name)?.defaultValue;
    return declared ? valueFromASTUntyped(declared) : argument.defaultValue;
  }

  private compositeType(name: string): GraphQLCompositeType | undefined {
    const type = this.schema.getType(name);
    return isCompositeType(type) ? type : undefined;
  }
}

/** A field's definition, the introspection fields included (graphql-js's own lookup is internal). */
function fieldDefinition(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}
