import { Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { PAGE_LIMITS, type ListKind } from "../../paging/page-limits.js";

/**
 * Relay paging arguments with their bounds on the class, checked by the argument validator before a resolver runs:
 * one factory, one subclass per kind of list, each with its documented maximum (PAGE_LIMITS).
 */
export function PageArgs(kind: ListKind, defaultFirst: number) {
  const max = PAGE_LIMITS[kind];
  const message = `first must be from 1 to ${max}`;

  @ArgsType()
  abstract class PageArgsOf {
    @Field(() => Int, { defaultValue: defaultFirst, description: `Page size, 1-${max}.` })
    @Min(1, { message })
    @Max(max, { message })
    first!: number;

    @Field(() => String, { nullable: true, description: "The `endCursor` of the previous page; none for the first." })
    after?: string | null;
  }
  return PageArgsOf;
}

@ArgsType()
export class AlertPageArgs extends PageArgs("alerts", 50) {}

@ArgsType()
export class RecallObjectsPageArgs extends PageArgs("recallObjects", 100) {}

@ArgsType()
export class CodePageArgs extends PageArgs("codes", 100) {}

@ArgsType()
export class RevisionPageArgs extends PageArgs("revisions", 50) {}

@ArgsType()
export class EventPageArgs extends PageArgs("events", 50) {}

@ArgsType()
export class FindingPageArgs extends PageArgs("findings", 50) {}

@ArgsType()
export class ListPageArgs extends PageArgs("lists", 50) {}
