import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { ScanGrouping } from "../../research/scan-grouping.js";

registerEnumType(ScanGrouping, {
  name: "ScanGrouping",
  description: "What scan statistics are grouped by: product, batch, province or city of the scan, day (China time).",
});

@ObjectType({ simpleResolvers: true, description: "Scans of one group (市场调研): consumer scans and channel scans." })
export class ScanStatistic {
  @Field(() => String, { nullable: true, description: "Set when grouped by PRODUCT." })
  productId!: string | null;

  @Field(() => String, { nullable: true, description: "Set when grouped by BATCH." })
  batchId!: string | null;

  @Field(() => String, { nullable: true, description: "Province (xx0000) or city (xxxx00) code when so grouped." })
  regionCode!: string | null;

  @Field(() => String, { nullable: true, description: "The province's name, e.g. 广东省." })
  regionName!: string | null;

  @Field(() => String, { nullable: true, description: "`YYYY-MM-DD` (China time) when grouped by DAY." })
  day!: string | null;

  @Field(() => Int, { description: "Scans by consumers (the consumer page and consumer scans)." })
  consumerScans!: number;

  @Field(() => Int, { description: "Scans in the channel: retailers, inspectors, logistics." })
  channelScans!: number;

  @Field(() => Int)
  scans!: number;
}
