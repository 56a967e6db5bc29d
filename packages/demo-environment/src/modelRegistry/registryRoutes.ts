import {
  writeArtifact,
  writeInferenceService,
  writeModelVersion,
  writeRegisteredModel,
  writeServingEnvironment,
} from './entityWriters';
import { pageOfEntities, parseListQuery } from './paging';
import { registryErrors } from './RegistryError';
import { RegistryStore } from './RegistryStore';
import { Artifact, BaseEntity } from './types';

/** Path prefix of the API. @public */
export const MODEL_REGISTRY_BASE_PATH = '/api/model_registry/v1alpha3';

/** A request to the registry API, body already parsed. */
export interface RegistryRequest {
  method: string;
  /** Path segments after the base path. */
  segments: string[];
  query: URLSearchParams;
  body: unknown;
}

/** An answer of the registry API. */
export interface RegistryAnswer {
  code: number;
  body: unknown;
}

const ID = /^[1-9][0-9]{0,8}$/;
const ARTIFACT_TYPES = [
  'model-artifact',
  'doc-artifact',
  'dataset-artifact',
  'metric',
  'parameter',
];

function checkId(id: string, what: string): string {
  if (!ID.test(id)) {
    throw registryErrors.badRequest(
      `invalid ${what} id "${id}": must match ^[1-9][0-9]{0,8}$`,
    );
  }
  return id;
}

function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) {
    throw registryErrors.notFound(`no ${what} found for id ${id}`);
  }
  return value;
}

function ok(body: unknown, code = 200): RegistryAnswer {
  return { code, body };
}

function list<T extends BaseEntity>(
  items: T[],
  query: URLSearchParams,
): RegistryAnswer {
  let filtered = items;
  const name = query.get('name');
  const externalId = query.get('externalId');
  if (name) filtered = filtered.filter(i => i.name === name);
  if (externalId) filtered = filtered.filter(i => i.externalId === externalId);
  if (query.get('filterQuery')) {
    throw registryErrors.badRequest(
      'filterQuery is not supported by the demo registry; list and filter on the client',
    );
  }
  return ok(pageOfEntities(filtered, parseListQuery(query)));
}

function findOne<T extends BaseEntity>(
  items: T[],
  query: URLSearchParams,
  what: string,
  parentOf?: (item: T) => string | undefined,
): RegistryAnswer {
  const name = query.get('name');
  const externalId = query.get('externalId');
  const parent = query.get('parentResourceId');
  if (!name && !externalId) {
    throw registryErrors.badRequest(
      `invalid parameters used to retrieve ${what}: name or externalId is required`,
    );
  }
  if (parent !== null) checkId(parent, 'parentResourceId');
  if (name && !externalId && parentOf && parent === null) {
    throw registryErrors.badRequest(
      `invalid parameters used to retrieve ${what}: parentResourceId is required with name (names are unique per parent)`,
    );
  }
  const match = items.find(
    i =>
      (!name || i.name === name) &&
      (!externalId || i.externalId === externalId) &&
      (parent === null || !parentOf || parentOf(i) === parent),
  );
  if (!match) {
    throw registryErrors.notFound(
      `no ${what} found for name=${name ?? ''}, parentResourceId=${
        parent ?? ''
      }, externalId=${externalId ?? ''}`,
    );
  }
  return ok(match);
}

function artifactList(
  items: Artifact[],
  query: URLSearchParams,
): RegistryAnswer {
  const type = query.get('artifactType');
  if (type !== null && !ARTIFACT_TYPES.includes(type)) {
    throw registryErrors.badRequest(
      `invalid artifactType "${type}": use one of ${ARTIFACT_TYPES.join(', ')}`,
    );
  }
  return list(type ? items.filter(a => a.artifactType === type) : items, query);
}

