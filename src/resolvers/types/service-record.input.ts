import { Length } from "class-validator";
import { Field, InputType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { ServiceKind } from "../../aftersales/service-kind.js";
import type { ServiceRequest } from "../../aftersales/after-sales-requests.js";

registerEnumType(ServiceKind, {
  name: "ServiceKind",
  description: "An after-sales service: repair, return, replacement.",
});

@InputType({ description: "A service done on a code, by its maker or a service partner the maker authorised." })
export class ServiceRecordInput implements ServiceRequest {
  @Field(() => String, { description: "The code (any accepted spelling) of the product serviced." })
  @Length(1, 300)
  code!: string;

  @Field(() => ServiceKind)
  kind!: ServiceKind;

  @Field(() => String, { nullable: true, description: "What was done, at most 1,000 characters." })
  @Length(0, 1000)
  note?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When it was done; default now." })
  performedAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Your id for this service: recording it again is a no-op." })
  @Length(1, 100)
  serviceId?: string | null;
}
