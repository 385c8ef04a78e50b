import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { OPERATOR } from "../../../src/access/principal.js";
import { OrgRole } from "../../../src/registry/org-role.js";
import { createApplication, type Application } from "../../../src/root/composition-root.js";
import { loadConfig } from "../../../src/root/config.js";
import { createApp, type App } from "../../../src/server/app.js";
import { ROUTES } from "../../../src/server/routes.js";
import { buildAppSchema } from "../../../src/server/schema.js";
import { PlanBuilder } from "../../support/plan-builder.js";
import { authFetch } from "../../support/test-credentials.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { eventually } from "./notify-fixtures.js";
import { WebhookReceiver, expectedSignature } from "./webhook-receiver.js";

/**
 * Issue 18: diversion alerts delivered to webhooks (`POST /alert-subscriptions`), by the outbox and the notification
 * worker of an in-process app allowed to post to 127.0.0.1. Every wait polls for an outcome; none asserts on time.
 */
const receiver = new WebhookReceiver();
let application: Application;
let app: App;
let base = "";

beforeAll(async () => {
  await receiver.start();
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: "silent",
    JOB_QUEUE: `alert-hooks-${process.pid}`,
    WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    NOTIFY_POLL_MS: "50",
  });
  application = createApplication({ config });
  await application.migrate();
  app = await createApp(application.services, await buildAppSchema(), application.readiness, {
    authenticator: await application.authenticator(),
    routes: ROUTES,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  application.notify.start();
});
afterAll(async () => {
  await application?.notify.stop(Date.now() + 5_000);
  await app?.apollo.stop();
  await application?.close();
  await receiver.stop();
});

async function post(path: string, body: unknown, as?: string) {
  const res = await authFetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    ...(as ? { as } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("alert webhooks", { timeout: 120_000 }, () => {
  it("an alert raised reaches the subscribers allowed to see it, signed, keyed by the alert's id", async () => {
    const services = application.services;
    const suffix = uniqueSuffix();
    const gd = `https://example.com/org/hook-gd-${suffix}`;
    const hn = `https://example.com/org/hook-hn-${suffix}`;
    for (const [id, region] of [
      [gd, "440000"],
      [hn, "430000"],
    ] as const) {
      await services.organizationService.upsertOrganization(
        { id, name: id, roles: [OrgRole.DISTRIBUTOR], regionCode: region, authorizedRegions: [region] },
        OPERATOR,
      );
    }
    const gdKey = (await services.apiKeys.create({ organizationId: gd, role: "PARTNER", name: `hook ${suffix}` })).key;
    const gdHook = receiver.hook();
    const adminHook = receiver.hook();
    const token = "alert-token";
    const made = await post("/alert-subscriptions", { dest: gdHook.url, signatureToken: token }, gdKey);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ dest: gdHook.url, filter: { states: ["OPEN", "ACKNOWLEDGED"] } });
    expect(made.body).not.toHaveProperty("signatureToken");
    const adminMade = await post("/alert-subscriptions", {
      dest: adminHook.url,
      filter: { rule: "REGION_MISMATCH" },
    });
    expect(adminMade.status).toBe(201);

    // First an alert only hn may see (its goods scanned in 44), then one of gd's (its goods scanned in 43).
    const b = new PlanBuilder(suffix);
    const hnItem = b.item();
    const gdItem = b.item();
    b.ship(hnItem, hn, "2026-04-01T08:00:00Z").ship(gdItem, gd, "2026-04-01T08:00:00Z");
    const hidden = b.scan(hnItem, "440103", "2026-04-02T08:00:00Z");
    await application.repositories.flowWriter.write(b.plan);
    const b2 = new PlanBuilder(`${suffix}b`);
    const seen = b2.scan(gdItem, "430102", "2026-04-02T09:00:00Z");
    await application.repositories.flowWriter.write(b2.plan);

    await eventually("gd's alert posted", () => receiver.accepted(gdHook.name).some((c) => c.keys.includes(seen)));
    // The operator sees every alert: other test files raising alerts at the same time reach its hook too.
    const operatorGot = () =>
      receiver
        .accepted(adminHook.name)
        .flatMap((c) => c.keys)
        .filter((key) => key === hidden || key === seen);
    await eventually("both posted to the operator", () => operatorGot().length >= 2);
    expect(operatorGot()).toEqual([hidden, seen]);
    // In order: the hidden alert, raised first, was never queued for gd.
    expect(receiver.calls(gdHook.name).flatMap((c) => c.keys)).toEqual([seen]);
    const [callback] = receiver.accepted(gdHook.name);
    expect(callback!.signature).toBe(expectedSignature(callback!.body, token));
    const body = JSON.parse(callback!.body) as {
      type: string;
      alerts: { id: string; rule: string; objectKey: string }[];
    };
    expect(body.type).toBe("DiversionAlerts");
    expect(body.alerts).toEqual([expect.objectContaining({ id: seen, rule: "REGION_MISMATCH", objectKey: gdItem })]);
  });

  it("refuses a destination off the allow-list and a filter of the wrong form, naming the field", async () => {
    const off = await post("/alert-subscriptions", { dest: "https://hooks.example.org/x" });
    expect(off.status).toBe(400);
    expect(JSON.stringify(off.body)).toContain("dest");
    const bad = await post("/alert-subscriptions", { dest: `${base}/x`.replace(/:\d+/, ""), filter: { region: "44" } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("region");
  });

  it("lists, reads and ends a subscription of the caller's own", async () => {
    const hook = receiver.hook();
    const made = await post("/alert-subscriptions", { dest: hook.url });
    const id = String(made.body.subscriptionID);
    const list = (await (await authFetch(`${base}/alert-subscriptions`)).json()) as {
      subscriptions: { subscriptionID: string }[];
    };
    expect(list.subscriptions.map((s) => s.subscriptionID)).toContain(id);
    expect((await authFetch(`${base}/alert-subscriptions/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await authFetch(`${base}/alert-subscriptions/${id}`)).status).toBe(404);
  });
});
