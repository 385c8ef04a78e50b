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
 * rejects although it is valid JSON Schema. `allErrors` so one capture reports every problem, not just the first.
 */
let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
    ajvFormats.default(ajv);
    compiled = ajv.compile(epcisJsonSchema);
  }
  return compiled;
}

/** Schema errors of a JSON value (empty when valid). Paths are JSON Pointers into `document`. */
export function epcisSchemaErrors(document: unknown): ErrorObject[] {
  const validate = validator();
  return validate(document) ? [] : [...(validate.errors ?? [])];
}
