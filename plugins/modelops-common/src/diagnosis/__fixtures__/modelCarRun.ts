/*
 * Builds Tekton v1 objects of the team's ModelCar and evaluation pipelines the way the
 * Tekton controller writes them (PipelineRun with childReferences, TaskRuns with step
 * states), so that diagnosis tests can vary one task at a time.
 */

export type TaskOutcome =
  | 'Succeeded'
  | 'Failed'
  | 'Running'
  | 'Pending'
  | 'TaskRunTimeout'
  | 'TaskRunCancelled'
  | 'TaskRunImagePullFailed';

export interface StepSpec {
  name: string;
  exitCode?: number;
  reason?: string;
  message?: string;
  waiting?: { reason: string; message?: string };
  running?: boolean;
  /** `null`: the step never started (Tekton stopped it while it waited). */
  startedAt?: string | null;
  finishedAt?: string;
}

export interface TaskSpec {
  name: string;
  outcome: TaskOutcome;
  reason?: string;
  message?: string;
  steps?: StepSpec[];
  results?: Record<string, string>;
  startTime?: string;
  completionTime?: string;
  retries?: number;
}

export interface RunSpec {
  name?: string;
  pipeline?: 'modelcar-build-deploy-v2' | 'model-evaluation';
  condition?: {
    status: 'True' | 'False' | 'Unknown';
    reason: string;
    message?: string;
  };
  specStatus?: string;
  startTime?: string;
  completionTime?: string;
  tasks: TaskSpec[];
  params?: Record<string, string>;
  securityContext?: Record<string, number>;
  /** Run pushes in parallel (no runAfter between them). */
  parallelPushes?: boolean;
}

export const NAMESPACE = 'private-ai';
export const BUILD_DIGEST =
  'sha256:4f0c8b3e9d2a6f1b7c5e8a0d3b6f9c2e5a8d1b4f7c0e3a6d9b2f5c8e1a4d7b0f';
export const OTHER_DIGEST =
  'sha256:9a1d4c7f0b3e6a9d2c5f8b1e4a7d0c3f6b9e2a5d8c1f4b7e0a3d6c9f2b5e8a1d';

export const MODELCAR_TASKS = [
  'download-model',
  'build-image',
  'push-to-internal',
  'push-to-quay',
  'register-model',
];
export const EVALUATION_TASKS = [
  'run-lm-eval',
  'run-guidellm',
  'publish-results',
];

export const MODELCAR_PARAMS: Record<string, string> = {
  'hf-repo': 'mistralai/Mistral-Small-24B-Instruct-2501',
  'internal-image':
    'image-registry.openshift-image-registry.svc:5000/private-ai/mistral-small-24b-instruct:quantized-w4a16-2501',
  'quay-image':
    'quay.io/private-ai/mistral-small-24b-instruct:quantized-w4a16-2501',
  'model-name': 'Mistral-Small-24B-Instruct',
  'version-name': 'quantized-w4a16-2501',
  'hf-token-secret': 'hf-token',
};

function runAfter(
  pipeline: string,
  task: string,
  parallelPushes: boolean,
): string[] {
  const order =
    pipeline === 'model-evaluation' ? EVALUATION_TASKS : MODELCAR_TASKS;
  if (pipeline !== 'model-evaluation') {
    if (task === 'push-to-internal') return ['build-image'];
    if (task === 'push-to-quay')
      return parallelPushes ? ['build-image'] : ['push-to-internal'];
    if (task === 'register-model') return ['push-to-quay', 'push-to-internal'];
  }
  const index = order.indexOf(task);
  return index > 0 ? [order[index - 1]] : [];
}

