import { KubeObject } from '../../kubernetes/types';

/**
 * The two pipelines of the scenario, their tasks and steps: `modelcar-build-deploy-v2`
 * (download-model, build-image, push-to-internal, push-to-quay, register-model) and
 * `model-evaluation` (run-lm-eval, run-guidellm, publish-results). The same definitions
 * give the Pipeline and Task objects and drive the simulation of new runs.
 */

/** A step of a task. @public */
export interface StepDefinition {
  name: string;
  image: string;
  /** Memory limit, shown in the pod spec. */
  memory?: string;
}

/** A task of a pipeline. @public */
export interface PipelineTaskDefinition {
  /** Name of the task in the pipeline. */
  name: string;
  /** Name of the Task it refers to. */
  taskRef: string;
  runAfter: string[];
  steps: StepDefinition[];
  /** Result names the task writes. */
  results: string[];
  /** Params passed from the pipeline: task param -> pipeline param expression. */
  params: Record<string, string>;
  /** Typical duration in seconds, for timelines and simulation. */
  typicalSeconds: number;
}

/** A pipeline of the scenario. @public */
export interface PipelineDefinition {
  name: string;
  description: string;
  params: Array<{ name: string; description: string; default?: string }>;
  tasks: PipelineTaskDefinition[];
  /** Pipeline results: name -> `$(tasks.x.results.Y)`. */
  results: Record<string, string>;
  workspace?: string;
  /** Further workspaces a run may bind (Secrets), declared optional. */
  optionalWorkspaces?: string[];
}

/** Namespace of ModelCar and evaluation runs. @public */
export const PIPELINES_NAMESPACE = 'private-ai';

const UBI_PYTHON =
  'registry.access.redhat.com/ubi9/python-311@sha256:4c2a1f1c4e7d8b7a8c2a79f3d4b1e0a9f8c7d6e5b4a3f2e1d0c9b8a7f6e5d4c3';
const BUILDAH =
  'registry.redhat.io/rhel9/buildah@sha256:7678ad61e06e442b0093ab73faa73ce536721ae523015dd942f9196c4699a31d';
const SKOPEO =
  'registry.redhat.io/rhel9/skopeo@sha256:2f1ab3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2';
const MR_CLIENT =
  'quay.io/private-ai/model-registry-client@sha256:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d';
const LM_EVAL =
  'quay.io/private-ai/lm-eval-harness@sha256:5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b';
const GUIDELLM =
  'ghcr.io/vllm-project/guidellm@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** The ModelCar pipeline. @public */
