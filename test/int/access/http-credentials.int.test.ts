import { beforeAll, describe, expect, it } from "vitest";
import { generateApiKey } from "../../../src/access/api-key-format.js";
import { UNAUTHENTICATED_MESSAGE } from "../../../src/errors/app-errors.js";
import { gqlData } from "../../support/test-api.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch, TEST_ADMIN_API_KEY } from "../../support/test-credentials.js";
import { randomUscc } from "../../support/random-identifiers.js";
import { makeBatch, type MadeBatch } from "../http/http-fixtures.js";
import { registerOrganization } from "./access-fixtures.js";
import { uniqueSuffix } from "../../support/test-services.js";

const CREATE_KEY = `mutation($org: String!, $role: AccessRole!, $expiresAt: DateTime) {
  createApiKey(organizationId: $org, role: $role, expiresAt: $expiresAt) { id key }
}`;
const REVOKE_KEY = "mutation($id: ID!) { revokeApiKey(id: $id) }";
const UPSERT_ORG = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`;
const ORGANIZATION = `query($id: String!) { organization(id: $id) { id } }`;

const GRAPHQL_401 = { errors: [{ message: UNAUTHENTICATED_MESSAGE, extensions: { code: "UNAUTHENTICATED" } }] };
const REST_401 = { error: { code: "UNAUTHENTICATED", message: UNAUTHENTICATED_MESSAGE } };

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text, and any toEqual against an object fails showing it
  }
  return { status: response.status, headers: response.headers, body };
}

/** The whole HTTP app as the server runs it: who gets in, and what the others get. */
describe("credentials over HTTP (API-CONTRACT §6)", () => {
  const server = useTestApp();
  const suffix = uniqueSuffix();
  let batch: MadeBatch;
  let org: string;
  const keys = { partner: { id: "", key: "" }, revoked: "", expired: "" };

  beforeAll(async () => {
    batch = await makeBatch({ suffix, count: 1, release: true });
    org = await registerOrganization();
    keys.partner = (
      await gqlData<{ createApiKey: { id: string; key: string } }>(CREATE_KEY, { org, role: "PARTNER" })
    ).createApiKey;
    const revoked = (await gqlData<{ createApiKey: { id: string; key: string } }>(CREATE_KEY, { org, role: "PARTNER" }))
      .createApiKey;
    await gqlData(REVOKE_KEY, { id: revoked.id });
    keys.revoked = revoked.key;
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    keys.expired = (
      await gqlData<{ createApiKey: { key: string } }>(CREATE_KEY, { org, role: "REGULATOR", expiresAt })
    ).createApiKey.key;
    await new Promise((resolve) => setTimeout(resolve, 1_600));
  });

  /** Every protected route: method, path, and whether it answers the GraphQL way. */
  function protectedRoutes(): { method: string; path: string; body?: string; graphql: boolean }[] {
    const code = encodeURIComponent(batch.codes[0] ?? "");
    const batchId = encodeURIComponent(batch.batch.id);
    return [
      { method: "POST", path: "/graphql", body: JSON.stringify({ query: "{ __typename }" }), graphql: true },
      { method: "GET", path: "/graphql?query=%7B__typename%7D", graphql: true },
      { method: "POST", path: "/epcis/capture", body: JSON.stringify({ type: "EPCISDocument" }), graphql: false },
      { method: "GET", path: "/epcis/capture/00000000-0000-4000-8000-000000000000", graphql: false },
      { method: "GET", path: "/epcis/events", graphql: false },
      { method: "GET", path: `/batches/${batchId}/labels.pdf?mark=false`, graphql: false },
      { method: "GET", path: `/batches/${batchId}/codes.csv?mark=false`, graphql: false },
      { method: "GET", path: `/recalls/${code}.csv`, graphql: false },
      { method: "GET", path: "/no/such/route", graphql: false },
    ];
  }

  async function call(route: { method: string; path: string; body?: string }, as: string | null): Promise<Answer> {
    return read(
      await authFetch(`${server.base}${route.path}`, {
        as,
        method: route.method,
        headers: { "content-type": "application/json", accept: "application/json" },
        body: route.body,
      }),
    );
  }

  it("answers 401 UNAUTHENTICATED with one body for a missing, malformed, unknown, expired or revoked credential on every protected route", async () => {
    const bad: [string, string | null][] = [
      ["missing", null],
      ["malformed", "tgk_123"],
      ["unknown", generateApiKey().key],
      ["expired", keys.expired],
      ["revoked", keys.revoked],
      ["near miss of ADMIN_API_KEY", `${TEST_ADMIN_API_KEY.slice(0, -1)}x`],
    ];
    for (const route of protectedRoutes()) {
      for (const [what, credential] of bad) {
        const answer = await call(route, credential);
        const at = `${what} credential on ${route.method} ${route.path}`;
        expect(answer.status, at).toBe(401);
        expect(answer.headers.get("www-authenticate"), at).toBe('Bearer realm="tracegraph"');
        expect(answer.body, at).toEqual(route.graphql ? GRAPHQL_401 : REST_401);
      }
    }
  });

  it("does nothing for a refused credential: a mutation sent with it writes nothing", async () => {
    const id = randomUscc();
    const mutation = { query: UPSERT_ORG, variables: { input: { id, name: `Refused ${suffix}`, roles: [] } } };
    const answer = await read(
      await authFetch(`${server.base}/graphql`, {
        as: keys.revoked,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(mutation),
      }),
    );
    expect(answer.status).toBe(401);
    expect((await gqlData<{ organization: unknown }>(ORGANIZATION, { id })).organization).toBeNull();
  });

  it("refuses introspection without a credential and answers it with one", async () => {
    const introspect = (as: string | null) =>
      authFetch(`${server.base}/graphql`, {
        as,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __schema { queryType { name } } }" }),
      });
    const refused = await read(await introspect(null));
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain("Query");
    const answered = await read(await introspect(keys.partner.key));
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
  });

  it("serves the public routes without a credential", async () => {
    const code = batch.codes[0] ?? "";
    const publicPaths: [string, string][] = [
      ["/healthz", "application/json"],
      ["/readyz", "application/json"],
      [`/t/${code}`, "text/html"],
      [`/t/${code}`, "application/json"],
      [`/codes/${code}.svg`, "image/svg+xml"],
      [`/codes/${code}.png`, "image/png"],
      ["/graphql", "text/html"],
      ["/ide/ide.js", "text/javascript"],
      ["/ide/graphiql.css", "text/css"],
    ];
    for (const [path, accept] of publicPaths) {
      const response = await fetch(`${server.base}${path}`, { headers: { accept } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toContain(accept);
      await response.arrayBuffer();
    }
    // The Digital Link resolver: a GTIN's product page (404 for one we do not know is still an answer, not a 401).
    const link = await fetch(`${server.base}/01/09506000134352/21/NOPE${suffix}`, {
      headers: { accept: "application/json" },
    });
    expect(link.status).toBe(404);
    expect(await link.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("lets a created key in, as its organisation and role, until it is revoked", async () => {
    const key = (await gqlData<{ createApiKey: { id: string; key: string } }>(CREATE_KEY, { org, role: "REGULATOR" }))
      .createApiKey;
    const events = () => authFetch(`${server.base}/epcis/events?perPage=1`, { as: key.key });
    const graphql = () =>
      authFetch(`${server.base}/graphql`, {
        as: key.key,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
    expect((await events()).status).toBe(200);
    expect(await read(await graphql())).toMatchObject({ status: 200, body: { data: { __typename: "Query" } } });

    await gqlData(REVOKE_KEY, { id: key.id });
    expect(await read(await events())).toMatchObject({ status: 401, body: REST_401 });
    expect(await read(await graphql())).toMatchObject({ status: 401, body: GRAPHQL_401 });
  });

  it("answers an unknown path 404 in JSON once authenticated, and 401 before (no route list for strangers)", async () => {
    const route = { method: "GET", path: "/no/such/route" };
    expect(await call(route, null)).toMatchObject({ status: 401, body: REST_401 });
    expect(await call(route, TEST_ADMIN_API_KEY)).toMatchObject({
      status: 404,
      body: { error: { code: "NOT_FOUND", message: "No route GET /no/such/route" } },
    });
  });

  it("keeps a non-ADMIN key out of the ADMIN-only key operations (FORBIDDEN)", async () => {
    const answer = await read(
      await authFetch(`${server.base}/graphql`, {
        as: keys.partner.key,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ apiKeys { id } }" }),
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ errors: [{ extensions: { code: "FORBIDDEN" } }] });
  });
});
