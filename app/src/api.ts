/** The explorer talks to the public GraphQL API only, with the credential the person signed in with. */

const KEY_STORAGE = "tracegraph.apiKey";

export function storedKey(): string | null {
  try {
    return window.sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

export function storeKey(key: string | null): void {
  if (key === null) window.sessionStorage.removeItem(KEY_STORAGE);
  else window.sessionStorage.setItem(KEY_STORAGE, key);
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

let language = "zh-CN";
export function setApiLanguage(lang: string): void {
  language = lang;
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const key = storedKey();
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "accept-language": language,
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  let body: GraphQLAnswer<T>;
  try {
    body = (await response.json()) as GraphQLAnswer<T>;
  } catch {
    throw new ApiError(`HTTP ${response.status}`, "HTTP_ERROR");
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? "ERROR", first.extensions?.field ?? null);
  if (!body.data) throw new ApiError(`HTTP ${response.status}`, "HTTP_ERROR");
  return body.data;
}

/** A protected download (CSV): fetched with the credential, then saved from a blob URL. */
export async function download(path: string, filename: string): Promise<void> {
  const key = storedKey();
  const response = await fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(problem?.error?.message ?? `HTTP ${response.status}`, problem?.error?.code ?? "HTTP_ERROR");
  }
  saveBlob(await response.blob(), filename);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
