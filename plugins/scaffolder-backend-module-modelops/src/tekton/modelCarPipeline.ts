import {
  ANNOTATION_HF_REPO,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_REGISTERED_MODEL,
  entityNameOf,
  LABEL_MODEL_VERSION,
} from '@private-ai/plugin-modelops-common';
import { modelCarTasks } from './modelCarTasks';
import { TektonObject } from './types';

/** Name of the ModelCar Pipeline (the name the team's clusters use). */
export const MODELCAR_PIPELINE_NAME = 'modelcar-build-deploy-v2';
/** Where the register task reaches the Model Registry when the template does not say. */
export const DEFAULT_IN_CLUSTER_REGISTRY_URL =
  'https://model-registry-rest.rhoai-model-registries.svc:8443';

/** What the ModelCar template collects, already checked by `checkModelCarInput`. */
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

/** The Pipeline: one shared workspace, pushes one after the other, digests checked at every step. */
export function modelCarPipeline(): TektonObject {
  const digest = '$(tasks.build-image.results.IMAGE_DIGEST)';
  const shared = [{ name: 'shared', workspace: 'shared' }];
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: {
      name: MODELCAR_PIPELINE_NAME,
      labels: { 'app.kubernetes.io/part-of': 'private-ai-modelops' },
    },
    spec: {
      description:
        'Downloads a Hugging Face model, builds a ModelCar OCI image, pushes it to the internal registry and to Quay (one after the other, digest checked after each) and registers the version in the Model Registry.',
      params: [
        {
          name: 'hf-repo',
          type: 'string',
          description: 'Hugging Face repository, owner/name',
        },
        {
          name: 'hf-revision',
          type: 'string',
          default: 'main',
          description: 'Branch, tag or commit',
        },
        {
          name: 'internal-image',
          type: 'string',
          description: 'Image in the internal registry (without tag)',
        },
        {
          name: 'quay-image',
          type: 'string',
          description: 'Image on Quay (without tag)',
        },
        {
          name: 'model-name',
          type: 'string',
          description: 'Registered model name in the Model Registry',
        },
        {
          name: 'version-name',
          type: 'string',
          description: 'Model version name, e.g. quantized-w4a16-20261118-0215',
        },
        {
          name: 'hf-token-secret',
          type: 'string',
          default: 'hf-token',
          description:
            'Name of the Secret holding the Hugging Face token (key "token")',
        },
        {
          name: 'model-registry-url',
          type: 'string',
          default: DEFAULT_IN_CLUSTER_REGISTRY_URL,
          description: 'Model Registry REST URL reachable from the cluster',
        },
      ],
      workspaces: [
        {
          name: 'shared',
          description:
            'One PVC for the model files and the OCI archive, shared by every task',
        },
        {
          name: 'quay-auth',
          description:
            'Secret of type kubernetes.io/dockerconfigjson with the Quay push credentials',
        },
      ],
      tasks: [
        {
          name: 'download-model',
          taskRef: { kind: 'Task', name: 'hf-download' },
          params: [
            { name: 'hf-repo', value: '$(params.hf-repo)' },
            { name: 'hf-revision', value: '$(params.hf-revision)' },
            { name: 'hf-token-secret', value: '$(params.hf-token-secret)' },
          ],
          workspaces: shared,
        },
        {
          name: 'build-image',
          runAfter: ['download-model'],
          taskRef: { kind: 'Task', name: 'modelcar-build' },
          params: [
            {
              name: 'image',
              value: '$(params.internal-image):$(params.version-name)',
            },
          ],
          workspaces: shared,
        },
        {
          name: 'push-to-internal',
          runAfter: ['build-image'],
          taskRef: { kind: 'Task', name: 'skopeo-push' },
          params: [
            {
              name: 'image',
              value: '$(params.internal-image):$(params.version-name)',
            },
            { name: 'expected-digest', value: digest },
          ],
          workspaces: shared,
        },
        {
          // After push-to-internal, never beside it: two pushes reading one archive raced.
          name: 'push-to-quay',
          runAfter: ['push-to-internal'],
          taskRef: { kind: 'Task', name: 'skopeo-push' },
          params: [
            {
              name: 'image',
              value: '$(params.quay-image):$(params.version-name)',
            },
            { name: 'expected-digest', value: digest },
          ],
          workspaces: [
            ...shared,
            { name: 'dockerconfig', workspace: 'quay-auth' },
          ],
        },
        {
          name: 'register-model',
          runAfter: ['push-to-quay'],
          taskRef: { kind: 'Task', name: 'model-registry-register' },
          params: [
            { name: 'model-name', value: '$(params.model-name)' },
            { name: 'version-name', value: '$(params.version-name)' },
            {
              name: 'image-digest',
              value: '$(tasks.push-to-quay.results.IMAGE_DIGEST)',
            },
            { name: 'image', value: '$(params.quay-image)' },
            { name: 'hf-repo', value: '$(params.hf-repo)' },
            { name: 'registry-url', value: '$(params.model-registry-url)' },
          ],
          workspaces: shared,
        },
      ],
      results: [
        { name: 'IMAGE_DIGEST', type: 'string', value: digest },
        {
          name: 'MODEL_VERSION_ID',
          type: 'string',
          value: '$(tasks.register-model.results.MODEL_VERSION_ID)',
        },
      ],
    },
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
      pipelineRef: { name: MODELCAR_PIPELINE_NAME },
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
