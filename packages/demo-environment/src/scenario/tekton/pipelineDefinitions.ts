import {
  MODELCAR_PIPELINE,
  PipelineContract,
  PipelineTaskContract,
  pipelineSpecOf,
} from '@private-ai/plugin-modelops-common';
import { QUAY_PUSH_SECRET } from '../pipelineCredentials';
import { KubeObject } from '../../kubernetes/types';

/**
 * The two pipelines of the scenario, their tasks and steps: `modelcar-build-deploy-v2`
 * (download-model, build-image, push-to-internal, push-to-quay, register-model) and
 * `model-evaluation` (run-lm-eval, run-guidellm, publish-results). The same definitions
 * give the Pipeline and Task objects and drive the simulation of new runs. The ModelCar
 * pipeline is the contract in -common (`MODELCAR_PIPELINE`) the scaffolder renders too; only
 * the steps and durations of its tasks are the demo's.
 */

/** A step of a task. @public */
export interface StepDefinition {
  name: string;
  image: string;
  /** Memory limit, shown in the pod spec. */
  memory?: string;
}

/** A task of a pipeline: its contract plus what the simulation needs. @public */
export interface PipelineTaskDefinition extends PipelineTaskContract {
  steps: StepDefinition[];
  /** Typical duration in seconds, for timelines and simulation. */
  typicalSeconds: number;
}

/** A pipeline of the scenario: its contract, with simulated tasks. @public */
export interface PipelineDefinition extends Omit<PipelineContract, 'tasks'> {
  tasks: PipelineTaskDefinition[];
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

/** Steps and typical durations of the ModelCar tasks, by pipeline task name. */
const MODELCAR_SIMULATION: Record<
  string,
  Pick<PipelineTaskDefinition, 'steps' | 'typicalSeconds'>
> = {
  'download-model': {
    steps: [{ name: 'download', image: UBI_PYTHON, memory: '4Gi' }],
    typicalSeconds: 420,
  },
  'build-image': {
    steps: [
      { name: 'build', image: BUILDAH, memory: '8Gi' },
      { name: 'inspect', image: SKOPEO, memory: '512Mi' },
    ],
    typicalSeconds: 780,
  },
  'push-to-internal': {
    steps: [{ name: 'push', image: SKOPEO, memory: '1Gi' }],
    typicalSeconds: 150,
  },
  'push-to-quay': {
    steps: [{ name: 'push', image: SKOPEO, memory: '1Gi' }],
    typicalSeconds: 360,
  },
  'register-model': {
    steps: [{ name: 'register', image: MR_CLIENT, memory: '256Mi' }],
    typicalSeconds: 45,
  },
};

/** The ModelCar pipeline. @public */
export const modelCarPipeline: PipelineDefinition = {
  ...MODELCAR_PIPELINE,
  tasks: MODELCAR_PIPELINE.tasks.map(task => ({
    ...task,
    ...MODELCAR_SIMULATION[task.name],
  })),
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
  workspaces: [],
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
      workspaces: {},
      typicalSeconds: 1500,
    },
    {
      name: 'run-guidellm',
      taskRef: 'guidellm-benchmark',
      runAfter: ['run-lm-eval'],
      steps: [{ name: 'guidellm', image: GUIDELLM, memory: '2Gi' }],
      results: guidellmResultNames,
      params: { vllm_model_name: '$(params.vllm_model_name)' },
      workspaces: {},
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
      workspaces: {},
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

/**
 * The `spec` of the Task some pipeline tasks refer to (also copied into `status.taskSpec`):
 * the params, results and workspaces they use; a workspace only some of them bind is optional.
 * @public
 */
export function taskSpecOf(
  task: PipelineTaskDefinition,
  sameTask: PipelineTaskDefinition[] = [task],
): Record<string, unknown> {
  const workspaces = [
    ...new Set(sameTask.flatMap(t => Object.keys(t.workspaces))),
  ];
  return {
    params: [...new Set(sameTask.flatMap(t => Object.keys(t.params)))].map(
      name => ({ name, type: 'string' }),
    ),
    results: task.results.map(name => ({ name, type: 'string' })),
    ...(workspaces.length
      ? {
          workspaces: workspaces.map(name =>
            sameTask.every(t => name in t.workspaces)
              ? { name }
              : { name, optional: true },
          ),
        }
      : {}),
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

/** Every pipeline task that runs the Task `taskRef`. */
function tasksRunning(taskRef: string): PipelineTaskDefinition[] {
  return Object.values(pipelineDefinitions).flatMap(pipeline =>
    pipeline.tasks.filter(task => task.taskRef === taskRef),
  );
}

/** The spec of the Task a pipeline task runs, as every task running it needs it. @public */
export function taskSpecOfTaskRef(task: PipelineTaskDefinition) {
  return taskSpecOf(task, tasksRunning(task.taskRef));
}

/**
 * What a run binds a Pipeline workspace to: the run's PVC, or the demo's Quay push Secret.
 * @public
 */
export function workspaceBinding(
  workspace: string,
  claimName: string,
): Record<string, unknown> {
  return workspace === 'quay-auth'
    ? { secret: { secretName: QUAY_PUSH_SECRET } }
    : { persistentVolumeClaim: { claimName } };
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
    spec: taskSpecOfTaskRef(task),
  }));
}
