import { Arg } from "type-graphql";

/** The optional `note` of an audited write: an operator's name, kept beside the authenticated actor. */
export function OperatorNoteArg(): ReturnType<typeof Arg> {
  return Arg("note", () => String, {
    nullable: true,
    description: "An operator's name, kept beside the authenticated actor.",
  });
}
