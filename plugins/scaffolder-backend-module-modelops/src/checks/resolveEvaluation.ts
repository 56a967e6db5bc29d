import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CLUSTER,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_MODEL_VERSION_ID,
  ANNOTATION_REGISTRY,
  ANNOTATION_RHDH_MODEL_NAME,
  ANNOTATION_VERSION_NAME,
  checkKubernetesName,
} from '@private-ai/plugin-modelops-common';
import {
  EvaluationInput,
  GUIDELLM_PROFILES,
} from '../tekton/evaluationPipelineRun';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import {
  checkNamespaceReady,
  INFERENCE_SERVICES,
  lookUpVersion,
  onCluster,
} from './liveChecks';

/** The evaluation values as a template passes them. */
export interface EvaluationValues {
  /** Entity ref of the model version (Resource, type ai-model-version). */
  modelVersion: string;
  /** Entity ref of the model server (Component, type model-server) that serves it. */
  modelServer: string;
  lmEvalTasks: string[];
  guidellmProfile: string;
  minAccuracy?: number;
  maxTtftP90Ms?: number;
  serviceAccount?: string;
}

/** An evaluation resolved against the catalog, the registry and the cluster. */
export interface ResolvedEvaluation {
  input: EvaluationInput;
  cluster: string;
  registry: string;
  modelEntityRef: string;
}

async function entityOf(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  field: string,
  ref: string,
  kind: string,
  type: string,
): Promise<Entity> {
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: kind,
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `${field}: "${ref}" is not an entity reference: ${
        (error as Error).message
      }`,
    );
  }
  const entity = await catalog.getEntityByRef(parsed, { credentials });
  if (!entity)
    throw new InputError(
      `${field}: there is no entity ${stringifyEntityRef(
        parsed,
      )} in the catalog`,
    );
  if (entity.kind !== kind || entity.spec?.type !== type) {
    throw new InputError(
      `${field}: ${stringifyEntityRef(entity)} is a ${
        entity.kind
      } of type ${String(entity.spec?.type)}, not a ${kind} of type ${type}`,
    );
  }
  return entity;
}

/** Checks the evaluation's own fields; throws an InputError naming the first bad one. */
export function checkEvaluationFields(values: EvaluationValues): void {
  if (!Array.isArray(values.lmEvalTasks) || values.lmEvalTasks.length === 0)
    throw new InputError('lmEvalTasks: pick at least one lm-eval task');
  for (const task of values.lmEvalTasks) {
    if (typeof task !== 'string' || !/^[a-z0-9][a-z0-9_]{0,63}$/.test(task)) {
      throw new InputError(
        `lmEvalTasks: "${task}" is not an lm-evaluation-harness task name (lower case letters, digits and "_")`,
      );
    }
  }
  if (
    !(GUIDELLM_PROFILES as readonly string[]).includes(values.guidellmProfile)
  ) {
    throw new InputError(
      `guidellmProfile: must be one of ${GUIDELLM_PROFILES.join(', ')} (got "${
        values.guidellmProfile
      }")`,
    );
  }
  if (
    values.minAccuracy !== undefined &&
    !(values.minAccuracy >= 0 && values.minAccuracy <= 1)
  ) {
    throw new InputError(
      `minAccuracy: must be from 0 to 1 (got ${values.minAccuracy})`,
    );
  }
  if (
    values.maxTtftP90Ms !== undefined &&
    !(values.maxTtftP90Ms > 0 && values.maxTtftP90Ms <= 600_000)
  ) {
    throw new InputError(
      `maxTtftP90Ms: must be more than 0 and at most 600000 ms (got ${values.maxTtftP90Ms})`,
    );
  }
  const sa = values.serviceAccount || 'model-pipeline-sa';
  const problem = checkKubernetesName(sa);
  if (problem) throw new InputError(`serviceAccount: ${problem}`);
}

/**
 * Resolves the picked version and server to the names the evaluation pipeline takes, and
 * makes sure each exists where it must: the version in the Model Registry, the
 * InferenceService on its cluster, serving that very version. A mismatch would publish
 * results against the wrong model or none.
 */
