import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";
import epcisJsonSchema from "./schema/epcis-json-schema.json" with { type: "json" };

/**
 * The GS1 EPCIS 2.0 JSON schema, compiled once per process on first use.
 *
 * `schema/epcis-json-schema.json` is GS1's public, inlined schema (gs1/EPCIS `JSON-Schema/EPCIS-JSON-Schema.json`,
 * `$id` https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json), vendored so the server has no runtime dependency on
 * `../shared`; a unit test fails if it drifts from the copy in `../shared/conformance/epcis2/schema`.
 *
 * It declares draft-07, which is Ajv's default dialect (`Ajv`, not `Ajv2019`/`Ajv2020`). `strict: false` because the
 * schema lists `required` properties inside `anyOf` branches that it defines elsewhere, which Ajv's strict mode
 * rejects although it is valid JSON Schema. `allErrors` so one capture reports every problem, not just the first
 * (for an invalid document; see epcisSchemaErrors).
 */
let thorough: ValidateFunction | undefined;
let quick: ValidateFunction | undefined;

function compile(schema: object, allErrors: boolean, memoUri: boolean): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors });
  // ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
  ajvFormats.default(ajv);
  const uri = ajv.formats.uri;
  if (memoUri && typeof uri === "function") ajv.addFormat("uri", memoised(uri));
  return ajv.compile(schema);
}

/**
 * The schema with the same meaning, in a shape Ajv checks faster: an EPC list's items inline their `uri` definition
 * (a string of format uri) instead of naming it by `$ref`, so Ajv knows they are strings and checks `uniqueItems`
 * with one map over the list instead of comparing every pair (a 500-item list: 500 steps, not 125,000).
 */
function quickSchema(): object {
  const schema = structuredClone(epcisJsonSchema) as unknown as {
    definitions: Record<string, Record<string, unknown>>;
  };
  const epcList = schema.definitions.epcList;
  const uri = schema.definitions.uri;
  if (epcList !== undefined && uri !== undefined) epcList.items = { ...uri };
  return schema;
}

/**
 * A format check remembered per value (it is a pure function of the string): a document names each object in several
 * events (commissioning, packing, every shipment), and ajv-formats' full `uri` expression is costly per string.
 * Bounded: dropped whole when full.
 */
function memoised(check: (value: string) => boolean): (value: string) => boolean {
  const known = new Map<string, boolean>();
  return (value) => {
    let valid = known.get(value);
    if (valid === undefined) {
      valid = check(value);
      if (known.size >= MEMO_LIMIT) known.clear();
      known.set(value, valid);
    }
    return valid;
  };
}

const MEMO_LIMIT = 100_000;

/**
 * Schema errors of a JSON value (empty when valid). Paths are JSON Pointers into `document`. Whether a value is valid
 * does not depend on `allErrors` nor on the shape of the schema: a validator of the quick schema that stops at the
 * first error answers that first, and only an invalid document is validated again against GS1's schema as published,
 * for every error.
 */
export function epcisSchemaErrors(document: unknown): ErrorObject[] {
  quick ??= compile(quickSchema(), false, true);
  if (quick(document)) return [];
  thorough ??= compile(epcisJsonSchema, true, false);
  return thorough(document) ? [] : [...(thorough.errors ?? [])];
}
