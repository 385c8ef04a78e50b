import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { OPERATOR } from "../../../src/access/principal.js";
import { OrgRole } from "../../../src/registry/org-role.js";
import { createServices } from "../../../src/root/services.js";
import { TEST_ADMIN_API_KEY } from "../../support/test-credentials.js";
import { testApplication, uniqueSuffix } from "../../support/test-services.js";
import { PlanBuilder } from "../../support/plan-builder.js";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { dataOf } from "../../support/test-api.js";
import { useTestApp } from "../../support/test-app.js";
import { until } from "../drills/drill-support.js";
import { capture, eventually, newParty, observation, type Party } from "./notify-fixtures.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  SHIP,
  cableBatch,
  cableProduct,
  registerChain,
  type BatchData,
  type IssueData,
  type ProductData,
} from "../producer/producer-fixtures.js";

/**
 * Issue 18 item 2: GraphQL subscriptions over graphql-ws on the app's own port (/graphql), with a real graphql-ws
 * client and the app's notification worker on the real Neo4j. Items come through the outbox, as a webhook's do.
 * Every wait polls for an outcome; none asserts on time.
 */
const app = useTestApp();

interface Received<T> {
  values: T[];
  errors: unknown[];
  completed: boolean;
  dispose: () => void;
}

const clients: Client[] = [];

function connect(credential: string | null): Client {
  const client = createClient({
    url: `${app.base.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: credential ? { authorization: `Bearer ${credential}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  clients.push(client);
  return client;
}

/**
 * Subscribes, and waits until the server has stored the subscription (so what is written next is fanned out to it),
 * or, for jobProgress (read from the job record), its first answer.
 */
async function subscribe<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const opened = app.services.live.opened;
  const received: Received<T> = { values: [], errors: [], completed: false, dispose: () => undefined };
  received.dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.data) received.values.push(result.data as T);
        if (result.errors) received.errors.push(...result.errors);
      },
      error: (error) => received.errors.push(error),
      complete: () => {
        received.completed = true;
      },
    },
  );
  const job = query.includes("jobProgress");
  await eventually("the subscription held", () =>
    job
      ? received.values.length + received.errors.length > 0
      : app.services.live.opened > opened || received.errors.length > 0,
  );
  return received;
}

beforeAll(async () => {
  (await testApplication()).notify.start();
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await (await testApplication()).notify.stop(Date.now() + 5_000);
});

describe("eventCaptured", { timeout: 120_000 }, () => {
  let partner: Party;
  let other: Party;

  beforeAll(async () => {
    partner = await newParty(app.base);
    other = await newParty(app.base);
  });

  it("a partner receives the events it may see, never another party's; a regulator receives both", async () => {
    const regulator = await newParty(app.base, "REGULATOR");
    const asPartner = await subscribe<{ eventCaptured: { eventId: string } }>(
      connect(partner.key),
      `subscription { eventCaptured { eventId eventTime event } }`,
    );
    const asRegulator = await subscribe<{ eventCaptured: { eventId: string } }>(
      connect(regulator.key),
      `subscription($f: EpcisEventFilter) { eventCaptured(filter: $f) { eventId } }`,
      { f: { EQ_bizLocation: [other.site, partner.site] } },
    );

    const hidden = observation(other.site);
    await capture(app.base, other.key, [hidden.event]);
    const own = observation(partner.site);
    await capture(app.base, partner.key, [own.event]);

    await eventually("the partner's own event", () =>
      asPartner.values.some((v) => v.eventCaptured.eventId === own.eventID),
    );
    await eventually("both at the regulator", () => asRegulator.values.length >= 2);
    expect(asRegulator.values.map((v) => v.eventCaptured.eventId)).toEqual([hidden.eventID, own.eventID]);
    // In order per subscription: the hidden event, written before the partner's own, was never sent to the partner.
    expect(asPartner.values.map((v) => v.eventCaptured.eventId)).toEqual([own.eventID]);
    expect(asPartner.errors).toEqual([]);
    asPartner.dispose();
    asRegulator.dispose();
  });

  it("a filter narrows what is sent (EQ_bizStep)", async () => {
    const received = await subscribe<{ eventCaptured: { eventId: string } }>(
      connect(partner.key),
      `subscription { eventCaptured(filter: { EQ_bizStep: ["shipping"] }) { eventId } }`,
    );
    const inspecting = observation(partner.site);
    const shipping = observation(partner.site);
    shipping.event.bizStep = "shipping";
    await capture(app.base, partner.key, [inspecting.event, shipping.event]);
    await eventually("the shipping event", () => received.values.length >= 1);
    expect(received.values.map((v) => v.eventCaptured.eventId)).toEqual([shipping.eventID]);
    received.dispose();
  });

  it("a subscription the client completes is ended on the server too", async () => {
    await eventually("the earlier subscriptions ended", () => app.services.live.held === 0);
    const received = await subscribe(connect(partner.key), `subscription { eventCaptured { eventId } }`);
    expect(app.services.live.held).toBe(1);
    received.dispose();
    await eventually("the subscription ended", () => app.services.live.held === 0);
  });
});