export const modelCarPipeline: PipelineDefinition = {
  name: 'modelcar-build-deploy-v2',
  description:
    'Downloads a Hugging Face model, builds a ModelCar OCI image, pushes it to the internal registry and to Quay (one after the other) and registers the version in the Model Registry.',
  workspace: 'shared',
  // The Quay push credentials, bound to a Secret by each run.
  optionalWorkspaces: ['quay-auth'],
  params: [
    {
      name: 'hf-repo',
      description:
        'Hugging Face repository, e.g. mistralai/Mistral-Small-24B-Instruct-2501',
    },
    {
      name: 'hf-revision',
      description: 'Branch, tag or commit of the repository',
      default: 'main',
    },
    {
      name: 'internal-image',
      description: 'Image in the internal registry (without tag)',
    },
    { name: 'quay-image', description: 'Image on Quay (without tag)' },
    {
      name: 'model-name',
      description: 'Registered model name in the Model Registry',
    },
    {
      name: 'version-name',
      description: 'Model version name, e.g. quantized-w4a16-20261118-0215',
    },
    {
      name: 'hf-token-secret',
      description:
        'Name of the Secret holding the Hugging Face token (key "token")',
      default: 'hf-token',
    },
    {
      name: 'model-registry-url',
      description: 'Model Registry REST URL reachable from the cluster',
      default: 'https://model-registry-rest.rhoai-model-registries.svc:8443',
    },
  ],
  tasks: [
    {
      name: 'download-model',
      taskRef: 'hf-download',
      runAfter: [],
      steps: [{ name: 'download', image: UBI_PYTHON, memory: '4Gi' }],
      results: [],
      params: {
        'hf-repo': '$(params.hf-repo)',
        'hf-revision': '$(params.hf-revision)',
      },
      typicalSeconds: 420,
    },
    {
      name: 'build-image',
      taskRef: 'modelcar-build',
      runAfter: ['download-model'],
      steps: [
        { name: 'build', image: BUILDAH, memory: '8Gi' },
        { name: 'inspect', image: SKOPEO, memory: '512Mi' },
      ],
      results: ['IMAGE_DIGEST', 'IMAGE_URL'],
      params: { IMAGE: '$(params.internal-image):$(params.version-name)' },
      typicalSeconds: 780,
    },
    {
      name: 'push-to-internal',
      taskRef: 'skopeo-push',
      runAfter: ['build-image'],
      steps: [{ name: 'push', image: SKOPEO, memory: '1Gi' }],
      results: ['IMAGE_DIGEST', 'IMAGE_URL'],
      params: { IMAGE: '$(params.internal-image):$(params.version-name)' },
      typicalSeconds: 150,
    },
    {
      name: 'push-to-quay',
      taskRef: 'skopeo-push',
      runAfter: ['push-to-internal'],
      steps: [{ name: 'push', image: SKOPEO, memory: '1Gi' }],
      results: ['IMAGE_DIGEST', 'IMAGE_URL'],
      params: { IMAGE: '$(params.quay-image):$(params.version-name)' },
      typicalSeconds: 360,
    },
    {
      name: 'register-model',
      taskRef: 'model-registry-register',
      runAfter: ['push-to-quay'],
      steps: [{ name: 'register', image: MR_CLIENT, memory: '256Mi' }],
      results: ['REGISTERED_MODEL_ID', 'MODEL_VERSION_ID'],
      params: {
        'model-name': '$(params.model-name)',
        'version-name': '$(params.version-name)',
        'image-digest': '$(tasks.build-image.results.IMAGE_DIGEST)',
      },
      typicalSeconds: 45,
    },
  ],
  results: {
    IMAGE_DIGEST: '$(tasks.build-image.results.IMAGE_DIGEST)',
    MODEL_VERSION_ID: '$(tasks.register-model.results.MODEL_VERSION_ID)',
  },
};

/** Result names of the lm-eval task (lm-evaluation-harness task names). @public */
export const lmEvalResultNames = [
  'mmlu',
  'arc_challenge',
  'hellaswag',
  'gsm8k',
  'overall_average',
];

/** Result names of the guidellm task (Model Catalog performance keys). @public */
export const guidellmResultNames = [
  'ttft_mean',
  'ttft_p90',
  'itl_mean',
  'itl_p90',
  'tps_mean',
  'e2e_p90',
  'requests_per_second',
];

/** The evaluation pipeline. @public */
export const evaluationPipeline: PipelineDefinition = {
  name: 'model-evaluation',
  description:
    'Evaluates a served model version: accuracy with lm-evaluation-harness, serving performance with guidellm, and publishes the numbers to the Model Registry version.',
  params: [
    {
      name: 'vllm_model_name',
      description: 'InferenceService serving the model',
    },
    { name: 'model_name', description: 'Registered model name' },
    {
      name: 'version_name',
      description: 'Registered version the results belong to',
    },
    {
      name: 'lm_eval_tasks',
      description: 'Comma-separated lm-evaluation-harness tasks',
      default: 'mmlu,arc_challenge,hellaswag,gsm8k',
    },
    {
      name: 'guidellm_profile',
      description: 'guidellm load profile',
      default: 'sweep',
    },
    {
      name: 'min_accuracy',
      description:
        'Lowest acceptable lm-eval average (0..1); empty for no gate',
      default: '',
    },
    {
      name: 'max_ttft_p90_ms',
      description:
        'Highest acceptable p90 time to first token in ms; empty for no gate',
      default: '',
    },
  ],
  tasks: [
    {
      name: 'run-lm-eval',
      taskRef: 'lm-eval',
      runAfter: [],
      steps: [{ name: 'lm-eval', image: LM_EVAL, memory: '8Gi' }],
      results: lmEvalResultNames,
      params: { vllm_model_name: '$(params.vllm_model_name)' },
      typicalSeconds: 1500,
    },
    {
      name: 'run-guidellm',
      taskRef: 'guidellm-benchmark',
      runAfter: ['run-lm-eval'],
      steps: [{ name: 'guidellm', image: GUIDELLM, memory: '2Gi' }],
      results: guidellmResultNames,
      params: { vllm_model_name: '$(params.vllm_model_name)' },
      typicalSeconds: 600,
    },
    {
      name: 'publish-results',
      taskRef: 'publish-eval-results',
      runAfter: ['run-lm-eval', 'run-guidellm'],
      steps: [{ name: 'publish', image: MR_CLIENT, memory: '256Mi' }],
      results: ['MODEL_VERSION_ID'],
      params: {
        model_name: '$(params.model_name)',
        version_name: '$(params.version_name)',
      },
      typicalSeconds: 30,
    },
  ],
  results: {
    overall_average: '$(tasks.run-lm-eval.results.overall_average)',
    ttft_p90: '$(tasks.run-guidellm.results.ttft_p90)',
  },
};

