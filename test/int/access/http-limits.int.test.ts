import { beforeAll, describe, expect, it } from "vitest";
import { gqlData } from "../../support/test-api.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { randomUscc } from "../../support/random-identifiers.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { makeBatch, type MadeBatch } from "../http/http-fixtures.js";
import { registerOrganization } from "./access-fixtures.js";

const CREATE_KEY = `mutation($org: String!, $role: AccessRole!) { createApiKey(organizationId: $org, role: $role) { key } }`;
const ORGANIZATION = `query($id: String!) { organization(id: $id) { id } }`;

function postGraphql(base: string, query: string, as?: string | null, headers: Record<string, string> = {}) {
  return authFetch(`${base}/graphql`, {
    as,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
}

async function newKey(): Promise<string> {
  const org = await registerOrganization();
  return (await gqlData<{ createApiKey: { key: string } }>(CREATE_KEY, { org, role: "REGULATOR" })).createApiKey.key;
}

describe("rate limits", () => {
  // Tiny limits in an app of their own: the suite's own apps run with the configured (high) defaults.
  const server = useTestApp({ http: { rateLimitPerMinute: 3, publicRateLimitPerMinute: 2 } });

  it("answers 429 with Retry-After once a credential has used its allowance, on /graphql and REST alike", async () => {
    const key = await newKey();
    for (let i = 0; i < 3; i++) expect((await postGraphql(server.base, "{ __typename }", key)).status).toBe(200);

    const limited = await postGraphql(server.base, "{ __typename }", key);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(await limited.json()).toMatchObject({ errors: [{ extensions: { code: "RATE_LIMITED" } }] });

    const rest = await authFetch(`${server.base}/epcis/events`, { as: key });
    expect(rest.status).toBe(429);
    expect(rest.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await rest.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });

  it("counts each credential on its own: another key is still served", async () => {
    const first = await newKey();
    const second = await newKey();
    for (let i = 0; i < 4; i++) await (await postGraphql(server.base, "{ __typename }", first)).arrayBuffer();
    expect((await postGraphql(server.base, "{ __typename }", first)).status).toBe(429);
    expect((await postGraphql(server.base, "{ __typename }", second)).status).toBe(200);
  });

  it("limits the public pages per client address", async () => {
    const code = "0000-0000-0000-0000";
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.base}/codes/${encodeURIComponent(code)}.svg`);
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(await response.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
      } else await response.arrayBuffer();
    }
    expect(statuses[2]).toBe(429);
    // Health checks are never limited: an orchestrator must always see the truth.
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  });
});

describe("CORS", () => {
  const allowed = "https://console.example.com";
  const server = useTestApp({ http: { corsOrigins: [allowed] } });

  const preflight = (origin: string) =>
    fetch(`${server.base}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });

  it("answers a preflight of an allowed origin without a credential, allowing the Authorization header", async () => {
    const response = await preflight(allowed);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(response.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(response.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(response.headers.get("vary")).toMatch(/Origin/);
  });

  it("gives an origin not on the list no CORS headers, so a browser keeps the answer from its page", async () => {
    const response = await preflight("https://evil.example.net");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const call = await postGraphql(server.base, "{ __typename }", undefined, { origin: "https://evil.example.net" });
    expect(call.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets an allowed origin read answers, errors and the headers it needs", async () => {
    const ok = await postGraphql(server.base, "{ __typename }", undefined, { origin: allowed });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(ok.headers.get("access-control-expose-headers")).toMatch(/Retry-After/);
    const refused = await postGraphql(server.base, "{ __typename }", null, { origin: allowed });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(allowed);
  });

  it("allows no origin by default", async () => {
    expect(server.services.config.http.corsOrigins).toEqual([]);
  });
});

describe("security headers", () => {
  const server = useTestApp();
  const suffix = uniqueSuffix();
  let batch: MadeBatch;

  beforeAll(async () => {
    batch = await makeBatch({ suffix, count: 1, release: true });
  });

  it("sends the consumer page with its CSP, nosniff, no referrer and no framing", async () => {
    const response = await fetch(`${server.base}/t/${batch.codes[0] ?? ""}`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/script-src/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("sends the GraphQL IDE with a CSP that runs only our own script files", async () => {
    const response = await fetch(`${server.base}/graphql`, { headers: { accept: "text/html" } });
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const html = await response.text();
    // No inline script: every <script> has a src.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
    const script = await (await fetch(`${server.base}/ide/ide.js`)).text();
    expect(script).toContain("sessionStorage");
    expect(script).toContain('"Bearer "');
  });

  it("answers JSON errors with the same headers, and no HTML page for an unknown path", async () => {
    const response = await authFetch(`${server.base}/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("request bodies", () => {
  const server = useTestApp({ http: { graphqlBodyLimitBytes: 2_048, captureBodyLimitBytes: 4_096 } });

  it("refuses a /graphql body over its limit with 413 PAYLOAD_TOO_LARGE as a GraphQL error", async () => {
    const response = await postGraphql(server.base, `{ __typename } # ${"x".repeat(4_000)}`);
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
  });

  it("refuses an EPCIS document over the capture limit with 413 PAYLOAD_TOO_LARGE as a REST problem", async () => {
    const response = await authFetch(`${server.base}/epcis/capture`, {
      method: "POST",
      headers: { "content-type": "application/ld+json" },
      body: JSON.stringify({ type: "EPCISDocument", padding: "x".repeat(8_000) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("answers a body that is not JSON with 400 BAD_REQUEST in JSON", async () => {
    const response = await authFetch(`${server.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
  });

  it("never reads a body sent without a valid credential: 401, not 413", async () => {
    const response = await postGraphql(server.base, `{ __typename } # ${"x".repeat(4_000)}`, null);
    expect(response.status).toBe(401);
  });
});

describe("operation limits over HTTP", () => {
  const server = useTestApp();

  it("refuses an alias bomb before it runs, and keeps serving", async () => {
    const id = randomUscc();
    const send = (query: string, variables: Record<string, unknown>) =>
      authFetch(`${server.base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
    // 100 writes in one request (few tokens each, so it is the alias limit that refuses it, not the token limit).
    const upserts = Array.from({ length: 100 }, (_, i) => `o${i}: upsertOrganization(input: $input) { id }`);
    const input = { id, name: `bomb ${uniqueSuffix()}`, roles: [] };
    const bomb = await send(`mutation($input: OrganizationInput!) { ${upserts.join(" ")} }`, { input });
    expect(bomb.status).toBe(400);
    const body = (await bomb.json()) as { data?: unknown; errors: { extensions: { code: string; limit?: string } }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "aliases" });
    expect(body.data).toBeUndefined();
    // Not one of them ran.
    expect((await gqlData<{ organization: unknown }>(ORGANIZATION, { id })).organization).toBeNull();

    // 500 aliased traces (API-CONTRACT §6): refused alike.
    const traces = Array.from({ length: 500 }, (_, i) => `t${i}: downstream(code: $c) { root }`);
    const refused = await send(`query($c: String!) { ${traces.join(" ")} }`, { c: id });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: "QUERY_TOO_COMPLEX" } }] });

    const next = await postGraphql(server.base, "{ __typename }");
    expect(next.status).toBe(200);
    expect(await next.json()).toEqual({ data: { __typename: "Query" } });
  });
});
