import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { randomUscc } from "../../support/random-identifiers.js";
import { authFetch } from "../../support/test-credentials.js";
import { until } from "../drills/drill-support.js";

/**
 * Parties, events and subscriptions for the notification tests, made through a running server's API (GraphQL as
 * the test ADMIN, REST as the party's own key), so the drills' servers and the in-process app are set up alike.
 */
export async function gql<T>(base: string, query: string, variables: Record<string, unknown>, as?: string) {
  const res = await authFetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
    ...(as ? { as } : {}),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

export interface Party {
  org: string;
  /** A location it owns (an SGLN), where its events happen. */
  site: string;
  /** An API key of the party, role PARTNER unless said otherwise. */
  key: string;
}

const GCP = "0614141";
const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, "0");

export async function newParty(base: string, role = "PARTNER"): Promise<Party> {
  const org = randomUscc("440101");
  const site = `urn:epc:id:sgln:${GCP}.${digits(5)}.0`;
  await gql(base, `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`, {
    input: { id: org, name: `Notify ${org.slice(-6)}`, roles: ["DISTRIBUTOR"] },
  });
  await gql(base, `mutation($input: LocationInput!) { upsertLocation(input: $input) { id } }`, {
    input: { id: site, regionCode: "440101", organizationId: org },
  });
  const { createApiKey } = await gql<{ createApiKey: { key: string } }>(
    base,
    `mutation($org: String!, $role: AccessRole!) { createApiKey(organizationId: $org, role: $role) { key } }`,
    { org, role },
  );
  return { org, site, key: createApiKey.key };
}

/** An ObjectEvent OBSERVE of one new item at `site`; its eventID. */
export function observation(site: string): { eventID: string; event: Record<string, unknown> } {
  const eventID = `urn:uuid:${randomUUID()}`;
  return {
    eventID,
    event: {
      type: "ObjectEvent",
      eventID,
      eventTime: new Date().toISOString(),
      eventTimeZoneOffset: "+08:00",
      epcList: [`urn:epc:id:sgtin:${GCP}.107346.${digits(9)}`],
      action: "OBSERVE",
      bizStep: "inspecting",
      readPoint: { id: site },
      bizLocation: { id: site },
    },
  };
}

/** Captures events in one document, as `key`, and waits for the write (GraphQL captureEpcis is synchronous). */
export async function capture(base: string, key: string, events: Record<string, unknown>[]): Promise<void> {
  const document = {
    "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: new Date().toISOString(),
    epcisBody: { eventList: events },
  };
  const data = await gql<{ captureEpcis: { accepted: number } }>(
    base,
    `mutation($document: JSONObject!) { captureEpcis(document: $document) { accepted } }`,
    { document },
    key,
  );
  expect(data.captureEpcis.accepted).toBe(events.length);
}

export interface SubscriptionOptions {
  query?: Record<string, unknown>;
  signatureToken?: string;
  schedule?: Record<string, string>;
  reportIfEmpty?: boolean;
  initialRecordTime?: string;
}

/** A named query (every event, unless `query` says otherwise) and a streaming subscription of it; its id. */
export async function subscribe(base: string, key: string, dest: string, options: SubscriptionOptions = {}) {
  const name = `q-${randomUUID().slice(0, 8)}`;
  const created = await authFetch(`${base}/queries`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, query: options.query ?? {} }),
    as: key,
  });
  expect(created.status).toBe(201);
  const { query: _query, ...rest } = options;
  const subscribed = await authFetch(`${base}/queries/${name}/subscriptions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ dest, ...(rest.schedule ? {} : { stream: true }), ...rest }),
    as: key,
  });
  const body = (await subscribed.json()) as { subscriptionID: string };
  expect(subscribed.status, JSON.stringify(body)).toBe(201);
  made.push({ name, key });
  return { name, id: body.subscriptionID };
}

const made: { name: string; key: string }[] = [];

/**
 * Deletes the queries the tests made (their subscriptions end with them), so no streaming subscription outlives its
 * test: while one exists, every capture of every test writes an outbox change.
 */
export async function deleteQueries(base: string): Promise<void> {
  for (const { name, key } of made.splice(0)) {
    await authFetch(`${base}/queries/${name}`, { method: "DELETE", as: key });
  }
}

/** Waits until `probe` holds (polling; the tests never assert on time). */
export async function eventually(what: string, probe: () => boolean, timeoutMs = 60_000): Promise<void> {
  await until(what, async () => (probe() ? true : undefined), timeoutMs);
}
