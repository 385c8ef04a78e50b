import { Length } from "class-validator";
import { Field, InputType } from "type-graphql";
import type { LocationRequest } from "../../registry/registry-requests.js";

@InputType({ description: "Register or update a location, keyed by its id (idempotent)." })
export class LocationInput implements LocationRequest {
  @Field(() => String, { description: "SGLN (URN or Digital Link) or another registered id." })
  @Length(1, 300)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { description: "GB/T 2260 six-digit administrative division code." })
  regionCode!: string;

  @Field(() => String, { nullable: true })
  organizationId?: string | null;
}
