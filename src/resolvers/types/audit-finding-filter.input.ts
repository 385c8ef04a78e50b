import { Field, InputType } from "type-graphql";
import { AuditFindingState } from "../../producer/audit-finding.service.js";
import type { AuditFindingFilterInput } from "../../producer/audit-finding.service.js";

@InputType({ description: "Narrow the findings; every field is optional and they combine with AND." })
export class AuditFindingFilter implements AuditFindingFilterInput {
  @Field(() => AuditFindingState, { nullable: true })
  state?: AuditFindingState | null;

  @Field(() => String, { nullable: true, description: "The maker (any accepted spelling of its id)." })
  manufacturerId?: string | null;

  @Field(() => String, { nullable: true })
  batchId?: string | null;
}
