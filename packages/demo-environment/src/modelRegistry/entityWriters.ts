import { parseCustomProperties } from './customProperties';
import { registryErrors } from './RegistryError';
import { RegistryStore } from './RegistryStore';
import {
  Artifact,
  BaseEntity,
  InferenceService,
  ModelVersion,
  RegisteredModel,
  ServingEnvironment,
} from './types';

/**
 * Turning request bodies into stored entities: the fields each entity type accepts, their
 * types, and the checks the real server makes (required names, parents that exist,
 * unique names).
 */

type Body = Record<string, unknown>;

const ID = /^[1-9][0-9]{0,8}$/;

function asBody(input: unknown): Body {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw registryErrors.badRequest('the request body must be a JSON object');
  }
  return input as Body;
}

function optionalString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw registryErrors.badRequest(
      `json: cannot unmarshal ${typeof value} into field ${key} of type string`,
    );
  }
  return value;
}

function optionalEnum<T extends string>(
  body: Body,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(body, key);
  if (value !== undefined && !allowed.includes(value as T)) {
    throw registryErrors.badRequest(
      `invalid value "${value}" for ${key}: use one of ${allowed.join(', ')}`,
    );
  }
  return value as T | undefined;
}

function optionalStrings(body: Body, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    throw registryErrors.badRequest(`${key} must be an array of strings`);
  }
  return value as string[];
}

function requiredId(body: Body, key: string): string {
  const value = optionalString(body, key);
  if (!value || !ID.test(value)) {
    throw registryErrors.unprocessable(
      `${key} is required and must be an id like "1"`,
    );
  }
  return value;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

function base(
  store: RegistryStore,
  body: Body,
  existing: BaseEntity | undefined,
  id: string,
): BaseEntity {
  const now = String(store.now());
  const name = existing ? existing.name : optionalString(body, 'name');
  if (!existing && (!name || name.length === 0)) {
    throw registryErrors.unprocessable(
      'name is required and must not be empty',
    );
  }
  if (existing && body.name !== undefined && body.name !== existing.name) {
    throw registryErrors.badRequest('name cannot be changed once set');
  }
  return compact({
    id,
    name: name as string,
    description:
      body.description !== undefined
        ? optionalString(body, 'description')
        : existing?.description,
    externalId:
      body.externalId !== undefined
        ? optionalString(body, 'externalId')
        : existing?.externalId,
    customProperties:
      body.customProperties !== undefined
        ? parseCustomProperties(body.customProperties)
        : existing?.customProperties ?? {},
    createTimeSinceEpoch: existing?.createTimeSinceEpoch ?? now,
    lastUpdateTimeSinceEpoch: now,
  });
}

function pick<T extends string>(
  body: Body,
  existing: Record<string, unknown> | undefined,
  keys: readonly T[],
) {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    out[key] =
      body[key] !== undefined ? optionalString(body, key) : existing?.[key];
  }
  return out;
}

/** A registered model from a create (no `existing`) or update body. @public */
export function writeRegisteredModel(
  store: RegistryStore,
  input: unknown,
  existing?: RegisteredModel,
): RegisteredModel {
  const body = asBody(input);
  const entity = base(store, body, existing, existing?.id ?? '');
  if (
    !existing &&
    [...store.registeredModels.values()].some(m => m.name === entity.name)
  ) {
    throw registryErrors.conflict(
      `a RegisteredModel named "${entity.name}" already exists`,
    );
  }
  return compact({
    ...entity,
    ...pick(
      body,
      existing as Record<string, unknown> | undefined,
      [
        'owner',
        'readme',
        'maturity',
        'provider',
        'logo',
        'license',
        'licenseLink',
        'libraryName',
      ] as const,
    ),
    language:
      body.language !== undefined
        ? optionalStrings(body, 'language')
        : existing?.language,
    tasks:
      body.tasks !== undefined
        ? optionalStrings(body, 'tasks')
        : existing?.tasks,
    state:
      optionalEnum(body, 'state', ['LIVE', 'ARCHIVED'] as const) ??
      existing?.state ??
      'LIVE',
    id: existing?.id ?? store.nextContextId(),
  }) as RegisteredModel;
}

/** A model version from a create or update body; `parentId` overrides `registeredModelId`. @public */
export function writeModelVersion(
  store: RegistryStore,
  input: unknown,
  existing?: ModelVersion,
  parentId?: string,
): ModelVersion {
  const body = asBody(input);
  const entity = base(store, body, existing, existing?.id ?? '');
  let registeredModelId = existing?.registeredModelId;
  if (!existing) {
    registeredModelId = parentId ?? requiredId(body, 'registeredModelId');
    if (!store.registeredModels.has(registeredModelId)) {
      throw registryErrors.notFound(
        `no RegisteredModel found for id ${registeredModelId}`,
      );
    }
    if (store.versionsOf(registeredModelId).some(v => v.name === entity.name)) {
      throw registryErrors.conflict(
        `a ModelVersion named "${entity.name}" already exists in RegisteredModel ${registeredModelId}`,
      );
    }
  }
  return compact({
    ...entity,
    registeredModelId: registeredModelId as string,
    author:
      body.author !== undefined
        ? optionalString(body, 'author')
        : existing?.author,
    state:
      optionalEnum(body, 'state', ['LIVE', 'ARCHIVED'] as const) ??
      existing?.state ??
      'LIVE',
    id: existing?.id ?? store.nextContextId(),
  }) as ModelVersion;
}

