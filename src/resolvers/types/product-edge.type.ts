import { ObjectType } from "type-graphql";
import { Edge } from "./connection.type.js";
import { Product } from "./product.type.js";

@ObjectType({ simpleResolvers: true })
export class ProductEdge extends Edge(Product) {}
