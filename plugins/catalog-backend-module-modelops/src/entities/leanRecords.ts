import {
  RegistryArtifact,
  RegistryMetadataValue,
  RegistryInferenceService,
  RegistryModelVersion,
  RegistryRegisteredModel,
} from '@private-ai/plugin-modelops-node';

/** What the entities need of a registered model (and what tells a change). @public */
export type LeanRegisteredModel = Pick<
  RegistryRegisteredModel,
  | 'id'
  | 'name'
  | 'description'
  | 'owner'
  | 'state'
  | 'customProperties'
  | 'lastUpdateTimeSinceEpoch'
>;

/** What the entities need of a model version (and what tells a change). @public */
export type LeanModelVersion = Pick<
  RegistryModelVersion,
  | 'id'
  | 'name'
  | 'registeredModelId'
  | 'description'
  | 'state'
  | 'author'
  | 'customProperties'
  | 'createTimeSinceEpoch'
  | 'lastUpdateTimeSinceEpoch'
>;

/** What the entities need of an artifact (and what tells a change). @public */
export type LeanArtifact = Pick<
  RegistryArtifact,
  | 'id'
  | 'artifactType'
  | 'uri'
  | 'modelFormatName'
  | 'modelFormatVersion'
  | 'lastUpdateTimeSinceEpoch'
>;

/** What the entities need of the registry's record of an InferenceService. @public */
export type LeanInferenceService = Pick<
  RegistryInferenceService,
  'id' | 'modelVersionId' | 'runtime'
>;

const interned = new Map<string, string>();
const MAX_INTERNED = 10_000;

/**
 * One copy of each of the few values that repeat on every object (states, artifact types,
 * authors, owners, property types): JSON.parse makes a new string for each occurrence.
 */
function intern<T extends string | undefined>(value: T): T {
  if (value === undefined) return value;
  const known = interned.get(value);
  if (known !== undefined) return known as T;
  if (interned.size < MAX_INTERNED) interned.set(value, value);
  return value;
}

function leanProperties(
  properties: Record<string, RegistryMetadataValue> | undefined,
): Record<string, RegistryMetadataValue> | undefined {
  const entries = Object.entries(properties ?? {});
  if (!entries.length) return undefined;
  const out: Record<string, RegistryMetadataValue> = {};
  for (const [key, value] of entries)
    out[key] =
      value && typeof value === 'object'
        ? ({
            ...value,
            metadataType: intern(value.metadataType),
          } as RegistryMetadataValue)
        : value;
  return out;
}

/**
 * The lean records: copies of the fields the entities need. The provider keeps these between
 * refreshes instead of the registry's answers, which carry much more than the entities show.
 */
export const leanRegisteredModel = (
  m: RegistryRegisteredModel,
): LeanRegisteredModel => ({
  id: m.id,
  name: m.name,
  description: m.description,
  owner: intern(m.owner),
  state: intern(m.state),
  customProperties: leanProperties(m.customProperties),
  lastUpdateTimeSinceEpoch: m.lastUpdateTimeSinceEpoch,
});

export const leanModelVersion = (
  v: RegistryModelVersion,
): LeanModelVersion => ({
  id: v.id,
  name: v.name,
  registeredModelId: v.registeredModelId,
  description: v.description,
  state: intern(v.state),
  author: intern(v.author),
  customProperties: leanProperties(v.customProperties),
  // Usually the same instant: one string for both.
  createTimeSinceEpoch:
    v.createTimeSinceEpoch === v.lastUpdateTimeSinceEpoch
      ? v.lastUpdateTimeSinceEpoch
      : v.createTimeSinceEpoch,
  lastUpdateTimeSinceEpoch: v.lastUpdateTimeSinceEpoch,
});

export const leanArtifact = (a: RegistryArtifact): LeanArtifact => ({
  id: a.id,
  artifactType: intern(a.artifactType),
  uri: a.uri,
  modelFormatName: intern(a.modelFormatName),
  modelFormatVersion: intern(a.modelFormatVersion),
  lastUpdateTimeSinceEpoch: a.lastUpdateTimeSinceEpoch,
});

export const leanInferenceService = (
  s: RegistryInferenceService,
): LeanInferenceService => ({
  id: s.id,
  modelVersionId: s.modelVersionId,
  runtime: s.runtime,
});