function stepState(step: StepSpec) {
  const base = { name: step.name, container: `step-${step.name}` };
  if (step.waiting) {
    return { ...base, waiting: step.waiting };
  }
  if (step.running) {
    return {
      ...base,
      running: { startedAt: step.startedAt ?? '2025-01-30T10:00:00Z' },
    };
  }
  return {
    ...base,
    imageID:
      'quay.io/private-ai/modelcar-tools@sha256:1f6f5e3ad0b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c',
    terminated: {
      containerID: `cri-o://${step.name}0123456789abcdef`,
      exitCode: step.exitCode ?? 0,
      reason:
        step.reason ?? ((step.exitCode ?? 0) === 0 ? 'Completed' : 'Error'),
      ...(step.message !== undefined ? { message: step.message } : {}),
      ...(step.startedAt === null
        ? {}
        : { startedAt: step.startedAt ?? '2025-01-30T10:00:00Z' }),
      finishedAt: step.finishedAt ?? '2025-01-30T10:05:00Z',
    },
  };
}

function condition(task: TaskSpec, runName: string) {
  const trName = `${runName}-${task.name}`;
  switch (task.outcome) {
    case 'Succeeded':
      return {
        status: 'True',
        reason: 'Succeeded',
        message: 'All Steps have completed executing',
      };
    case 'Running':
      return {
        status: 'Unknown',
        reason: 'Running',
        message: 'Not all Steps in the Task have finished executing',
      };
    case 'Pending':
      return {
        status: 'Unknown',
        reason: task.reason ?? 'Pending',
        message: task.message ?? 'Pending',
      };
    case 'TaskRunTimeout':
      return {
        status: 'False',
        reason: 'TaskRunTimeout',
        message: `TaskRun "${trName}" failed to finish within "1h0m0s"`,
      };
    case 'TaskRunCancelled':
      return {
        status: 'False',
        reason: 'TaskRunCancelled',
        message: `TaskRun "${trName}" was cancelled. TaskRun cancelled as the PipelineRun it belongs to has been cancelled.`,
      };
    case 'TaskRunImagePullFailed':
      return {
        status: 'False',
        reason: 'TaskRunImagePullFailed',
        message: task.message ?? '',
      };
    default: {
      const failing = (task.steps ?? []).find(s => (s.exitCode ?? 0) !== 0);
      return {
        status: 'False',
        reason: task.reason ?? 'Failed',
        message:
          task.message ??
          `"step-${failing?.name ?? 'main'}" exited with code ${
            failing?.exitCode ?? 1
          }; for logs run: kubectl -n ${NAMESPACE} logs ${trName}-pod -c step-${
            failing?.name ?? 'main'
          }\n`,
      };
    }
  }
}

export interface BuiltRun {
  pipelineRun: Record<string, any>;
  taskRuns: Array<Record<string, any>>;
}