export async function resolveEvaluation(
  values: EvaluationValues,
  deps: {
    catalog: CatalogService;
    credentials: BackstageCredentials;
    targets: ModelOpsTargets;
  },
): Promise<ResolvedEvaluation> {
  checkEvaluationFields(values);
  const { catalog, credentials, targets } = deps;
  const version = await entityOf(
    catalog,
    credentials,
    'modelVersion',
    values.modelVersion,
    'Resource',
    'ai-model-version',
  );
  const server = await entityOf(
    catalog,
    credentials,
    'modelServer',
    values.modelServer,
    'Component',
    'model-server',
  );
  const annotations = version.metadata.annotations ?? {};
  const modelName = annotations[ANNOTATION_RHDH_MODEL_NAME];
  const versionName = annotations[ANNOTATION_VERSION_NAME];
  if (!modelName || !versionName) {
    throw new InputError(
      `modelVersion: ${stringifyEntityRef(
        version,
      )} has no ${ANNOTATION_RHDH_MODEL_NAME} or ${ANNOTATION_VERSION_NAME} annotation; it is not a Model Registry version`,
    );
  }
  const versionRef = stringifyEntityRef(version);
  const serverAnnotations = server.metadata.annotations ?? {};
  const servesIt =
    (server.spec?.dependsOn as string[] | undefined)?.some(
      ref =>
        stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: 'resource',
            defaultNamespace: 'default',
          }),
        ) === versionRef,
    ) ||
    (!!annotations[ANNOTATION_MODEL_VERSION_ID] &&
      serverAnnotations[ANNOTATION_MODEL_VERSION_ID] ===
        annotations[ANNOTATION_MODEL_VERSION_ID]);
  if (!servesIt) {
    throw new InputError(
      `modelServer: ${stringifyEntityRef(
        server,
      )} does not serve ${modelName} ${versionName}; pick the server of that version`,
    );
  }
  const registry = targets.registry(
    annotations[ANNOTATION_REGISTRY],
    'modelVersion',
  );
  const found = await lookUpVersion(registry, modelName, versionName, {
    model: 'modelVersion',
    version: 'modelVersion',
  });
  if (!found.modelExists)
    throw new InputError(
      `modelVersion: the Model Registry "${registry.id}" has no model ${modelName}`,
    );
  if (!found.versionExists)
    throw new InputError(
      `modelVersion: model ${modelName} has no version ${versionName} in the Model Registry "${
        registry.id
      }" (it has: ${found.versions.slice(0, 5).join(', ') || 'none'})`,
    );

  const clusterName = serverAnnotations[ANNOTATION_CLUSTER];
  const namespace = serverAnnotations[ANNOTATION_KUBERNETES_NAMESPACE];
  if (!clusterName || !namespace)
    throw new InputError(
      `modelServer: ${stringifyEntityRef(
        server,
      )} has no ${ANNOTATION_CLUSTER} or ${ANNOTATION_KUBERNETES_NAMESPACE} annotation`,
    );
  const client = targets.cluster(clusterName, 'modelServer');
  const isvcName = server.metadata.name;
  const isvc = await onCluster('modelServer', client, () =>
    client.get(INFERENCE_SERVICES, namespace, isvcName),
  );
  if (!isvc)
    throw new InputError(
      `modelServer: there is no InferenceService "${isvcName}" in ${namespace} on cluster ${clusterName}`,
    );
  const serviceAccount = values.serviceAccount || 'model-pipeline-sa';
  await checkNamespaceReady(client, namespace, {
    serviceAccount: { field: 'serviceAccount', name: serviceAccount },
    secrets: [],
  });

  const modelRef = (version.spec?.dependencyOf as string[] | undefined)?.[0];
  return {
    cluster: clusterName,
    registry: registry.id,
    modelEntityRef: modelRef
      ? stringifyEntityRef(
          parseEntityRef(modelRef, {
            defaultKind: 'resource',
            defaultNamespace: 'default',
          }),
        )
      : versionRef,
    input: {
      namespace,
      vllmModelName: isvcName,
      modelName,
      versionName,
      lmEvalTasks: values.lmEvalTasks,
      guidellmProfile: values.guidellmProfile,
      minAccuracy: values.minAccuracy,
      maxTtftP90Ms: values.maxTtftP90Ms,
      serviceAccount,
    },
  };
}