describe("diversionAlertRaised", { timeout: 120_000 }, () => {
  it("an alert raised reaches the responsible partner; another party's alert does not", async () => {
    const services = app.services;
    const suffix = uniqueSuffix();
    const gd = `https://example.com/org/ws-gd-${suffix}`;
    const hn = `https://example.com/org/ws-hn-${suffix}`;
    for (const [id, region] of [
      [gd, "440000"],
      [hn, "430000"],
    ] as const) {
      await services.organizationService.upsertOrganization(
        { id, name: id, roles: [OrgRole.DISTRIBUTOR], regionCode: region, authorizedRegions: [region] },
        OPERATOR,
      );
    }
    const gdKey = await services.apiKeys.create({ organizationId: gd, role: "PARTNER", name: `ws ${suffix}` });
    const asGd = await subscribe<{ diversionAlertRaised: { id: string; rule: string; state: string } }>(
      connect(gdKey.key),
      `subscription { diversionAlertRaised { id rule state objectKey responsibleOrganization { id } } }`,
    );
    const asAdmin = await subscribe<{ diversionAlertRaised: { id: string } }>(
      connect(TEST_ADMIN_API_KEY),
      `subscription($f: DiversionFilter) { diversionAlertRaised(filter: $f) { id } }`,
      { f: { rule: "REGION_MISMATCH" } },
    );

    // First an alert only hn may see (hn's goods leaked into 44), then one of gd's (its goods in 43).
    const b = new PlanBuilder(suffix);
    const hnItem = b.item();
    const gdItem = b.item();
    b.ship(hnItem, hn, "2026-04-01T08:00:00Z").ship(gdItem, gd, "2026-04-01T08:00:00Z");
    const hidden = b.scan(hnItem, "440103", "2026-04-02T08:00:00Z");
    await services.flowWriter.write(b.plan);
    const b2 = new PlanBuilder(`${suffix}b`);
    const seen = b2.scan(gdItem, "430102", "2026-04-02T09:00:00Z");
    await services.flowWriter.write(b2.plan);

    await eventually("gd's alert", () => asGd.values.some((v) => v.diversionAlertRaised.id === seen));
    await eventually("both at the operator", () => asAdmin.values.length >= 2);
    expect(asAdmin.values.map((v) => v.diversionAlertRaised.id)).toEqual([hidden, seen]);
    expect(asGd.values).toEqual([
      {
        diversionAlertRaised: {
          id: seen,
          rule: "REGION_MISMATCH",
          state: "OPEN",
          objectKey: gdItem,
          responsibleOrganization: { id: gd },
        },
      },
    ]);
    asGd.dispose();
    asAdmin.dispose();
  });
});

