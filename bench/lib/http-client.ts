import http from "node:http";

/**
 * A minimal keep-alive JSON client over node:http (cheaper per request than fetch), used for both GraphQL servers so
 * neither side pays a different client cost. The whole body is read and parsed: a client needs the answer.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * The credential every bench request carries: our server is started with it as ADMIN_API_KEY (lib/servers.ts); the
 * @neo4j/graphql baseline ignores the header. Bench-only, like the throwaway databases it runs on.
 */
export const BENCH_ADMIN_API_KEY = "tracegraph-bench-admin-key-0123456789abcdef";
export const BENCH_AUTHORIZATION = `Bearer ${BENCH_ADMIN_API_KEY}`;

export interface GraphqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  bytes: number;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface HttpRequestOptions {
  method?: "GET" | "POST" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  contentType?: string;
  authorization?: string;
}

/** One request on the shared keep-alive agent, answered whatever its status (callers judge the status). */
export function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpAnswer> {
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const headers: http.OutgoingHttpHeaders = {
    accept: "application/json",
    authorization: options.authorization ?? BENCH_AUTHORIZATION,
  };
  if (payload) {
    headers["content-type"] = options.contentType ?? "application/json";
    headers["content-length"] = payload.length;
  }
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? "POST", agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(payload);
  });
}

export async function postJson<T>(
  url: string,
  body: unknown,
  authorization: string = BENCH_AUTHORIZATION,
): Promise<GraphqlResponse<T>> {
  const { status, text } = await httpRequest(url, { body, authorization });
  try {
    return { ...(JSON.parse(text) as Omit<GraphqlResponse<T>, "bytes">), bytes: text.length };
  } catch {
    throw new Error(`${url}: HTTP ${status}, not JSON: ${text.slice(0, 200)}`);
  }
}

/** Posts a GraphQL operation and fails on GraphQL errors: a benchmark must never time an error. */
/** `authorization`: the header to send; the bench's ADMIN key unless a measure reads as a party. */
export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  authorization: string = BENCH_AUTHORIZATION,
): Promise<T> {
  const response = await postJson<T>(`${url}/graphql`, { query, variables }, authorization);
  if (response.errors?.length || response.data === undefined) {
    const message = response.errors?.map((e) => `${String(e.extensions?.code ?? "")} ${e.message}`).join("; ");
    throw new GraphqlError(message ?? "no data");
  }
  return response.data;
}

export class GraphqlError extends Error {}

export function closeHttpAgent(): void {
  agent.destroy();
}