/** Every pipeline of the scenario, by name. @public */
export const pipelineDefinitions: Record<string, PipelineDefinition> = {
  [modelCarPipeline.name]: modelCarPipeline,
  [evaluationPipeline.name]: evaluationPipeline,
};

/** The `spec` of a Pipeline (also copied into `status.pipelineSpec` of its runs). @public */
export function pipelineSpecOf(
  pipeline: PipelineDefinition,
): Record<string, unknown> {
  return {
    description: pipeline.description,
    params: pipeline.params.map(p => ({
      name: p.name,
      type: 'string',
      description: p.description,
      ...(p.default !== undefined ? { default: p.default } : {}),
    })),
    ...(pipeline.workspace
      ? {
          workspaces: [
            { name: pipeline.workspace },
            ...(pipeline.optionalWorkspaces ?? []).map(name => ({
              name,
              optional: true,
            })),
          ],
        }
      : {}),
    tasks: pipeline.tasks.map(task => ({
      name: task.name,
      taskRef: { kind: 'Task', name: task.taskRef },
      ...(task.runAfter.length ? { runAfter: task.runAfter } : {}),
      params: Object.entries(task.params).map(([name, value]) => ({
        name,
        value,
      })),
      ...(pipeline.workspace
        ? { workspaces: [{ name: 'shared', workspace: pipeline.workspace }] }
        : {}),
    })),
    results: Object.entries(pipeline.results).map(([name, value]) => ({
      name,
      type: 'string',
      value,
    })),
  };
}

/** The Pipeline object. @public */
export function pipelineObject(
  pipeline: PipelineDefinition,
  namespace: string,
  createdAt: string,
): KubeObject {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: {
      name: pipeline.name,
      namespace,
      creationTimestamp: createdAt,
      labels: { 'app.kubernetes.io/part-of': 'private-ai-modelops' },
    },
    spec: pipelineSpecOf(pipeline),
  };
}

/** The `spec` of the Task a pipeline task refers to (also copied into `status.taskSpec`). @public */
export function taskSpecOf(
  task: PipelineTaskDefinition,
): Record<string, unknown> {
  return {
    params: Object.keys(task.params).map(name => ({ name, type: 'string' })),
    results: task.results.map(name => ({ name, type: 'string' })),
    workspaces: [{ name: 'shared' }],
    steps: task.steps.map(step => ({
      name: step.name,
      image: step.image,
      computeResources: {
        limits: { memory: step.memory ?? '1Gi' },
        requests: { memory: step.memory ?? '1Gi' },
      },
      script: `#!/usr/bin/env bash\nset -euxo pipefail\nid\n# ${task.taskRef} ${step.name}`,
    })),
  };
}

/** The Task objects of every pipeline (one per distinct taskRef). @public */
export function taskObjects(
  namespace: string,
  createdAt: string,
): KubeObject[] {
  const seen = new Map<string, PipelineTaskDefinition>();
  for (const pipeline of Object.values(pipelineDefinitions)) {
    for (const task of pipeline.tasks) {
      if (!seen.has(task.taskRef)) seen.set(task.taskRef, task);
    }
  }
  return [...seen.values()].map(task => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: task.taskRef, namespace, creationTimestamp: createdAt },
    spec: taskSpecOf(task),
  }));
}