export function buildRun(spec: RunSpec): BuiltRun {
  const name = spec.name ?? 'mistral-24b-quantized-wk62d';
  const pipeline = spec.pipeline ?? 'modelcar-build-deploy-v2';
  const order =
    pipeline === 'model-evaluation' ? EVALUATION_TASKS : MODELCAR_TASKS;
  const params =
    spec.params ??
    (pipeline === 'model-evaluation'
      ? {
          vllm_model_name: 'mistral-24b-quantized',
          model_name: 'Mistral-Small-24B-Instruct',
          version_name: 'quantized-w4a16-2501',
        }
      : MODELCAR_PARAMS);

  const taskRuns = spec.tasks
    .filter(t => t.outcome !== 'Pending' || t.steps)
    .map(task => {
      const trName = `${name}-${task.name}`;
      // By default tasks run one after the other: 10 minute slots in pipeline order.
      const slot = Math.max(0, order.indexOf(task.name));
      const startTime =
        task.startTime ??
        `2025-01-30T10:${String(slot * 10).padStart(2, '0')}:00Z`;
      const completionTime =
        task.completionTime ??
        `2025-01-30T10:${String(slot * 10 + 9).padStart(2, '0')}:00Z`;
      const final = !['Running', 'Pending'].includes(task.outcome);
      return {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: {
          name: trName,
          namespace: NAMESPACE,
          labels: {
            'app.kubernetes.io/managed-by': 'tekton-pipelines',
            'backstage.io/kubernetes-id': 'mistral-small-24b-instruct',
            'tekton.dev/memberOf': 'tasks',
            'tekton.dev/pipeline': pipeline,
            'tekton.dev/pipelineRun': name,
            'tekton.dev/pipelineTask': task.name,
            'tekton.dev/task': task.name,
          },
        },
        spec: {
          serviceAccountName: 'model-pipeline-sa',
          taskRef: { kind: 'Task', name: task.name },
          timeout: '1h0m0s',
        },
        status: {
          conditions: [
            {
              type: 'Succeeded',
              lastTransitionTime: completionTime,
              ...condition(task, name),
            },
          ],
          podName: `${trName}-pod`,
          startTime,
          ...(final ? { completionTime } : {}),
          steps: (task.steps ?? [{ name: 'main' }]).map(stepState),
          ...(task.results
            ? {
                results: Object.entries(task.results).map(([rn, value]) => ({
                  name: rn,
                  type: 'string',
                  value,
                })),
              }
            : {}),
          ...(task.retries
            ? {
                retriesStatus: Array.from({ length: task.retries }, () => ({
                  conditions: [
                    { type: 'Succeeded', status: 'False', reason: 'Failed' },
                  ],
                })),
              }
            : {}),
        },
      };
    });

  const pipelineRun = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      name,
      namespace: NAMESPACE,
      uid: '6c1f0d2e-8a7b-4c3d-9e2f-0a1b2c3d4e5f',
      creationTimestamp: spec.startTime ?? '2025-01-30T10:00:00Z',
      labels: {
        'backstage.io/kubernetes-id': 'mistral-small-24b-instruct',
        'tekton.dev/pipeline': pipeline,
        'modelops.io/model-version': 'quantized-w4a16-2501',
      },
      annotations: {
        'modelops.io/triggered-by': 'user:default/data-scientist',
      },
    },
    spec: {
      pipelineRef: { name: pipeline },
      params: Object.entries(params).map(([pn, value]) => ({
        name: pn,
        value,
      })),
      taskRunTemplate: {
        serviceAccountName: 'model-pipeline-sa',
        ...(spec.securityContext
          ? { podTemplate: { securityContext: spec.securityContext } }
          : {}),
      },
      timeouts: { pipeline: '1h0m0s' },
      workspaces: [
        {
          name: 'shared-workspace',
          persistentVolumeClaim: { claimName: 'model-workspace-pvc' },
        },
      ],
      ...(spec.specStatus ? { status: spec.specStatus } : {}),
    },
    status: {
      startTime: spec.startTime ?? '2025-01-30T10:00:00Z',
      ...(spec.completionTime ||
      (spec.condition && spec.condition.status !== 'Unknown')
        ? { completionTime: spec.completionTime ?? '2025-01-30T11:00:00Z' }
        : {}),
      conditions: [
        {
          type: 'Succeeded',
          lastTransitionTime: '2025-01-30T11:00:00Z',
          ...(spec.condition ?? {
            status: 'True',
            reason: 'Succeeded',
            message: 'Tasks Completed: 5 (Failed: 0, Cancelled 0), Skipped: 0',
          }),
        },
      ],
      pipelineSpec: {
        params: Object.keys(params).map(pn => ({ name: pn, type: 'string' })),
        workspaces: [{ name: 'shared-workspace' }],
        tasks: order.map(taskName => ({
          name: taskName,
          taskRef: { kind: 'Task', name: taskName },
          runAfter: runAfter(pipeline, taskName, !!spec.parallelPushes),
          workspaces: [{ name: 'shared', workspace: 'shared-workspace' }],
        })),
      },
      childReferences: taskRuns.map(tr => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        name: tr.metadata.name,
        pipelineTaskName: tr.metadata.labels['tekton.dev/pipelineTask'],
      })),
    },
  };
  return { pipelineRun, taskRuns };
}

/** A pod of a TaskRun with the given status (for evictions, scheduling, OOM). */
export function buildPod(taskRunName: string, status: Record<string, unknown>) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${taskRunName}-pod`,
      namespace: NAMESPACE,
      labels: {
        'app.kubernetes.io/managed-by': 'tekton-pipelines',
        'tekton.dev/taskRun': taskRunName,
      },
    },
    status,
  };
}

/** Log key of a step: `${taskRunName}/step-${step}`. */
export function logKey(runName: string, task: string, step: string): string {
  return `${runName}-${task}/step-${step}`;
}
