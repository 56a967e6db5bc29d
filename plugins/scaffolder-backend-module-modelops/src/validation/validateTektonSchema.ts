import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import fs from 'node:fs';

type Schema = Record<string, any>;

/**
 * Closes every object schema that lists its properties and does not say otherwise, the way
 * the API server's strict field validation (`kubectl --validate=strict`) refuses unknown
 * fields instead of silently pruning them: a misspelt `securityContex` must fail here, not
 * vanish on the cluster.
 */
function strictFields(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictFields);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    out[key] =
      key === 'properties'
        ? Object.fromEntries(
            Object.entries(value as Schema).map(([k, v]) => [
              k,
              strictFields(v),
            ]),
          )
        : strictFields(value);
  }
  if (
    out.properties &&
    out.additionalProperties === undefined &&
    !out['x-kubernetes-preserve-unknown-fields']
  ) {
    out.additionalProperties = false;
  }
  return out;
}

let validators: Map<string, ValidateFunction> | undefined;

function load(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const file = resolvePackagePath(
    '@private-ai/plugin-scaffolder-backend-module-modelops',
    'schemas/tekton-v1.json',
  );
  const { kinds } = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    kinds: Record<string, Schema>;
  };
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The Kubernetes structural-schema keywords: known, and meaning nothing to JSON Schema.
  ajv.addVocabulary([
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-list-type',
    'x-kubernetes-list-map-keys',
    'x-kubernetes-map-type',
    'x-kubernetes-int-or-string',
  ]);
  // The OpenAPI formats the Tekton schemas use.
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) =>
      Number.isInteger(n) && n >= -2147483648 && n <= 2147483647,
  });
  ajv.addFormat('int64', {
    type: 'number',
    validate: (n: number) => Number.isSafeInteger(n),
  });
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (t: string) =>
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(t),
  });
  validators = new Map(
    Object.entries(kinds).map(([kind, schema]) => [
      kind,
      ajv.compile(strictFields(schema) as Schema),
    ]),
  );
  return validators;
}

/** The kinds there is a CRD schema for. */
export function schemaKinds(): string[] {
  return [...load().keys()];
}

function describe(error: ErrorObject): string {
  const where =
    error.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top)';
  if (error.keyword === 'additionalProperties')
    return `${where}: unknown field "${
      (error.params as { additionalProperty: string }).additionalProperty
    }"`;
  return `${where}: ${error.message}`;
}

/**
 * Problems of one object against the tekton.dev/v1 CRD schema of its kind (from
 * fixtures/tekton/crds), with unknown fields refused. Empty when it is valid.
 */
export function validateTektonSchema(object: {
  apiVersion?: string;
  kind?: string;
}): string[] {
  if (object.apiVersion !== 'tekton.dev/v1')
    return [`apiVersion must be tekton.dev/v1, got ${object.apiVersion}`];
  const validate = load().get(object.kind ?? '');
  if (!validate) return [`no CRD schema for kind ${object.kind}`];
  if (validate(object)) return [];
  return (validate.errors ?? []).map(describe);
}
