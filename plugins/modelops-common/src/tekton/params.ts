import { KeyParams } from './types';
import { asArray, asRecord, asString, stringifyValue } from './objectReaders';

/**
 * Conventional param names for each key param, compared after normalisation
 * (lower case, `_` read as `-`), so `hf-repo` also matches `HF_REPO` and `hf_repo`.
 * Extend it with `createKeyParamNames`.
 * @public
 */
export type KeyParamNames = Readonly<
  Record<keyof KeyParams, readonly string[]>
>;

/** The param names the team's pipelines use. @public */
export const defaultKeyParamNames: KeyParamNames = Object.freeze({
  huggingFaceRepo: [
    'hf-repo',
    'huggingface-repo',
    'model-repo',
    'hf-model-repo',
  ],
  huggingFaceRevision: [
    'hf-revision',
    'huggingface-revision',
    'model-revision',
  ],
  internalImage: ['internal-image', 'internal-image-url'],
  quayImage: ['quay-image', 'quay-image-url'],
  registeredModelName: ['model-name', 'registered-model-name', 'model_name'],
  versionName: ['version-name', 'model-version-name', 'version_name'],
  vllmModelName: ['vllm-model-name', 'vllm_model_name'],
});

/**
 * Adds names to the default lists (extra names are tried after the defaults).
 * @public
 */
export function createKeyParamNames(
  extra: Partial<Record<keyof KeyParams, string[]>> = {},
  base: KeyParamNames = defaultKeyParamNames,
): KeyParamNames {
  const out = {} as Record<keyof KeyParams, readonly string[]>;
  for (const key of Object.keys(base) as Array<keyof KeyParams>) {
    out[key] = [...base[key], ...(extra[key] ?? [])];
  }
  for (const key of Object.keys(extra) as Array<keyof KeyParams>) {
    if (!out[key]) {
      out[key] = [...(extra[key] ?? [])];
    }
  }
  return Object.freeze(out);
}

function normaliseParamName(name: string): string {
  return name.trim().toLowerCase().replace(/_/g, '-');
}

/**
 * Reads Tekton params (`[{ name, value }]`) into a string map; array and object values
 * become JSON. Entries without a string name are skipped.
 * @public
 */
export function paramsToRecord(params: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of asArray(params)) {
    const record = asRecord(entry);
    const name = asString(record?.name);
    if (!record || !name) {
      continue;
    }
    out[name] = stringifyValue(record.value);
  }
  return out;
}

/** Defaults of a pipeline spec's declared params (`[{ name, default }]`). */
export function paramDefaults(paramSpecs: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of asArray(paramSpecs)) {
    const record = asRecord(entry);
    const name = asString(record?.name);
    if (!record || !name || record.default === undefined) {
      continue;
    }
    out[name] = stringifyValue(record.default);
  }
  return out;
}

/**
 * Picks the key params out of a run's params by conventional names.
 * Empty values are ignored.
 * @public
 */
export function extractKeyParams(
  params: Record<string, string>,
  names: KeyParamNames = defaultKeyParamNames,
): KeyParams {
  const byNormalisedName = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    const key = normaliseParamName(name);
    if (value.trim() !== '' && !byNormalisedName.has(key)) {
      byNormalisedName.set(key, value.trim());
    }
  }
  const out: KeyParams = {};
  for (const field of Object.keys(names) as Array<keyof KeyParams>) {
    for (const candidate of names[field]) {
      const value = byNormalisedName.get(normaliseParamName(candidate));
      if (value !== undefined) {
        out[field] = value;
        break;
      }
    }
  }
  return out;
}
