/**
 * The kinds of the flow graph (API-CONTRACT §2, §4) as plain `as const` objects: the domain owns them, the graph
 * layer builds its label and relationship whitelists from them, and the GraphQL layer registers the same objects.
 */

/** What a traceable object is. */
export const ObjectKind = {
  PRODUCT: "PRODUCT",
  LOT: "LOT",
  ITEM: "ITEM",
  CONTAINER: "CONTAINER",
  CODE: "CODE",
} as const;
export type ObjectKind = (typeof ObjectKind)[keyof typeof ObjectKind];

/** A node of a trace graph: an object or an organisation. */
export const NodeKind = { ...ObjectKind, ORGANIZATION: "ORGANIZATION" } as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

/** A flow edge, always from the upstream side to the downstream side. */
export const EdgeKind = {
  TRANSFORMED_INTO: "TRANSFORMED_INTO",
  IN_LOT: "IN_LOT",
  CONTAINED_IN: "CONTAINED_IN",
  SHIPPED_TO: "SHIPPED_TO",
} as const;
export type EdgeKind = (typeof EdgeKind)[keyof typeof EdgeKind];

/** Whether a stored kind string is an object kind (organisations are not objects). */
export function isObjectKind(kind: string): kind is ObjectKind {
  return Object.hasOwn(ObjectKind, kind);
}
