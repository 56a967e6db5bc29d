import {
  detectPipelineKind,
  entityNameOf,
  extractKeyParams,
  findDigest,
  paramsToRecord,
  readSucceededCondition,
  statusFromCondition,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_MODEL_VERSION_ID,
  ANNOTATION_PIPELINE_SELECTOR,
  ANNOTATION_REGISTERED_MODEL_ID,
  ANNOTATION_REGISTRY,
  ANNOTATION_RHDH_MODEL_NAME,
  LABEL_MR_INFERENCE_SERVICE_ID,
  LABEL_MR_MODEL_VERSION_ID,
  MODELCAR_VERSION_NAME_PATTERN,
} from '@private-ai/plugin-modelops-common';
import {
  readCustomProperties,
  RegistryArtifact,
  RegistryInferenceService,
  RegistryModelVersion,
  RegistryRegisteredModel,
} from '@private-ai/plugin-modelops-node';
import {
  ApiEntity,
  ComponentEntity,
  Entity,
  ResourceEntity,
} from '@backstage/catalog-model';

/** Everything read from one registry (and the clusters holding its InferenceServices). */
export interface RegistrySnapshot {
  registryId: string;
  baseUrl: string;
  owner: string;
  archived: 'skip' | 'show';
  /** Version names must match this; default the ModelCar convention `<variant>-<YYYYMMDD>-<HHMM>` (`MODELCAR_VERSION_NAME_PATTERN`). */
  versionNamePattern?: RegExp;
  models: RegistryRegisteredModel[];
  versions: Map<string, RegistryModelVersion[]>;
  artifacts: Map<string, RegistryArtifact[]>;
  inferenceServices: RegistryInferenceService[];
  /** KServe InferenceServices read from the clusters, with the cluster they are on. */
  clusterInferenceServices: Array<{ cluster: string; object: any }>;
  /**
   * PipelineRuns with a `backstage.io/kubernetes-id` label read from the same clusters: a
   * ModelCar build of a model this registry does not have yet gives that model a page now.
   */
  clusterPipelineRuns?: Array<{ cluster: string; object: any }>;
  /** Base URLs of the other configured registries: a run naming one of them is theirs. */
  otherRegistryUrls?: string[];
}

export const ANNOTATION_WARNINGS = 'modelops.io/warnings';
export const ANNOTATION_ARTIFACT_URI = 'modelops.io/artifact-uri';
export const ANNOTATION_VERSION_STATE = 'modelops.io/version-state';
export const ANNOTATION_SERVER_READY = 'modelops.io/server-ready';
export const ANNOTATION_SERVER_URL = 'modelops.io/server-url';
/** `pending` on a model entity made from ModelCar runs before the registry has the model. */
export const ANNOTATION_REGISTRATION = 'modelops.io/registration';
const LABEL_VERSION = 'modelops.io/model-version';
/** The ModelCar version naming convention, defined once in -common. */
export const DEFAULT_VERSION_NAME_PATTERN = MODELCAR_VERSION_NAME_PATTERN;

function readiness(object: any): { ready: string; url?: string } {
  const conditions: Array<{
    type: string;
    status: string;
    reason?: string;
    message?: string;
  }> = object?.status?.conditions ?? [];
  const url: string | undefined =
    object?.status?.url ?? object?.status?.address?.url;
  if (!object?.status || conditions.length === 0)
    return { ready: 'Unknown: the InferenceService has no status yet', url };
  const failing = ['IngressReady', 'PredictorReady', 'Ready']
    .map(
      type =>
        conditions.find(c => c.type === type) ?? {
          type,
          status: 'Unknown',
          message: `${type} not reported`,
        },
    )
    .filter(c => c.status !== 'True');
  if (failing.length === 0 && url) return { ready: 'True', url };
  if (failing.length === 0) return { ready: 'False: no URL set', url };
  return {
    ready: `False: ${failing
      .map(
        c =>
          `${c.type}${c.reason ? ` (${c.reason})` : ''}${
            c.message ? `: ${c.message}` : ''
          }`,
      )
      .join('; ')}`,
    url,
  };
}

function openAiDefinition(name: string, url: string | undefined): string {
  return JSON.stringify(
    {
      openapi: '3.0.3',
      info: { title: `${name} (OpenAI-compatible, vLLM)`, version: 'v1' },
      servers: url ? [{ url }] : [],
      paths: {
        '/v1/models': {
          get: {
            summary: 'List the served models',
            responses: { '200': { description: 'models' } },
          },
        },
        '/v1/completions': {
          post: {
            summary: 'Text completion',
            responses: { '200': { description: 'completion' } },
          },
        },
        '/v1/chat/completions': {
          post: {
            summary: 'Chat completion',
            responses: { '200': { description: 'chat completion' } },
          },
        },
      },
    },
    null,
    2,
  );
}