/** Answers one request of the registry API. Throws RegistryError for error answers. */
export function routeRegistryRequest(
  store: RegistryStore,
  request: RegistryRequest,
): RegistryAnswer {
  const { method, segments, query, body } = request;
  const [collection, rawId, sub, ...extra] = segments;
  if (extra.length > 0) {
    throw registryErrors.notFound(`no route for ${segments.join('/')}`);
  }
  const id = rawId === undefined ? undefined : checkId(rawId, collection);
  const route = `${method} ${collection}${id ? '/{id}' : ''}${
    sub ? `/${sub}` : ''
  }`;

  switch (route) {
    // Registered models
    case 'GET registered_models':
      return list([...store.registeredModels.values()], query);
    case 'POST registered_models': {
      const model = writeRegisteredModel(store, body);
      store.registeredModels.set(model.id, model);
      return ok(model, 201);
    }
    case 'GET registered_models/{id}':
      return ok(found(store.registeredModels.get(id!), 'RegisteredModel', id!));
    case 'PATCH registered_models/{id}': {
      const existing = found(
        store.registeredModels.get(id!),
        'RegisteredModel',
        id!,
      );
      const model = writeRegisteredModel(store, body, existing);
      store.registeredModels.set(model.id, model);
      return ok(model);
    }
    case 'GET registered_models/{id}/versions':
      found(store.registeredModels.get(id!), 'RegisteredModel', id!);
      return list(store.versionsOf(id!), query);
    case 'POST registered_models/{id}/versions': {
      found(store.registeredModels.get(id!), 'RegisteredModel', id!);
      const version = writeModelVersion(store, body, undefined, id);
      store.modelVersions.set(version.id, version);
      return ok(version, 201);
    }
    case 'GET registered_model':
      return findOne(
        [...store.registeredModels.values()],
        query,
        'RegisteredModel',
      );

    // Model versions
    case 'GET model_versions':
      return list([...store.modelVersions.values()], query);
    case 'POST model_versions': {
      const version = writeModelVersion(store, body);
      store.modelVersions.set(version.id, version);
      return ok(version, 201);
    }
    case 'GET model_versions/{id}':
      return ok(found(store.modelVersions.get(id!), 'ModelVersion', id!));
    case 'PATCH model_versions/{id}': {
      const existing = found(store.modelVersions.get(id!), 'ModelVersion', id!);
      const version = writeModelVersion(store, body, existing);
      store.modelVersions.set(version.id, version);
      return ok(version);
    }
    case 'GET model_versions/{id}/artifacts':
      found(store.modelVersions.get(id!), 'ModelVersion', id!);
      return artifactList(store.artifactsOf(id!), query);
    case 'POST model_versions/{id}/artifacts': {
      found(store.modelVersions.get(id!), 'ModelVersion', id!);
      const givenId = (body as { id?: unknown } | null)?.id;
      const existing =
        typeof givenId === 'string' ? store.artifacts.get(givenId) : undefined;
      const artifact = writeArtifact(store, body, existing);
      store.artifacts.set(artifact.id, artifact);
      store.artifactParents.set(artifact.id, id!);
      return ok(artifact, existing ? 200 : 201);
    }
    case 'GET model_version':
      return findOne(
        [...store.modelVersions.values()],
        query,
        'ModelVersion',
        v => v.registeredModelId,
      );

    // Artifacts
    case 'GET model_artifacts':
      return list(
        [...store.artifacts.values()].filter(
          a => a.artifactType === 'model-artifact',
        ),
        query,
      );
    case 'POST model_artifacts': {
      const artifact = writeArtifact(store, {
        ...(body as object),
        artifactType: 'model-artifact',
      });
      store.artifacts.set(artifact.id, artifact);
      return ok(artifact, 201);
    }
    case 'GET model_artifacts/{id}': {
      const artifact = store.artifacts.get(id!);
      return ok(
        found(
          artifact?.artifactType === 'model-artifact' ? artifact : undefined,
          'ModelArtifact',
          id!,
        ),
      );
    }
    case 'PATCH model_artifacts/{id}':
    case 'PATCH artifacts/{id}': {
      const existing = found(store.artifacts.get(id!), 'Artifact', id!);
      const artifact = writeArtifact(store, body, existing);
      store.artifacts.set(artifact.id, artifact);
      return ok(artifact);
    }
    case 'GET model_artifact':
      return findOne(
        [...store.artifacts.values()].filter(
          a => a.artifactType === 'model-artifact',
        ),
        query,
        'ModelArtifact',
        a => store.artifactParents.get(a.id),
      );
    case 'GET artifacts':
      return artifactList([...store.artifacts.values()], query);
    case 'POST artifacts': {
      const artifact = writeArtifact(store, body);
      store.artifacts.set(artifact.id, artifact);
      return ok(artifact, 201);
    }
    case 'GET artifacts/{id}':
      return ok(found(store.artifacts.get(id!), 'Artifact', id!));
    case 'GET artifact':
      return findOne([...store.artifacts.values()], query, 'Artifact', a =>
        store.artifactParents.get(a.id),
      );

    // Serving environments and inference services
    case 'GET serving_environments':
      return list([...store.servingEnvironments.values()], query);
    case 'POST serving_environments': {
      const env = writeServingEnvironment(store, body);
      store.servingEnvironments.set(env.id, env);
      return ok(env, 201);
    }
    case 'GET serving_environments/{id}':
      return ok(
        found(store.servingEnvironments.get(id!), 'ServingEnvironment', id!),
      );
    case 'PATCH serving_environments/{id}': {
      const existing = found(
        store.servingEnvironments.get(id!),
        'ServingEnvironment',
        id!,
      );
      const env = writeServingEnvironment(store, body, existing);
      store.servingEnvironments.set(env.id, env);
      return ok(env);
    }
    case 'GET serving_environments/{id}/inference_services':
      found(store.servingEnvironments.get(id!), 'ServingEnvironment', id!);
      return list(
        [...store.inferenceServices.values()].filter(
          s => s.servingEnvironmentId === id,
        ),
        query,
      );
    case 'POST serving_environments/{id}/inference_services': {
      found(store.servingEnvironments.get(id!), 'ServingEnvironment', id!);
      const isvc = writeInferenceService(store, body, undefined, id);
      store.inferenceServices.set(isvc.id, isvc);
      return ok(isvc, 201);
    }
    case 'GET serving_environment':
      return findOne(
        [...store.servingEnvironments.values()],
        query,
        'ServingEnvironment',
      );
    case 'GET inference_services':
      return list([...store.inferenceServices.values()], query);
    case 'POST inference_services': {
      const isvc = writeInferenceService(store, body);
      store.inferenceServices.set(isvc.id, isvc);
      return ok(isvc, 201);
    }
    case 'GET inference_services/{id}':
      return ok(
        found(store.inferenceServices.get(id!), 'InferenceService', id!),
      );
    case 'PATCH inference_services/{id}': {
      const existing = found(
        store.inferenceServices.get(id!),
        'InferenceService',
        id!,
      );
      const isvc = writeInferenceService(store, body, existing);
      store.inferenceServices.set(isvc.id, isvc);
      return ok(isvc);
    }
    case 'GET inference_services/{id}/model': {
      const isvc = found(
        store.inferenceServices.get(id!),
        'InferenceService',
        id!,
      );
      return ok(
        found(
          store.registeredModels.get(isvc.registeredModelId),
          'RegisteredModel',
          isvc.registeredModelId,
        ),
      );
    }
    case 'GET inference_services/{id}/version': {
      const isvc = found(
        store.inferenceServices.get(id!),
        'InferenceService',
        id!,
      );
      const version = isvc.modelVersionId
        ? store.modelVersions.get(isvc.modelVersionId)
        : store
            .versionsOf(isvc.registeredModelId)
            .sort(
              (a, b) =>
                Number(b.createTimeSinceEpoch) - Number(a.createTimeSinceEpoch),
            )[0];
      return ok(
        found(
          version,
          'ModelVersion',
          isvc.modelVersionId ?? `latest of ${isvc.registeredModelId}`,
        ),
      );
    }
    case 'GET inference_service':
      return findOne(
        [...store.inferenceServices.values()],
        query,
        'InferenceService',
        s => s.servingEnvironmentId,
      );
    default:
      throw registryErrors.notFound(
        `no route for ${method} ${MODEL_REGISTRY_BASE_PATH}/${segments.join(
          '/',
        )}`,
      );
  }
}
