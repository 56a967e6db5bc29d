import { ApiEntity, ComponentEntity } from '@backstage/catalog-model';
import {
  ANNOTATION_CLUSTER,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_MODEL_VERSION_ID,
  ANNOTATION_REGISTRY,
  ANNOTATION_REPLICAS,
  ANNOTATION_RUNTIME,
  ANNOTATION_SERVER_DEPLOYMENT_MODE,
  ANNOTATION_SERVER_READY,
  ANNOTATION_SERVER_URL,
  ANNOTATION_STORAGE_URI,
  entityNameOf,
  interpretInferenceServiceReadiness,
  readinessAnnotationValue,
} from '@private-ai/plugin-modelops-common';
import { EntityName, EntityNamer } from './EntityNamer';
import { LeanInferenceService } from './leanRecords';
import { managedBy, withWarnings } from './managedBy';
import { RegistrySnapshot } from './RegistrySnapshot';

/** The version entity a server serves, as far as the registry and its storage URI tell. */
export interface ServedVersion {
  entity: string;
  digest?: string;
}

function openAiDefinition(name: string, url: string | undefined): string {
  const operation = (summary: string, description: string) => ({
    summary,
    responses: { '200': { description } },
  });
  return JSON.stringify(
    {
      openapi: '3.0.3',
      info: { title: `${name} (OpenAI-compatible, vLLM)`, version: 'v1' },
      servers: url ? [{ url }] : [],
      paths: {
        '/v1/models': { get: operation('List the served models', 'models') },
        '/v1/completions': {
          post: operation('Text completion', 'completion'),
        },
        '/v1/chat/completions': {
          post: operation('Chat completion', 'chat completion'),
        },
      },
    },
    null,
    2,
  );
}

/** The names of a server's component and API, in the order the namer gives them. */
export function nameModelServerEntities(
  namer: EntityNamer,
  server: { cluster: string; namespace?: string; isvcName: string },
): { component: EntityName; api: EntityName } {
  const { cluster, namespace, isvcName } = server;
  const component = namer.name(
    'component',
    entityNameOf(isvcName),
    `${cluster}-${namespace}`,
    `InferenceService ${isvcName} on ${cluster}`,
  );
  const api = namer.name(
    'api',
    entityNameOf(`${component.name}-openai`),
    cluster,
    `API of ${isvcName}`,
  );
  return { component, api };
}

/**
 * A KServe InferenceService as a `Component` of type `model-server` (`dependsOn` the version
 * it serves, readiness by its deployment mode) and its OpenAI-compatible `API`.
 */
export function buildModelServerEntities(
  snapshot: RegistrySnapshot,
  server: {
    cluster: string;
    object: any;
    isvcName: string;
    versionId?: string;
    storageDigest?: string;
    version?: ServedVersion;
    registryEntry?: LeanInferenceService;
  },
  named: { component: EntityName; api: EntityName },
): { component: ComponentEntity; api: ApiEntity } {
  const { cluster, object, isvcName, versionId, version, registryEntry } =
    server;
  const labels: Record<string, string> = object?.metadata?.labels ?? {};
  const notes: string[] = [];
  if (!version)
    notes.push(
      `serves model version ${
        versionId ?? server.storageDigest
      }, which this registry (${snapshot.registryId}) does not have`,
    );
  const name = named.component.name;
  notes.push(...named.component.notes);
  const readiness = interpretInferenceServiceReadiness(object);
  const ready = readinessAnnotationValue(readiness);
  if (readiness.state !== 'ready') notes.push(`not ready: ${ready}`);
  const apiName = named.api.name;
  const predictor = object?.spec?.predictor;
  const component: ComponentEntity = withWarnings(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        title:
          object?.metadata?.annotations?.['openshift.io/display-name'] ??
          isvcName,
        description: `KServe InferenceService ${isvcName} in ${object?.metadata?.namespace} on ${cluster}`,
        annotations: {
          ...managedBy(snapshot.baseUrl),
          [ANNOTATION_REGISTRY]: snapshot.registryId,
          [ANNOTATION_KUBERNETES_ID]:
            labels[ANNOTATION_KUBERNETES_ID] ?? isvcName,
          [ANNOTATION_KUBERNETES_NAMESPACE]:
            object?.metadata?.namespace ?? 'default',
          [ANNOTATION_SERVER_READY]: ready,
          [ANNOTATION_SERVER_DEPLOYMENT_MODE]: readiness.mode,
          [ANNOTATION_CLUSTER]: cluster,
          [ANNOTATION_RUNTIME]:
            predictor?.model?.runtime ?? registryEntry?.runtime ?? 'unknown',
          [ANNOTATION_REPLICAS]: `${predictor?.minReplicas ?? 1}-${
            predictor?.maxReplicas ?? predictor?.minReplicas ?? 1
          }`,
          ...(predictor?.model?.storageUri
            ? { [ANNOTATION_STORAGE_URI]: predictor.model.storageUri }
            : {}),
          ...(readiness.url ? { [ANNOTATION_SERVER_URL]: readiness.url } : {}),
          ...(versionId ? { [ANNOTATION_MODEL_VERSION_ID]: versionId } : {}),
        },
      },
      spec: {
        type: 'model-server',
        lifecycle: 'production',
        owner: snapshot.owner,
        providesApis: [`api:default/${apiName}`],
        ...(version
          ? { dependsOn: [`resource:default/${version.entity}`] }
          : {}),
      },
    },
    notes,
  );
  const api: ApiEntity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: apiName,
      title: `${isvcName} OpenAI-compatible API`,
      annotations: managedBy(snapshot.baseUrl),
    },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: snapshot.owner,
      definition: openAiDefinition(isvcName, readiness.url),
    },
  };
  return { component, api };
}
