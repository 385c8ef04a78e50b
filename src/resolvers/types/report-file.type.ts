import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "A file of a regulator report (追溯报告), downloaded at `url`." })
export class ReportFileInfo {
  @Field(() => String, {
    description:
      "`report.json`, `report.xlsx`, their detached signatures `report.json.sig`, `report.xlsx.sig`, `manifest.json`.",
  })
  name!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int, { description: "Bytes." })
  size!: number;

  @Field(() => String, { description: "SHA-256 of the file's bytes, hex." })
  sha256!: string;

  @Field(() => String, { description: "`/reports/{jobId}/{name}` (REST, with the same credential)." })
  url!: string;
}

@ObjectType({ simpleResolvers: true, description: "The Ed25519 public key reports are signed with." })
export class ReportSigningKey {
  @Field(() => String, { description: "First 16 hex digits of the SHA-256 of the key's SubjectPublicKeyInfo." })
  keyId!: string;

  @Field(() => String, { description: "PEM (SPKI)." })
  publicKey!: string;

  @Field(() => Boolean, { description: "True when the server was started without REPORT_SIGNING_KEY (demo, tests)." })
  ephemeral!: boolean;
}
