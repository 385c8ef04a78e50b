import { type ErrorObject } from "ajv";
import { type CaptureErrorCode, type Issue } from "./capture-error.js";
import { pointerToken } from "./event-checks.js";

/**
 * Turns Ajv's errors for the EPCIS schema into a few readable issues. The schema is built from `anyOf`, `if/then`
 * and `propertyNames`, so one mistake yields a cascade (every branch that failed, then "must match a schema in
 * anyOf"); this keeps one issue per mistake:
 * - errors about a value a semantic check already reported (`claimed`) are dropped;
 * - the failed branches of an `anyOf` become one issue listing the alternatives ("has childEPCs; or …");
 * - wrapper errors (`if`, `allOf`, …) are dropped when a more specific error explains them.
 */
export const EVENT_PATH = /^\/epcisBody\/eventList\/(\d+)(?=\/|$)/;

const WRAPPERS = new Set(["anyOf", "allOf", "oneOf", "if"]);

interface Located {
  error: ErrorObject;
  /** Pointer of the value the error is about (a missing or extra property's own path). */
  path: string;
}

export function schemaIssues(errors: readonly ErrorObject[], claimed: readonly Issue[]): Issue[] {
  const withPropertyNames = new Set(errors.filter((e) => e.keyword === "propertyNames").map((e) => e.instancePath));
  const located = errors
    .filter((error) => !isPropertyNameNoise(error, withPropertyNames))
    .map((error) => ({ error, path: targetPath(error) }));
  const claimedPaths = new Set(claimed.map(({ path }) => path));
  const open = located.filter(({ path }) => !ancestorsOf(path).some((ancestor) => claimedPaths.has(ancestor)));
  // Paths with something more specific at or below them, including what was claimed or grouped away.
  const explained = new Set(
    [...located.filter(({ error }) => !WRAPPERS.has(error.keyword)).map(({ path }) => path), ...claimedPaths].flatMap(
      ancestorsOf,
    ),
  );
  const consumed = new Set<Located>();
  // Grouped per event, so a document with many bad events costs linear, not quadratic, time.
  const issues = [...groupByEvent(open).values()].flatMap((group) => anyOfGroups(group, consumed));
  for (const rest of open.filter((candidate) => !consumed.has(candidate))) {
    if (WRAPPERS.has(rest.error.keyword) && explained.has(rest.path)) continue;
    issues.push({ path: rest.path, code: codeOf(rest.error), message: describe(rest) });
  }
  return issues;
}

/** The path itself and every ancestor: `/a/b` -> `/a/b`, `/a`, ``. */
function ancestorsOf(path: string): string[] {
  const ancestors = [path];
  for (let cut = path.lastIndexOf("/"); cut >= 0; cut = path.lastIndexOf("/", cut - 1)) {
    ancestors.push(path.slice(0, cut));
    if (cut === 0) break;
  }
  return ancestors;
}

function groupByEvent(located: readonly Located[]): Map<string, Located[]> {
  const groups = new Map<string, Located[]>();
  for (const item of located) {
    const owner = EVENT_PATH.exec(item.error.instancePath)?.[0] ?? "";
    const group = groups.get(owner);
    if (group === undefined) groups.set(owner, [item]);
    else group.push(item);
  }
  return groups;
}

/** One issue per failed `anyOf`, outermost first, naming each alternative. */
function anyOfGroups(open: readonly Located[], consumed: Set<Located>): Issue[] {
  const depth = (located: Located): number =>
    located.error.instancePath.length * 1000 + located.error.schemaPath.length;
  const wrappers = open.filter(({ error }) => error.keyword === "anyOf").sort((a, b) => depth(a) - depth(b));
  const issues: Issue[] = [];
  for (const wrapper of wrappers) {
    if (consumed.has(wrapper)) continue;
    const branches = open.filter((other) => other !== wrapper && !consumed.has(other) && isBranchOf(other, wrapper));
    const alternatives = branches.filter(({ error }) => !WRAPPERS.has(error.keyword));
    if (alternatives.length === 0) continue;
    [wrapper, ...branches].forEach((located) => consumed.add(located));
    const code = alternatives.every(({ error }) => error.keyword === "required") ? "MISSING_FIELD" : "SCHEMA";
    const options = [...new Set(alternatives.map(alternative))];
    const message = `${subject(wrapper.path)} must satisfy one of: ${options.join("; or ")}`;
    issues.push({ path: wrapper.path, code, message });
  }
  return issues;
}

function isBranchOf(candidate: Located, wrapper: Located): boolean {
  return (
    candidate.error.schemaPath.startsWith(`${wrapper.error.schemaPath}/`) &&
    isWithin(candidate.error.instancePath, wrapper.error.instancePath)
  );
}

/**
 * Ajv loses `propertyName` on errors raised inside a `$ref` within `propertyNames` (the schema's "common event
 * properties"): they come as enum/format errors on the object itself. The `propertyNames` error next to them names
 * the key, so they are noise.
 */
function isPropertyNameNoise(error: ErrorObject, withPropertyNames: ReadonlySet<string>): boolean {
  if (error.propertyName !== undefined || !["enum", "format", "pattern", "anyOf"].includes(error.keyword)) return false;
  return withPropertyNames.has(error.instancePath);
}

export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

function targetPath(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const name = error.propertyName ?? params.missingProperty ?? params.additionalProperty ?? params.propertyName;
  return typeof name === "string" ? `${error.instancePath}/${pointerToken(name)}` : error.instancePath;
}

function codeOf(error: ErrorObject): CaptureErrorCode {
  if (error.keyword === "required") return "MISSING_FIELD";
  const unknown = ["additionalProperties", "propertyNames"].includes(error.keyword) || error.propertyName !== undefined;
  return unknown ? "UNKNOWN_FIELD" : "SCHEMA";
}

/** A path relative to its event (`quantityList/0/quantity`), or to the document for document-level paths. */
function relative(path: string): string {
  return path.replace(EVENT_PATH, "").replace(/^\//, "");
}

function subject(path: string): string {
  const field = relative(path);
  if (field !== "") return `"${field}"`;
  return EVENT_PATH.test(path) ? "the event" : "the document";
}

function describe({ error, path }: Located): string {
  if (error.keyword === "required") return `missing required field "${relative(path)}"`;
  if (codeOf(error) === "UNKNOWN_FIELD") return `${subject(path)} is not allowed here`;
  return `${subject(path)} ${detail(error)}`;
}

function alternative({ error, path }: Located): string {
  if (error.keyword === "required") return `has "${relative(path)}"`;
  return `${subject(path)} ${detail(error)}`;
}

function detail(error: ErrorObject): string {
  if (error.keyword === "not") return "must be absent";
  const allowed = (error.params as { allowedValues?: unknown }).allowedValues;
  const message = error.message ?? "is invalid";
  return Array.isArray(allowed) ? `${message}: ${allowed.join(", ")}` : message;
}
