import { ObjectType } from "type-graphql";
import { AuditedChange } from "./audited-change.type.js";

@ObjectType({
  simpleResolvers: true,
  description: "One audited correction of a product's basic info: when, who, why, and each field before/after.",
})
export class ProductRevision extends AuditedChange {}
