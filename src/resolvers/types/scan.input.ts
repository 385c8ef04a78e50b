import { Length } from "class-validator";
import { Field, InputType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { ScanRole } from "../../producer/producer-enums.js";
import type { ScanRequest } from "../../producer/producer-requests.js";

registerEnumType(ScanRole, { name: "ScanRole", description: "Who scanned a code in the market." });

@InputType({ description: "A market scan of a code in a region; judged for diversion (防窜) when recorded." })
export class ScanInput implements ScanRequest {
  @Field(() => String)
  @Length(1, 300)
  code!: string;

  @Field(() => String, { description: "GB/T 2260 six-digit region code where the scan happened." })
  regionCode!: string;

  @Field(() => GraphQLDateTime)
  scannedAt!: Date;

  @Field(() => ScanRole)
  role!: ScanRole;

  @Field(() => String, { nullable: true, description: "Your id for this scan: recording it again is a no-op." })
  @Length(1, 100)
  scanId?: string | null;
}