const ARTIFACT_STATES = [
  'UNKNOWN',
  'PENDING',
  'LIVE',
  'MARKED_FOR_DELETION',
  'DELETED',
  'ABANDONED',
  'REFERENCE',
] as const;
const ARTIFACT_TYPES = [
  'model-artifact',
  'doc-artifact',
  'dataset-artifact',
  'metric',
  'parameter',
] as const;

/** An artifact from a create or update body. @public */
export function writeArtifact(
  store: RegistryStore,
  input: unknown,
  existing?: Artifact,
  defaultType: Artifact['artifactType'] = 'model-artifact',
): Artifact {
  const body = asBody(input);
  const entity = base(store, body, existing, existing?.id ?? '');
  const artifactType =
    optionalEnum(body, 'artifactType', ARTIFACT_TYPES) ??
    existing?.artifactType ??
    defaultType;
  if (existing && artifactType !== existing.artifactType) {
    throw registryErrors.badRequest(
      `artifactType cannot change from ${existing.artifactType} to ${artifactType}`,
    );
  }
  const value = body.value ?? existing?.value;
  if (value !== undefined && typeof value !== 'number') {
    throw registryErrors.badRequest('value must be a number');
  }
  return compact({
    ...entity,
    artifactType,
    ...pick(
      body,
      existing as Record<string, unknown> | undefined,
      [
        'uri',
        'modelFormatName',
        'modelFormatVersion',
        'storageKey',
        'storagePath',
        'serviceAccountName',
        'modelSourceKind',
        'modelSourceClass',
        'modelSourceGroup',
        'modelSourceId',
        'modelSourceName',
        'timestamp',
      ] as const,
    ),
    value: value as number | undefined,
    state:
      optionalEnum(body, 'state', ARTIFACT_STATES) ??
      existing?.state ??
      'UNKNOWN',
    id: existing?.id ?? store.nextArtifactId(),
  }) as Artifact;
}

/** A serving environment from a create or update body. @public */
export function writeServingEnvironment(
  store: RegistryStore,
  input: unknown,
  existing?: ServingEnvironment,
): ServingEnvironment {
  const body = asBody(input);
  const entity = base(store, body, existing, existing?.id ?? '');
  if (
    !existing &&
    [...store.servingEnvironments.values()].some(e => e.name === entity.name)
  ) {
    throw registryErrors.conflict(
      `a ServingEnvironment named "${entity.name}" already exists`,
    );
  }
  return { ...entity, id: existing?.id ?? store.nextContextId() };
}

/** An inference service from a create or update body; `environmentId` overrides the body's. @public */
export function writeInferenceService(
  store: RegistryStore,
  input: unknown,
  existing?: InferenceService,
  environmentId?: string,
): InferenceService {
  const body = asBody(input);
  const entity = base(store, body, existing, existing?.id ?? '');
  const registeredModelId =
    existing?.registeredModelId ?? requiredId(body, 'registeredModelId');
  const servingEnvironmentId =
    existing?.servingEnvironmentId ??
    environmentId ??
    requiredId(body, 'servingEnvironmentId');
  if (!store.registeredModels.has(registeredModelId)) {
    throw registryErrors.notFound(
      `no RegisteredModel found for id ${registeredModelId}`,
    );
  }
  if (!store.servingEnvironments.has(servingEnvironmentId)) {
    throw registryErrors.notFound(
      `no ServingEnvironment found for id ${servingEnvironmentId}`,
    );
  }
  const modelVersionId =
    body.modelVersionId !== undefined
      ? optionalString(body, 'modelVersionId')
      : existing?.modelVersionId;
  if (
    modelVersionId !== undefined &&
    store.modelVersions.get(modelVersionId)?.registeredModelId !==
      registeredModelId
  ) {
    throw registryErrors.badRequest(
      `ModelVersion ${modelVersionId} does not belong to RegisteredModel ${registeredModelId}`,
    );
  }
  return compact({
    ...entity,
    registeredModelId,
    servingEnvironmentId,
    modelVersionId,
    runtime:
      body.runtime !== undefined
        ? optionalString(body, 'runtime')
        : existing?.runtime,
    desiredState:
      optionalEnum(body, 'desiredState', ['DEPLOYED', 'UNDEPLOYED'] as const) ??
      existing?.desiredState ??
      'DEPLOYED',
    id: existing?.id ?? store.nextContextId(),
  }) as InferenceService;
}