/**
 * The catalog entities of one registry: a `Resource` of type `ai-model` per registered model,
 * a `Resource` of type `ai-model-version` per version (`dependencyOf` its model), and a
 * `Component` of type `model-server` with its `API` per InferenceService (`dependsOn` the
 * version it serves). Problems (a version name that breaks the convention, a server pointing at
 * a missing version, a name collision) are written to the `modelops.io/warnings` annotation of
 * the entity they concern, and returned.
 */
export function buildEntities(snapshot: RegistrySnapshot): {
  entities: Entity[];
  warnings: string[];
} {
  const entities: Entity[] = [];
  const warnings: string[] = [];
  const used = new Map<string, string>();
  const location = `url:${snapshot.baseUrl.replace(
    /\/+$/,
    '',
  )}/api/model_registry/v1alpha3`;
  const unique = (
    kind: string,
    wanted: string,
    id: string,
    what: string,
    notes: string[],
  ) => {
    let name = wanted;
    if (used.has(`${kind}:${name}`)) {
      name = entityNameOf(`${wanted}-${id}`);
      const note = `${what}: the entity name ${wanted} is taken by ${used.get(
        `${kind}:${wanted}`,
      )}; named ${name} instead`;
      notes.push(note);
      warnings.push(note);
    }
    used.set(`${kind}:${name}`, what);
    return name;
  };
  const annotate = (entity: Entity, notes: string[]) => {
    if (notes.length)
      entity.metadata.annotations![ANNOTATION_WARNINGS] = JSON.stringify(notes);
    entities.push(entity);
  };
  const versionEntityById = new Map<
    string,
    { entity: string; model: string; name: string; digest?: string }
  >();

  for (const model of snapshot.models) {
    if (model.state === 'ARCHIVED' && snapshot.archived === 'skip') continue;
    const modelNotes: string[] = [];
    const modelName = unique(
      'resource',
      entityNameOf(model.name),
      model.id,
      `registered model ${model.name}`,
      modelNotes,
    );
    const props = readCustomProperties(model.customProperties);
    const tags = Object.entries(props)
      .filter(([, v]) => v === '')
      .map(([k]) => entityNameOf(k))
      .filter(t => /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/.test(t) && t.length <= 63);
    const modelEntity: ResourceEntity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: modelName,
        title: model.name,
        description: model.description,
        tags: [...new Set(tags)].slice(0, 20),
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          [ANNOTATION_REGISTRY]: snapshot.registryId,
          [ANNOTATION_REGISTERED_MODEL_ID]: model.id,
          [ANNOTATION_RHDH_MODEL_NAME]: model.name,
          [ANNOTATION_KUBERNETES_ID]: modelName,
          [ANNOTATION_PIPELINE_SELECTOR]: `${ANNOTATION_KUBERNETES_ID}=${modelName}`,
          ...(model.state ? { 'modelops.io/model-state': model.state } : {}),
          ...Object.fromEntries(
            ['provider', 'license', 'license_link', 'tasks', 'language']
              .filter(k => props[k] !== undefined)
              .map(k => [
                `modelops.io/${k.replace(/_/g, '-')}`,
                String(props[k]),
              ]),
          ),
        },
      },
      spec: {
        type: 'ai-model',
        owner:
          model.owner && /^[a-z0-9:/.-]+$/i.test(model.owner)
            ? model.owner
            : snapshot.owner,
      },
    };
    annotate(modelEntity, modelNotes);

    for (const version of snapshot.versions.get(model.id) ?? []) {
      if (version.state === 'ARCHIVED' && snapshot.archived === 'skip')
        continue;
      const notes: string[] = [];
      const name = unique(
        'resource',
        entityNameOf(`${modelName}-${version.name}`),
        version.id,
        `version ${version.name} of ${model.name}`,
        notes,
      );
      const artifacts = (snapshot.artifacts.get(version.id) ?? []).filter(
        a => a.artifactType === 'model-artifact' || !a.artifactType,
      );
      const artifact = artifacts[0];
      const convention =
        snapshot.versionNamePattern ?? DEFAULT_VERSION_NAME_PATTERN;
      if (!convention.test(version.name)) {
        notes.push(
          `version name ${version.name} breaks the naming convention ${convention.source}`,
        );
      }
      if (!artifact?.uri)
        notes.push(
          'the version has no model artifact: nothing can be served from it',
        );
      const versionProps = readCustomProperties(version.customProperties);
      const entity: ResourceEntity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name,
          title: `${model.name} ${version.name}`,
          description: version.description,
          annotations: {
            'backstage.io/managed-by-location': location,
            'backstage.io/managed-by-origin-location': location,
            [ANNOTATION_REGISTRY]: snapshot.registryId,
            [ANNOTATION_REGISTERED_MODEL_ID]: model.id,
            [ANNOTATION_MODEL_VERSION_ID]: version.id,
            [ANNOTATION_RHDH_MODEL_NAME]: model.name,
            [ANNOTATION_PIPELINE_SELECTOR]: `${ANNOTATION_KUBERNETES_ID}=${modelName},${LABEL_VERSION}=${version.name}`,
            'modelops.io/version-name': version.name,
            [ANNOTATION_VERSION_STATE]: version.state ?? 'LIVE',
            ...(version.author ? { 'modelops.io/author': version.author } : {}),
            ...(artifact?.uri
              ? { [ANNOTATION_ARTIFACT_URI]: artifact.uri }
              : {}),
            ...(artifact?.modelFormatName
              ? {
                  'modelops.io/model-format': `${artifact.modelFormatName}${
                    artifact.modelFormatVersion
                      ? ` ${artifact.modelFormatVersion}`
                      : ''
                  }`,
                }
              : {}),
            ...(version.createTimeSinceEpoch
              ? {
                  'modelops.io/created': new Date(
                    Number(version.createTimeSinceEpoch),
                  ).toISOString(),
                }
              : {}),
            'modelops.io/custom-properties': JSON.stringify(versionProps),
          },
        },
        spec: {
          type: 'ai-model-version',
          owner: modelEntity.spec.owner,
          dependencyOf: [`resource:default/${modelName}`],
        },
      };
      annotate(entity, notes);
      versionEntityById.set(version.id, {
        entity: name,
        model: modelName,
        name: version.name,
        digest: findDigest(artifact?.uri),
      });
    }
  }

  pendingModels(snapshot).forEach(pending => {
    const notes = [pending.note];
    const name = unique(
      'resource',
      pending.label,
      `${pending.cluster}-${pending.namespace}`,
      `model ${pending.modelName} (not registered yet)`,
      notes,
    );
    const entity: ResourceEntity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        title: pending.modelName,
        description: `${pending.modelName}: not in the Model Registry yet; its ModelCar build registers it`,
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          [ANNOTATION_REGISTRY]: snapshot.registryId,
          [ANNOTATION_REGISTRATION]: 'pending',
          [ANNOTATION_RHDH_MODEL_NAME]: pending.modelName,
          [ANNOTATION_KUBERNETES_ID]: pending.label,
          [ANNOTATION_PIPELINE_SELECTOR]: `${ANNOTATION_KUBERNETES_ID}=${pending.label}`,
          ...(pending.huggingFaceRepo
            ? { 'modelops.io/hf-repo': pending.huggingFaceRepo }
            : {}),
        },
      },
      spec: { type: 'ai-model', owner: snapshot.owner },
    };
    annotate(entity, notes);
  });

  const registryServices = new Map(
    snapshot.inferenceServices.map(s => [s.id, s]),
  );
  for (const { cluster, object } of snapshot.clusterInferenceServices) {
    const labels: Record<string, string> = object?.metadata?.labels ?? {};
    const isvcName: string | undefined = object?.metadata?.name;
    if (!isvcName) continue;
    const registryEntry = labels[LABEL_MR_INFERENCE_SERVICE_ID]
      ? registryServices.get(labels[LABEL_MR_INFERENCE_SERVICE_ID])
      : undefined;
    const versionId =
      labels[LABEL_MR_MODEL_VERSION_ID] ?? registryEntry?.modelVersionId;
    const storageDigest = findDigest(
      object?.spec?.predictor?.model?.storageUri,
    );
    let version = versionId ? versionEntityById.get(versionId) : undefined;
    const notes: string[] = [];
    if (!version && storageDigest) {
      version = [...versionEntityById.values()].find(
        v => v.digest === storageDigest,
      );
    }
    if (!version && !versionId && !storageDigest) continue; // not a server of this registry
    if (!version) {
      notes.push(
        `serves model version ${
          versionId ?? storageDigest
        }, which this registry (${snapshot.registryId}) does not have`,
      );
    }
    const name = unique(
      'component',
      entityNameOf(isvcName),
      `${cluster}-${object?.metadata?.namespace}`,
      `InferenceService ${isvcName} on ${cluster}`,
      notes,
    );
    const { ready, url } = readiness(object);
    if (ready !== 'True') notes.push(`not ready: ${ready}`);
    const apiName = unique(
      'api',
      entityNameOf(`${name}-openai`),
      cluster,
      `API of ${isvcName}`,
      [],
    );
    const component: ComponentEntity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        title:
          object?.metadata?.annotations?.['openshift.io/display-name'] ??
          isvcName,
        description: `KServe InferenceService ${isvcName} in ${object?.metadata?.namespace} on ${cluster}`,
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          [ANNOTATION_REGISTRY]: snapshot.registryId,
          [ANNOTATION_KUBERNETES_ID]:
            labels[ANNOTATION_KUBERNETES_ID] ?? isvcName,
          [ANNOTATION_KUBERNETES_NAMESPACE]:
            object?.metadata?.namespace ?? 'default',
          [ANNOTATION_SERVER_READY]: ready,
          'modelops.io/cluster': cluster,
          'modelops.io/runtime':
            object?.spec?.predictor?.model?.runtime ??
            registryEntry?.runtime ??
            'unknown',
          'modelops.io/replicas': `${
            object?.spec?.predictor?.minReplicas ?? 1
          }-${
            object?.spec?.predictor?.maxReplicas ??
            object?.spec?.predictor?.minReplicas ??
            1
          }`,
          ...(object?.spec?.predictor?.model?.storageUri
            ? {
                'modelops.io/storage-uri':
                  object.spec.predictor.model.storageUri,
              }
            : {}),
          ...(url ? { [ANNOTATION_SERVER_URL]: url } : {}),
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
    };
    annotate(component, notes);
    const api: ApiEntity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: apiName,
        title: `${isvcName} OpenAI-compatible API`,
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
        },
      },
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner: snapshot.owner,
        definition: openAiDefinition(isvcName, url),
      },
    };
    entities.push(api);
  }
  return { entities, warnings };
}

