import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { AccessRole } from "../../access/access-role.js";

registerEnumType(AccessRole, {
  name: "AccessRole",
  description: "What a credential may do: ADMIN everything; MANUFACTURER, PARTNER, REGULATOR as API-CONTRACT §6 says.",
});

@ObjectType({ description: "A new API key. `key` is shown this once and cannot be read again: store it now." })
export class CreatedApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "`tgk_<id>_<secret>`: send it as `Authorization: Bearer <key>`." })
  key!: string;
}
