import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { authFetch } from "../../support/test-credentials.js";
import { testApplication } from "../../support/test-services.js";
import { useTestApp } from "../../support/test-app.js";
import { capture, eventually, newParty, observation, type Party } from "./notify-fixtures.js";

/**
 * Issue 18 item 1: the EPCIS REST binding's WebSocket streaming, `GET /queries/{name}/events?stream=true`, on the
 * app's own port with the real notification worker and Neo4j. Each event arrives as an EPCISQueryDocument; a
 * partner's stream carries only what it may see (API-CONTRACT §6). Every wait polls for an outcome.
 */
const app = useTestApp();
const sockets: WebSocket[] = [];

async function namedQuery(key: string, query: Record<string, unknown> = {}): Promise<string> {
  const name = `ws-${randomUUID().slice(0, 8)}`;
  const created = await authFetch(`${app.base}/queries`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, query }),
    as: key,
  });
  expect(created.status).toBe(201);
  return name;
}

interface Stream {
  documents: Record<string, unknown>[];
  closed: boolean;
}

/** Opens the stream and resolves once the server holds its live subscription (what is captured next reaches it). */
async function openStream(name: string, key: string): Promise<{ ws: WebSocket; stream: Stream }> {
  const opened = app.services.live.opened;
  const ws = new WebSocket(`${app.base.replace(/^http/, "ws")}/queries/${name}/events?stream=true`, {
    headers: { authorization: `Bearer ${key}` },
  });
  sockets.push(ws);
  const stream: Stream = { documents: [], closed: false };
  ws.on("message", (data) => stream.documents.push(JSON.parse(String(data)) as Record<string, unknown>));
  ws.on("close", () => {
    stream.closed = true;
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  await eventually("the stream held", () => app.services.live.opened > opened);
  return { ws, stream };
}

/** The HTTP status an upgrade is refused with (no handshake). */
function refusedWith(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once("open", () => reject(new Error("the upgrade was accepted")));
    ws.once("error", () => undefined);
  });
}

function eventIds(stream: Stream): string[] {
  return stream.documents.flatMap((doc) => {
    const body = doc.epcisBody as { queryResults: { resultsBody: { eventList: { eventID: string }[] } } };
    return body.queryResults.resultsBody.eventList.map((e) => e.eventID);
  });
}

beforeAll(async () => {
  (await testApplication()).notify.start();
});
afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  await (await testApplication()).notify.stop(Date.now() + 5_000);
});

describe("GET /queries/{name}/events?stream=true (WebSocket)", { timeout: 120_000 }, () => {
  let partner: Party;
  let other: Party;

  beforeAll(async () => {
    partner = await newParty(app.base);
    other = await newParty(app.base);
  });

  it("streams each new event the partner may see as an EPCISQueryDocument, never another party's", async () => {
    const name = await namedQuery(partner.key);
    const { ws, stream } = await openStream(name, partner.key);
    const hidden = observation(other.site);
    await capture(app.base, other.key, [hidden.event]);
    const own = observation(partner.site);
    await capture(app.base, partner.key, [own.event]);
    await eventually("the partner's own event", () => eventIds(stream).includes(own.eventID));
    expect(eventIds(stream)).toEqual([own.eventID]);
    const [document] = stream.documents;
    expect(document?.type).toBe("EPCISQueryDocument");
    expect((document?.epcisBody as { queryResults: { queryName: string } }).queryResults.queryName).toBe(name);
    ws.close();
    await eventually("closed", () => stream.closed);
  });

  it("applies the named query's parameters", async () => {
    const name = await namedQuery(partner.key, { EQ_bizStep: ["shipping"] });
    const { ws, stream } = await openStream(name, partner.key);
    const inspecting = observation(partner.site);
    const shipping = observation(partner.site);
    shipping.event.bizStep = "shipping";
    await capture(app.base, partner.key, [inspecting.event, shipping.event]);
    await eventually("the shipping event", () => eventIds(stream).length >= 1);
    expect(eventIds(stream)).toEqual([shipping.eventID]);
    ws.close();
  });

  it("refuses without a valid credential (401) and for another party's or an unknown query (404)", async () => {
    const name = await namedQuery(partner.key);
    const url = `${app.base.replace(/^http/, "ws")}/queries/${name}/events?stream=true`;
    expect(await refusedWith(url, {})).toBe(401);
    expect(await refusedWith(url, { authorization: "Bearer not-a-key" })).toBe(401);
    expect(await refusedWith(url, { authorization: `Bearer ${other.key}` })).toBe(404);
    const unknown = `${app.base.replace(/^http/, "ws")}/queries/no-such-query/events?stream=true`;
    expect(await refusedWith(unknown, { authorization: `Bearer ${partner.key}` })).toBe(404);
  });
});
