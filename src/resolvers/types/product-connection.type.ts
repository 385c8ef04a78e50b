import { ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { ProductEdge } from "./product-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class ProductConnection extends Connection(ProductEdge) {}
