/**
 * The credential tests act with unless they say otherwise: the operator's ADMIN_API_KEY, which test/setup.ts puts in
 * the environment of every test worker before any configuration is loaded. Fixed and test-only (32+ characters, as
 * Config requires); an ADMIN can do everything, so the tests of what they test need no key of their own.
 */
export const TEST_ADMIN_API_KEY = "tracegraph-test-admin-key-0123456789abcdef";

/** `Authorization: Bearer <credential>` as a headers object. */
export function bearer(credential: string = TEST_ADMIN_API_KEY): { authorization: string } {
  return { authorization: `Bearer ${credential}` };
}

export interface AuthFetchInit extends RequestInit {
  /** The credential to send instead of the test ADMIN's; null sends none. */
  as?: string | null;
}

/**
 * fetch with the test ADMIN's credential (or `as`), unless the request names its own Authorization header: for the
 * routes that need a credential (/graphql, the EPCIS, label, code list and recall routes).
 */
export function authFetch(input: string | URL, init: AuthFetchInit = {}): Promise<Response> {
  const { as, ...rest } = init;
  const headers = new Headers(rest.headers);
  const credential = as === undefined ? TEST_ADMIN_API_KEY : as;
  if (credential !== null && !headers.has("authorization")) headers.set("authorization", `Bearer ${credential}`);
  return fetch(input, { ...rest, headers });
}
