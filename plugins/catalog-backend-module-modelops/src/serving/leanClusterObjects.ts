import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_REGISTERED_MODEL,
  detectPipelineKind,
  paramsToRecord,
} from '@private-ai/plugin-modelops-common';
import { KubernetesObject } from '@private-ai/plugin-modelops-node';

/** Annotations that copy the whole object (kubectl's) are never needed. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What the model server entities read of a KServe InferenceService: its name, namespace,
 * labels and annotations (without kubectl's copy of the object), the predictor's model, storage
 * and replicas, and its status (readiness); not `managedFields` or the rest of the spec.
 */
export function leanInferenceServiceObject(object: any): KubernetesObject {
  const { [LAST_APPLIED]: _lastApplied, ...annotations } =
    object?.metadata?.annotations ?? {};
  const predictor = object?.spec?.predictor;
  return {
    metadata: {
      name: object?.metadata?.name,
      namespace: object?.metadata?.namespace,
      labels: object?.metadata?.labels,
      annotations,
    },
    spec: {
      predictor: {
        model: {
          storageUri: predictor?.model?.storageUri,
          runtime: predictor?.model?.runtime,
        },
        minReplicas: predictor?.minReplicas,
        maxReplicas: predictor?.maxReplicas,
      },
    },
    status: object?.status,
  };
}

/**
 * What the pending-model entities read of a PipelineRun, or undefined for a run that is not a
 * ModelCar build (those never make an entity): its name, namespace, creation time, the
 * `backstage.io/kubernetes-id` label, the registered-model annotation, params, pipeline name
 * and its `Succeeded` condition.
 */
export function leanModelCarRun(object: any): KubernetesObject | undefined {
  const labels = object?.metadata?.labels ?? {};
  const label: string | undefined = labels[ANNOTATION_KUBERNETES_ID];
  const params = object?.spec?.params;
  if (
    !label ||
    detectPipelineKind({
      pipelineName: object?.spec?.pipelineRef?.name,
      stages: [],
      paramNames: Object.keys(paramsToRecord(params)),
    }) !== 'modelcar'
  )
    return undefined;
  const registeredModel =
    object?.metadata?.annotations?.[ANNOTATION_REGISTERED_MODEL];
  const conditions: any[] = Array.isArray(object?.status?.conditions)
    ? object.status.conditions
    : [];
  return {
    metadata: {
      name: object?.metadata?.name,
      namespace: object?.metadata?.namespace,
      creationTimestamp: object?.metadata?.creationTimestamp,
      labels: { [ANNOTATION_KUBERNETES_ID]: label },
      ...(registeredModel
        ? { annotations: { [ANNOTATION_REGISTERED_MODEL]: registeredModel } }
        : {}),
    },
    spec: {
      params,
      ...(object?.spec?.pipelineRef?.name
        ? { pipelineRef: { name: object.spec.pipelineRef.name } }
        : {}),
    },
    status: { conditions: conditions.filter(c => c?.type === 'Succeeded') },
  };
}
