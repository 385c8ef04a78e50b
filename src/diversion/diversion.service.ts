import type { AlertFilter, AlertRecord, AlertRepository } from "../graph/alert.repository.js";
import { SELF_NAMED, type OrganizationIdResolver } from "../registry/organization-aliases.js";
import { afterPosition, keysetPage, type Page } from "../graph/keyset-page.js";
import { checkPageSize } from "../paging/page-limits.js";
import { canonicalOrganizationId, parseInputIdentifier, requireRegionCode } from "../registry/identifier-input.js";
import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";
import { AccessRole } from "../access/access-role.js";
import { assertWriteRole } from "../access/write-access.js";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors/app-errors.js";
import { plainName } from "../registry/plain-name.js";
import { ACTIVE_ALERT_STATES, ALERT_STEPS, type AlertState, type AlertStep } from "./alert-state.js";

export type AlertPage = Page<AlertRecord>;
export type { AlertRecord };

export interface AlertFilterInput {
  /** Default: the alerts still to be dealt with (OPEN, ACKNOWLEDGED). */
  states?: readonly AlertState[] | null;
  rule?: string | null;
  organizationId?: string | null;
  region?: string | null;
  objectKey?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** 防窜: stored diversion alerts, newest first, and re-judgement when an organisation's regions change. */
export class DiversionService {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly organizationId: OrganizationIdResolver = SELF_NAMED,
  ) {}

  async list(
    filter: AlertFilterInput | null | undefined,
    first: number,
    after: string | null,
    principal: Principal,
  ): Promise<AlertPage> {
    checkPageSize(first, "alerts");
    const cursor = afterPosition(after, ["datetime", "text"]);
    const normalized = normalizeFilter(filter ?? {});
    if (normalized.organizationId) normalized.organizationId = await this.organizationId(normalized.organizationId);
    const rows = await this.alerts.list(
      normalized,
      first,
      cursor ? { at: String(cursor[0]), id: String(cursor[1]) } : null,
      readScope(principal),
    );
    return keysetPage(rows, first, (a) => [a.scannedAt, a.id]);
  }

  /** A filter as the alert reads take it (checked; the organisation by its canonical id). */
  async normalizedFilter(filter: AlertFilterInput | null | undefined): Promise<AlertFilter> {
    const normalized = normalizeFilter(filter ?? {});
    if (normalized.organizationId) normalized.organizationId = await this.organizationId(normalized.organizationId);
    return normalized;
  }

  /**
   * One step of an alert's life (acknowledge, resolve, dismiss) by a party that may see the alert (API-CONTRACT §6:
   * its responsible organisation and the parties that originated its object; the operator); a regulator reads only.
   * An alert the caller may not see is NOT_FOUND like an unknown one; a step its state does not allow is CONFLICT.
   */
  async transition(id: string, to: AlertStep, note: string, principal: Principal): Promise<AlertRecord> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER, AccessRole.PARTNER], "change diversion alerts");
    const text = checkNote(note);
    const step = {
      id,
      to,
      from: ALERT_STEPS[to],
      actor: principal.credentialId,
      actorOrganizationId: principal.organizationId,
      note: text,
    };
    const result = await this.alerts.transition(step, readScope(principal));
    if (!result) throw new NotFoundError(`alert ${id} does not exist`, { field: "id", value: id });
    if (!(ALERT_STEPS[to] as readonly AlertState[]).includes(result.before)) {
      throw new ConflictError(`alert ${id} is ${result.before}: it cannot become ${to}`, { id, state: result.before });
    }
    return result.alert;
  }

  /** Judges an organisation's scans again; the alerts the change explains are resolved by `principal`, with `why`. */
  rejudgeOrganization(orgId: string, principal: Principal, why: string): Promise<number> {
    return this.alerts.rejudgeForOrganization(orgId, {
      actor: principal.credentialId,
      actorOrganizationId: principal.organizationId,
      note: why,
    });
  }
}

const MAX_NOTE = 2_000;

/** A step's note: required, plain text, at most MAX_NOTE characters. */
function checkNote(note: string): string {
  const text = plainName(note, "note");
  if (text === "" || text.length > MAX_NOTE) {
    throw new BadUserInputError(`note must be 1 to ${MAX_NOTE} characters`, { field: "note", rule: "length" });
  }
  return text;
}

function normalizeFilter(filter: AlertFilterInput): AlertFilter {
  return {
    states: filter.states && filter.states.length > 0 ? [...new Set(filter.states)] : ACTIVE_ALERT_STATES,
    rule: filter.rule ?? null,
    organizationId: filter.organizationId
      ? canonicalOrganizationId(filter.organizationId, "filter.organizationId")
      : null,
    region: filter.region ? requireRegionCode(filter.region, "filter.region") : null,
    objectKey: filter.objectKey ? parseInputIdentifier(filter.objectKey, "filter.objectKey").key : null,
    from: filter.from ? filter.from.toISOString() : null,
    to: filter.to ? filter.to.toISOString() : null,
  };
}