describe("recallNoticeReceived", { timeout: 120_000 }, () => {
  it("a holder of recalled goods receives its notice; a holder of none receives nothing", async () => {
    const services = app.services;
    const orgs = await registerChain(uniqueSuffix());
    const maker = principalOf("MANUFACTURER", orgs.maker);
    const product = dataOf(
      await gqlAs<{ registerProduct: ProductData }>(maker, REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `ws-notice-${uniqueSuffix()}` }),
      }),
    ).registerProduct;
    const batch = dataOf(
      await gqlAs<{ createBatch: BatchData }>(maker, CREATE_BATCH, { input: cableBatch(product.id, "WS1") }),
    ).createBatch;
    const issued = dataOf(
      await gqlAs<{ issueCodes: IssueData }>(maker, ISSUE_CODES, { input: { batchId: batch.id, count: 2 }, first: 2 }),
    ).issueCodes;
    const items = issued.codes.edges.map((e) => e.node.value);
    dataOf(await gqlAs(maker, RELEASE, { batchId: batch.id }));
    dataOf(
      await gqlAs(maker, SHIP, {
        input: {
          codes: items,
          fromOrganizationId: orgs.maker,
          toOrganizationId: orgs.gdDistributor,
          shippedAt: "2026-02-01T00:00:00Z",
        },
      }),
    );
    const keyOf = async (org: string) =>
      (await services.apiKeys.create({ organizationId: org, role: "PARTNER", name: "ws notices" })).key;
    const holder = await subscribe<{ recallNoticeReceived: { id: string; batchId: string; holderId: string } }>(
      connect(await keyOf(orgs.gdDistributor)),
      `subscription { recallNoticeReceived { id batchId holderId objectCount instructions } }`,
    );
    const bystander = await subscribe<{ recallNoticeReceived: { id: string } }>(
      connect(await keyOf(orgs.hnDistributor)),
      `subscription { recallNoticeReceived { id } }`,
    );

    dataOf(
      await gqlAs(maker, `mutation($id: ID!) { recallBatch(batchId: $id, reason: "绝缘层厚度不合格") { status } }`, {
        id: batch.id,
      }),
    );

    await eventually("the holder's notice", () => holder.values.length >= 1);
    expect(holder.values[0]!.recallNoticeReceived).toMatchObject({
      batchId: batch.id,
      holderId: orgs.gdDistributor,
      objectCount: 2,
    });
    // The bystander's subscription was fanned out with the same change: had it matched, it was queued before now.
    expect(bystander.values).toEqual([]);
    holder.dispose();
    bystander.dispose();
  });
});

describe("jobProgress", { timeout: 120_000 }, () => {
  it("follows a code issuance job to DONE, then completes; another maker's job is NOT_FOUND", async () => {
    const application = await testApplication();
    const orgs = await registerChain(uniqueSuffix());
    const maker = principalOf("MANUFACTURER", orgs.maker);
    const product = dataOf(
      await gqlAs<{ registerProduct: ProductData }>(maker, REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `ws-job-${uniqueSuffix()}` }),
      }),
    ).registerProduct;
    const batch = dataOf(
      await gqlAs<{ createBatch: BatchData }>(maker, CREATE_BATCH, { input: cableBatch(product.id, "WSJOB") }),
    ).createBatch;
    // Any count above the inline limit is a job: a tiny limit makes a small job.
    const issuer = createServices(application.config, application.logger, application.repositories, {
      issuance: { inlineLimit: 10 },
    }).producer.issuance;
    const issued = await issuer.issueCodes({ batchId: batch.id, count: 500 }, maker);
    const jobId = issued.job!.id;

    const makerKey = await app.services.apiKeys.create({
      organizationId: orgs.maker,
      role: "MANUFACTURER",
      name: "ws",
    });
    const progress = await subscribe<{ jobProgress: { id: string; status: string; done: number; total: number } }>(
      connect(makerKey.key),
      `subscription($id: String!) { jobProgress(id: $id) { id status done total } }`,
      { id: jobId },
    );
    await eventually("the job followed to its end", () => progress.completed);
    expect(progress.errors).toEqual([]);
    expect(progress.values.at(-1)!.jobProgress).toEqual({ id: jobId, status: "DONE", done: 500, total: 500 });
    const dones = progress.values.map((v) => v.jobProgress.done);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);

    const stranger = await newParty(app.base, "MANUFACTURER");
    const refused = await subscribe(
      connect(stranger.key),
      `subscription($id: String!) { jobProgress(id: $id) { id } }`,
      {
        id: jobId,
      },
    );
    await eventually("the refusal", () => refused.errors.length > 0);
    expect(refused.errors[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    expect(refused.values).toEqual([]);
  });
});

describe("authentication", { timeout: 60_000 }, () => {
  const closeOf = async (credential: string | null) => {
    const client = connect(credential);
    let closed: { code: number; reason: string } | undefined;
    client.on("closed", (event) => {
      const e = event as { code: number; reason: string };
      closed = { code: e.code, reason: e.reason };
    });
    const errors: unknown[] = [];
    client.subscribe(
      { query: `subscription { eventCaptured { eventId } }` },
      {
        next: () => undefined,
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    return until("the socket closed", async () => closed);
  };

  it("refuses a connection without a credential: closed with 4401 UNAUTHENTICATED", async () => {
    const closed = await closeOf(null);
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^UNAUTHENTICATED/);
  });

  it("refuses a connection with an unknown API key the same way", async () => {
    const closed = await closeOf("tgk_not-a-key-that-exists-000000000000");
    expect(closed.code).toBe(4401);
  });
});