interface PendingModel {
  modelName: string;
  /** The runs' `backstage.io/kubernetes-id` label: what the model page selects its runs by. */
  label: string;
  cluster: string;
  namespace: string;
  huggingFaceRepo?: string;
  note: string;
}

/** What the newest run's state means for the registration. */
function outlook(state: string): string {
  if (state === 'Succeeded')
    return 'succeeded, yet the registry has no model of that name: see its register-model step';
  if (['Failed', 'Cancelled', 'TimedOut'].includes(state))
    return 'did not register it: its runs tab says why';
  return 'registers it when it succeeds';
}

const sameUrl = (a: string, b: string) =>
  a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * Models named by ModelCar runs on the registry's clusters that the registry does not have
 * (in any state): the scaffolder starts a build of a new model, and its page, with the runs
 * tab that explains a failure, should not wait for the build to succeed. A run that names
 * another configured registry (its `model-registry-url` param is that registry's base URL) is
 * left to that registry's provider. When the
 * build registers the model, the registered model takes the same entity name from the same
 * provider, so the page stays; when its runs are deleted, the page goes.
 */
function pendingModels(snapshot: RegistrySnapshot): PendingModel[] {
  const registered = new Set(snapshot.models.map(m => m.name));
  const byModel = new Map<
    string,
    {
      run: any;
      cluster: string;
      params: ReturnType<typeof extractKeyParams>;
      registryUrl?: string;
      count: number;
    }
  >();
  for (const { cluster, object } of snapshot.clusterPipelineRuns ?? []) {
    const label: string | undefined =
      object?.metadata?.labels?.[ANNOTATION_KUBERNETES_ID];
    const record = paramsToRecord(object?.spec?.params);
    const paramNames = Object.keys(record);
    if (
      !label ||
      detectPipelineKind({
        pipelineName: object?.spec?.pipelineRef?.name,
        stages: [],
        paramNames,
      }) !== 'modelcar'
    )
      continue;
    const params = extractKeyParams(record);
    const modelName =
      params.registeredModelName ??
      object?.metadata?.annotations?.['modelops.io/registered-model'];
    if (!modelName || registered.has(modelName)) continue;
    const registryUrl = Object.entries(record).find(([k]) =>
      /^(model-)?registry-url$/i.test(k.replace(/_/g, '-')),
    )?.[1];
    if (
      registryUrl &&
      (snapshot.otherRegistryUrls ?? []).some(url => sameUrl(url, registryUrl))
    )
      continue;
    const seen = byModel.get(modelName);
    const created = (o: any) => String(o?.metadata?.creationTimestamp ?? '');
    if (!seen || created(object) > created(seen.run))
      byModel.set(modelName, {
        run: object,
        cluster,
        params,
        registryUrl,
        count: (seen?.count ?? 0) + 1,
      });
    else seen.count += 1;
  }
  return [...byModel.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([modelName, { run, cluster, params, count }]) => {
      const state =
        statusFromCondition(readSucceededCondition(run?.status)) ??
        'not started';
      const others =
        count > 1
          ? ` (and ${count - 1} earlier run${count > 2 ? 's' : ''})`
          : '';
      return {
        modelName,
        label: run.metadata.labels[ANNOTATION_KUBERNETES_ID],
        cluster,
        namespace: run?.metadata?.namespace ?? 'default',
        huggingFaceRepo: params.huggingFaceRepo,
        note: `not in the Model Registry ${
          snapshot.registryId
        } yet: ModelCar run ${run?.metadata?.namespace}/${
          run?.metadata?.name
        } on ${cluster} (${state})${others} ${outlook(state)}`,
      };
    });
}
