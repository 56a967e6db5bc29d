import {
  ANNOTATION_HF_REPO,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_REGISTERED_MODEL,
  entityNameOf,
  LABEL_MODEL_VERSION,
  MODELCAR_PIPELINE,
  pipelineSpecOf,
} from '@private-ai/plugin-modelops-common';
import { modelCarTasks } from './modelCarTasks';
import { TektonObject } from './types';

/** What the ModelCar template collects, already checked by `checkModelCarFields`. */
export interface ModelCarInput {
  huggingFaceRepo: string;
  huggingFaceRevision?: string;
  variant: string;
  modelName: string;
  versionName: string;
  namespace: string;
  internalImage: string;
  quayImage: string;
  workspaceSize: string;
  hfTokenSecret: string;
  quayAuthSecret: string;
  serviceAccount: string;
  fsGroup: number;
  runAsUser: number;
  /** In-cluster URL of the Model Registry for `register-model`; the Pipeline's default when absent. */
  registryUrl?: string;
}

/** The Pipeline, from its contract in -common (the demo environment serves the same one). */
export function modelCarPipeline(): TektonObject {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: {
      name: MODELCAR_PIPELINE.name,
      labels: { 'app.kubernetes.io/part-of': 'private-ai-modelops' },
    },
    spec: pipelineSpecOf(MODELCAR_PIPELINE),
  };
}

/** The run: the security context, service account and workspace that make the tasks agree. */
export function modelCarPipelineRun(input: ModelCarInput): TektonObject {
  const entity = entityNameOf(input.modelName);
  const kind = input.variant === 'full-fp16' ? 'fp16' : 'quantized';
  const params: Array<{ name: string; value: string }> = [
    { name: 'hf-repo', value: input.huggingFaceRepo },
    { name: 'hf-revision', value: input.huggingFaceRevision || 'main' },
    { name: 'internal-image', value: input.internalImage },
    { name: 'quay-image', value: input.quayImage },
    { name: 'model-name', value: input.modelName },
    { name: 'version-name', value: input.versionName },
    { name: 'hf-token-secret', value: input.hfTokenSecret },
  ];
  if (input.registryUrl)
    params.push({ name: 'model-registry-url', value: input.registryUrl });
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      generateName: `${entity.slice(0, 40).replace(/[-.]+$/, '')}-${kind}-`,
      namespace: input.namespace,
      // The labels the model and version entities select their runs by.
      labels: {
        [ANNOTATION_KUBERNETES_ID]: entity,
        [LABEL_MODEL_VERSION]: input.versionName,
      },
      annotations: {
        [ANNOTATION_REGISTERED_MODEL]: input.modelName,
        [ANNOTATION_HF_REPO]: input.huggingFaceRepo,
      },
    },
    spec: {
      pipelineRef: { name: MODELCAR_PIPELINE.name },
      params,
      timeouts: {
        pipeline: input.variant === 'full-fp16' ? '4h0m0s' : '2h0m0s',
      },
      taskRunTemplate: {
        serviceAccountName: input.serviceAccount,
        podTemplate: {
          securityContext: {
            fsGroup: input.fsGroup,
            runAsUser: input.runAsUser,
            runAsGroup: input.fsGroup,
          },
        },
      },
      workspaces: [
        {
          name: 'shared',
          volumeClaimTemplate: {
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: input.workspaceSize } },
            },
          },
        },
        { name: 'quay-auth', secret: { secretName: input.quayAuthSecret } },
      ],
    },
  };
}

/** Everything a new ModelCar build needs on a cluster that has nothing yet. */
export function modelCarObjects(input: ModelCarInput): {
  pipelineRun: TektonObject;
  pipeline: TektonObject;
  tasks: TektonObject[];
} {
  return {
    pipelineRun: modelCarPipelineRun(input),
    pipeline: modelCarPipeline(),
    tasks: modelCarTasks,
  };
}
