import { KubeObject } from '../../kubernetes/types';
import { isoTime, uidOf, suffixOf } from '../ids';
import {
  defaultStepLogs,
  defaultTaskResults,
  LogContext,
} from './defaultStepLogs';
import { pipelineSpecOf } from '@private-ai/plugin-modelops-common';
import {
  PipelineTaskDefinition,
  taskSpecOfTaskRef,
  workspaceBinding,
} from './pipelineDefinitions';
import { PlanStatus, RunPlan, TaskPlan } from './runPlan';

/** A container log of the built objects. @public */
export interface BuiltLog {
  namespace: string;
  pod: string;
  container: string;
  text: string;
}

/** A PipelineRun with its TaskRuns, their pods and the pods' logs. @public */
export interface BuiltRun {
  pipelineRun: KubeObject;
  taskRuns: KubeObject[];
  pods: KubeObject[];
  logs: BuiltLog[];
  /** Events of the pods (a scheduler's FailedScheduling). */
  events: KubeObject[];
}

const FINAL: PlanStatus[] = ['Succeeded', 'Failed', 'Cancelled', 'TimedOut'];

function at(plan: RunPlan, seconds: number): string {
  return isoTime(plan.startMs + seconds * 1000);
}

function baseLabels(plan: RunPlan): Record<string, string> {
  const version = plan.params['version-name'] ?? plan.params.version_name;
  return {
    'backstage.io/kubernetes-id': plan.entity,
    'tekton.dev/pipeline': plan.pipeline.name,
    ...(version ? { 'modelops.io/model-version': version } : {}),
  };
}

function taskRunName(plan: RunPlan, task: string): string {
  return `${plan.name}-${task}`;
}

function stepImageId(image: string): string {
  return image;
}

function containerId(seed: string): string {
  return `cri-o://${uidOf(seed).replace(/-/g, '')}${uidOf(`${seed}/2`)
    .replace(/-/g, '')
    .slice(0, 32)}`;
}

interface StepState {
  name: string;
  container: string;
  imageID: string;
  terminated?: Record<string, unknown>;
  running?: Record<string, unknown>;
  waiting?: Record<string, unknown>;
  terminationReason?: string;
}

function containerState(step: StepState): Record<string, unknown> {
  if (step.terminated) return { terminated: step.terminated };
  if (step.running) return { running: step.running };
  return { waiting: step.waiting ?? { reason: 'PodInitializing' } };
}

function stepStates(
  plan: RunPlan,
  task: PipelineTaskDefinition,
  taskPlan: TaskPlan,
): StepState[] {
  const startSec = taskPlan.startSec;
  const endSec = taskPlan.startSec + taskPlan.durationSec;
  const failedIndex = taskPlan.step
    ? task.steps.findIndex(s => s.name === taskPlan.step)
    : -1;
  const stopIndex = failedIndex >= 0 ? failedIndex : task.steps.length - 1;
  const slice = taskPlan.durationSec / Math.max(1, stopIndex + 1);
  return task.steps.map((step, index) => {
    const base = {
      name: step.name,
      container: `step-${step.name}`,
      imageID: stepImageId(step.image),
    };
    const stepStart = at(plan, startSec + 2 + slice * index);
    const stepEnd = at(
      plan,
      index === stopIndex ? endSec : startSec + 2 + slice * (index + 1),
    );
    const internal = JSON.stringify([
      { key: 'StartedAt', value: stepStart, type: 3 },
    ]);
    if (taskPlan.status === 'Pending') {
      return { ...base, waiting: { reason: 'PodInitializing' } };
    }
    if (taskPlan.unschedulable) {
      // What Tekton writes when it stops a TaskRun whose steps still waited: no start.
      return {
        ...base,
        terminated: {
          exitCode: 1,
          reason: taskCondition(plan, task.name, task, taskPlan).reason,
          finishedAt: at(plan, endSec),
        },
      };
    }
    if (taskPlan.status === 'Running' && index >= stopIndex) {
      return index === stopIndex
        ? { ...base, running: { startedAt: stepStart } }
        : { ...base, waiting: { reason: 'PodInitializing' } };
    }
    if (index > stopIndex) {
      return {
        ...base,
        terminated: {
          exitCode: 1,
          reason: 'Error',
          startedAt: stepEnd,
          finishedAt: stepEnd,
          message: internal,
          containerID: containerId(`${plan.name}/${task.name}/${step.name}`),
        },
        terminationReason: 'Skipped',
      };
    }
    const failing = index === stopIndex && taskPlan.status !== 'Succeeded';
    const end = failing
      ? taskPlan.stepEnd ?? { exitCode: 1, reason: 'Error' }
      : undefined;
    const results =
      !failing && index === stopIndex
        ? { ...defaultResultsOf(plan, task, taskPlan) }
        : {};
    const message = JSON.stringify([
      ...Object.entries(results).map(([key, value]) => ({
        key,
        value,
        type: 1,
      })),
      { key: 'StartedAt', value: stepStart, type: 3 },
    ]);
    return {
      ...base,
      terminated: {
        containerID: containerId(`${plan.name}/${task.name}/${step.name}`),
        exitCode: end?.exitCode ?? 0,
        finishedAt: stepEnd,
        message: end?.message ?? message,
        reason: end?.reason ?? 'Completed',
        startedAt: stepStart,
      },
      ...(failing
        ? {
            terminationReason:
              end?.reason === 'OOMKilled' ? 'OOMKilled' : 'Error',
          }
        : { terminationReason: 'Completed' }),
    };
  });
}

function logContext(
  plan: RunPlan,
  task: PipelineTaskDefinition,
  taskPlan: TaskPlan,
): LogContext {
  return {
    plan,
    task,
    taskPlan,
    startMs: plan.startMs + taskPlan.startSec * 1000,
  };
}

function defaultResultsOf(
  plan: RunPlan,
  task: PipelineTaskDefinition,
  taskPlan: TaskPlan,
): Record<string, string> {
  return (
    taskPlan.results ?? defaultTaskResults(logContext(plan, task, taskPlan))
  );
}

function taskCondition(
  plan: RunPlan,
  name: string,
  task: PipelineTaskDefinition,
  taskPlan: TaskPlan,
) {
  const trName = taskRunName(plan, name);
  const podName = `${trName}-pod`;
  const failedStep = taskPlan.step ?? task.steps[task.steps.length - 1].name;
  const image = task.steps.find(s => s.name === failedStep)?.image ?? '';
  const defaults: Record<
    PlanStatus,
    { status: string; reason: string; message: string }
  > = {
    Succeeded: {
      status: 'True',
      reason: 'Succeeded',
      message: 'All Steps have completed executing',
    },
    Running: {
      status: 'Unknown',
      reason: 'Running',
      message: 'Not all Steps in the Task have finished executing',
    },
    Pending: {
      status: 'Unknown',
      reason: 'Pending',
      message:
        'pod status "Initialized":"False"; message: "containers with incomplete status: [prepare place-scripts]"',
    },
    Failed: {
      status: 'False',
      reason: 'Failed',
      message: `"step-${failedStep}" exited with code ${
        taskPlan.stepEnd?.exitCode ?? 1
      } (image: "${image}"); for logs run: kubectl -n ${
        plan.namespace
      } logs ${podName} -c step-${failedStep}\n`,
    },
    TimedOut: {
      status: 'False',
      reason: 'TaskRunTimeout',
      message: `TaskRun "${trName}" failed to finish within "${
        plan.timeout ?? '1h0m0s'
      }"`,
    },
    Cancelled: {
      status: 'False',
      reason: 'TaskRunCancelled',
      message: `TaskRun "${trName}" was cancelled. TaskRun cancelled as the PipelineRun it belongs to has been cancelled.`,
    },
  };
  const d = defaults[taskPlan.status];
  return {
    type: 'Succeeded',
    status: d.status,
    reason: taskPlan.reason ?? d.reason,
    message: taskPlan.message ?? d.message,
    lastTransitionTime: at(plan, taskPlan.startSec + taskPlan.durationSec),
  };
}

function securityContext(plan: RunPlan): Record<string, number> | undefined {
  const sc = plan.securityContext;
  if (!sc) return undefined;
  const out: Record<string, number> = {};
  if (sc.fsGroup !== undefined) out.fsGroup = sc.fsGroup;
  if (sc.runAsUser !== undefined) out.runAsUser = sc.runAsUser;
  if (sc.runAsGroup !== undefined) out.runAsGroup = sc.runAsGroup;
  return out;
}

/** The PVC of the run's shared workspace. */
function claimNameOf(plan: RunPlan): string {
  return plan.claimName ?? `${plan.name}-shared`;
}

function resolveParams(
  plan: RunPlan,
  task: PipelineTaskDefinition,
  results: Record<string, Record<string, string>>,
) {
  return Object.entries(task.params).map(([name, expression]) => ({
    name,
    value: expression.replace(
      /\$\((params|tasks)\.([\w-]+)(?:\.results\.([\w-]+))?\)/g,
      (_m, kind: string, key: string, result?: string) =>
        kind === 'params'
          ? plan.params[key] ??
            plan.pipeline.params.find(p => p.name === key)?.default ??
            ''
          : results[key]?.[result ?? ''] ?? '',
    ),
  }));
}

function buildPod(
  plan: RunPlan,
  task: PipelineTaskDefinition,
  taskPlan: TaskPlan,
  taskRun: KubeObject,
  steps: StepState[],
): KubeObject {
  const final = FINAL.includes(taskPlan.status);
  const phase =
    taskPlan.pod?.phase ??
    (['Succeeded', 'Pending', 'Running'].includes(taskPlan.status)
      ? taskPlan.status
      : 'Failed');
  const uid = taskPlan.uid ?? plan.uid ?? plan.securityContext?.runAsUser;
  const pod = podObject(
    plan,
    task,
    taskPlan,
    taskRun,
    steps,
    phase,
    final,
    uid,
  );
  if (taskPlan.unschedulable) {
    const status = pod.status as Record<string, unknown>;
    delete (pod.spec as Record<string, unknown>).nodeName;
    pod.status = {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: taskPlan.unschedulable.message,
          lastTransitionTime: at(plan, taskPlan.startSec),
        },
      ],
      qosClass: status.qosClass,
    };
  }
  return pod;
}

function podObject(
  plan: RunPlan,
  task: PipelineTaskDefinition,
  taskPlan: TaskPlan,
  taskRun: KubeObject,
  steps: StepState[],
  phase: string,
  final: boolean,
  uid: number | undefined,
): KubeObject {
  const trName = taskRun.metadata.name;
  const podName = `${trName}-pod`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      namespace: plan.namespace,
      uid: uidOf(`${plan.namespace}/${podName}`),
      creationTimestamp: at(plan, taskPlan.startSec),
      labels: {
        ...taskRun.metadata.labels,
        'tekton.dev/taskRun': trName,
        'tekton.dev/taskRunUID': taskRun.metadata.uid ?? '',
      },
      annotations: {
        'openshift.io/scc':
          plan.securityContext?.runAsUser !== undefined
            ? 'anyuid'
            : 'restricted-v2',
        'pipeline.tekton.dev/release': 'v0.68.0',
      },
      ownerReferences: [
        {
          apiVersion: 'tekton.dev/v1',
          kind: 'TaskRun',
          name: trName,
          uid: taskRun.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      serviceAccountName: plan.serviceAccountName ?? 'pipeline',
      nodeName: `worker-${(plan.name.length % 3) + 1}.demo-cluster.example.com`,
      restartPolicy: 'Never',
      securityContext: {
        ...(securityContext(plan) ?? {}),
        seccompProfile: { type: 'RuntimeDefault' },
      },
      initContainers: [
        {
          name: 'prepare',
          image:
            'registry.redhat.io/openshift-pipelines/pipelines-entrypoint-rhel9@sha256:0b6e0d5c1bb2d3ad5b0c4a0e1a6e3f2c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
        },
        {
          name: 'place-scripts',
          image:
            'registry.access.redhat.com/ubi9/ubi-minimal@sha256:7a9b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
        },
      ],
      containers: task.steps.map(step => ({
        name: `step-${step.name}`,
        image: step.image,
        resources: {
          limits: { memory: step.memory ?? '1Gi' },
          requests: { memory: step.memory ?? '1Gi' },
        },
        ...(uid !== undefined ? { securityContext: { runAsUser: uid } } : {}),
        volumeMounts: [{ name: 'ws-shared', mountPath: '/workspace/shared' }],
      })),
      volumes: plan.claimName
        ? [
            {
              name: 'ws-shared',
              persistentVolumeClaim: { claimName: plan.claimName },
            },
          ]
        : [{ name: 'ws-shared', emptyDir: {} }],
    },
    status: {
      phase,
      ...(taskPlan.pod?.reason ? { reason: taskPlan.pod.reason } : {}),
      ...(taskPlan.pod?.message ? { message: taskPlan.pod.message } : {}),
      startTime: at(plan, taskPlan.startSec),
      conditions: [
        {
          type: 'Initialized',
          status: taskPlan.status === 'Pending' ? 'False' : 'True',
          lastTransitionTime: at(plan, taskPlan.startSec + 1),
        },
        {
          type: 'Ready',
          status: taskPlan.status === 'Running' ? 'True' : 'False',
          lastTransitionTime: at(
            plan,
            taskPlan.startSec + (final ? taskPlan.durationSec : 2),
          ),
          ...(final ? { reason: 'PodCompleted' } : {}),
        },
        {
          type: 'PodScheduled',
          status: 'True',
          lastTransitionTime: at(plan, taskPlan.startSec),
        },
      ],
      containerStatuses: steps.map(step => ({
        name: step.container,
        image: task.steps.find(s => `step-${s.name}` === step.container)?.image,
        imageID: step.imageID,
        ready: !!step.running,
        restartCount: 0,
        started: !!step.running,
        state: containerState(step),
        ...(step.terminated?.containerID
          ? { containerID: step.terminated.containerID }
          : {}),
      })),
      qosClass: 'Burstable',
    },
  };
}

function runCondition(plan: RunPlan, order: PipelineTaskDefinition[]) {
  const counts = { completed: 0, failed: 0, cancelled: 0, skipped: 0 };
  for (const task of order) {
    const t = plan.tasks[task.name];
    if (!t) {
      if (FINAL.includes(plan.status)) counts.skipped++;
      continue;
    }
    if (t.status === 'Succeeded') counts.completed++;
    if (t.status === 'Failed' || t.status === 'TimedOut') {
      counts.completed++;
      counts.failed++;
    }
    if (t.status === 'Cancelled') {
      counts.completed++;
      counts.cancelled++;
    }
  }
  const summary = `Tasks Completed: ${counts.completed} (Failed: ${counts.failed}, Cancelled ${counts.cancelled}), Skipped: ${counts.skipped}`;
  const timeout = plan.timeout ?? '1h0m0s';
  const defaults: Record<
    PlanStatus,
    { status: string; reason: string; message: string }
  > = {
    Succeeded: { status: 'True', reason: 'Succeeded', message: summary },
    Running: { status: 'Unknown', reason: 'Running', message: summary },
    Pending: {
      status: 'Unknown',
      reason:
        plan.specStatus === 'PipelineRunPending'
          ? 'PipelineRunPending'
          : 'Started',
      message: '',
    },
    Failed: { status: 'False', reason: 'Failed', message: summary },
    TimedOut: {
      status: 'False',
      reason: 'PipelineRunTimeout',
      message: `PipelineRun "${plan.name}" failed to finish within "${timeout}"`,
    },
    Cancelled: {
      status: 'False',
      reason: 'Cancelled',
      message: `PipelineRun "${plan.name}" was cancelled`,
    },
  };
  const d = defaults[plan.status];
  return {
    type: 'Succeeded',
    status: d.status,
    reason: plan.reason ?? d.reason,
    message: plan.message ?? d.message,
    lastTransitionTime: at(plan, plan.finishSec ?? lastActivity(plan)),
  };
}

function lastActivity(plan: RunPlan): number {
  return Math.max(
    0,
    ...Object.values(plan.tasks).map(t => t.startSec + t.durationSec),
  );
}

/**
 * Builds a tekton.dev/v1 PipelineRun, its TaskRuns, their pods and the pods' logs from a
 * plan, in the shapes a real cluster returns (conditions, childReferences, step states
 * with termination messages, results, pod container states).
 * @public
 */
export function buildPipelineRun(plan: RunPlan): BuiltRun {
  const runUid = uidOf(`${plan.namespace}/${plan.name}`);
  const labels = baseLabels(plan);
  const order = plan.pipeline.tasks;
  const taskRuns: KubeObject[] = [];
  const pods: KubeObject[] = [];
  const logs: BuiltLog[] = [];
  const events: KubeObject[] = [];
  const results: Record<string, Record<string, string>> = {};

  for (const task of order) {
    const taskPlan = plan.tasks[task.name];
    if (!taskPlan) continue;
    const trName = taskRunName(plan, task.name);
    const steps = stepStates(plan, task, taskPlan);
    const taskResults =
      taskPlan.status === 'Succeeded'
        ? defaultResultsOf(plan, task, taskPlan)
        : taskPlan.results ?? {};
    results[task.name] = taskResults;
    const final = FINAL.includes(taskPlan.status);
    const taskRun: KubeObject = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: {
        name: trName,
        namespace: plan.namespace,
        uid: uidOf(`${plan.namespace}/${trName}`),
        creationTimestamp: at(plan, taskPlan.startSec),
        labels: {
          ...labels,
          'app.kubernetes.io/managed-by': 'tekton-pipelines',
          'tekton.dev/memberOf': 'tasks',
          'tekton.dev/pipelineRun': plan.name,
          'tekton.dev/pipelineRunUID': runUid,
          'tekton.dev/pipelineTask': task.name,
          'tekton.dev/task': task.taskRef,
        },
        annotations: { 'pipeline.tekton.dev/release': 'v0.68.0' },
        ownerReferences: [
          {
            apiVersion: 'tekton.dev/v1',
            kind: 'PipelineRun',
            name: plan.name,
            uid: runUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        params: resolveParams(plan, task, results),
        serviceAccountName: plan.serviceAccountName ?? 'pipeline',
        taskRef: { kind: 'Task', name: task.taskRef },
        timeout: plan.timeout ?? '1h0m0s',
        ...(Object.keys(task.workspaces).length
          ? {
              workspaces: Object.entries(task.workspaces).map(
                ([name, workspace]) => ({
                  name,
                  ...workspaceBinding(workspace, claimNameOf(plan)),
                }),
              ),
            }
          : {}),
        ...(plan.securityContext
          ? { podTemplate: { securityContext: securityContext(plan) } }
          : {}),
      },
      status: {
        podName: `${trName}-pod`,
        startTime: at(plan, taskPlan.startSec),
        ...(final
          ? {
              completionTime: at(
                plan,
                taskPlan.startSec + taskPlan.durationSec,
              ),
            }
          : {}),
        conditions: [taskCondition(plan, task.name, task, taskPlan)],
        steps,
        ...(Object.keys(taskResults).length
          ? {
              results: Object.entries(taskResults).map(([name, value]) => ({
                name,
                type: 'string',
                value,
              })),
            }
          : {}),
        ...(taskPlan.retries
          ? {
              retriesStatus: Array.from({ length: taskPlan.retries }, () => ({
                conditions: [
                  { type: 'Succeeded', status: 'False', reason: 'Failed' },
                ],
              })),
            }
          : {}),
        taskSpec: taskSpecOfTaskRef(task),
      },
    };
    taskRuns.push(taskRun);
    pods.push(buildPod(plan, task, taskPlan, taskRun, steps));
    if (taskPlan.unschedulable) {
      events.push(schedulingEvent(plan, taskPlan, `${trName}-pod`));
    }

    if (taskPlan.status !== 'Pending' && !taskPlan.unschedulable) {
      const defaults = defaultStepLogs(logContext(plan, task, taskPlan));
      const stopIndex = taskPlan.step
        ? task.steps.findIndex(s => s.name === taskPlan.step)
        : task.steps.length - 1;
      task.steps.forEach((step, index) => {
        if (index > stopIndex) return;
        const generated = [
          ...(defaults[step.name] ?? []),
          ...(taskPlan.extraLogs?.[step.name] ?? []),
        ];
        const lines =
          taskPlan.logs?.[step.name] ??
          (taskPlan.rewriteLogs
            ? taskPlan.rewriteLogs(step.name, generated)
            : generated);
        logs.push({
          namespace: plan.namespace,
          pod: `${trName}-pod`,
          container: `step-${step.name}`,
          text: lines.length ? `${lines.join('\n')}\n` : '',
        });
      });
    }
  }

  const final = FINAL.includes(plan.status);
  const skipped = final ? order.filter(t => !plan.tasks[t.name]) : [];
  const runResults = Object.entries(plan.pipeline.results)
    .map(([name, expression]) => {
      const match = /\$\(tasks\.([\w-]+)\.results\.([\w-]+)\)/.exec(expression);
      const value = match ? results[match[1]]?.[match[2]] : undefined;
      return value ? { name, value } : undefined;
    })
    .filter((r): r is { name: string; value: string } => r !== undefined);

  const pipelineRun: KubeObject = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      uid: runUid,
      creationTimestamp: at(plan, 0),
      labels,
      annotations: {
        'pipeline.openshift.io/started-by':
          plan.startedBy ??
          'system:serviceaccount:openshift-gitops:openshift-gitops-argocd-application-controller',
      },
    },
    spec: {
      pipelineRef: { name: plan.pipeline.name },
      params: Object.entries(plan.params).map(([name, value]) => ({
        name,
        value,
      })),
      taskRunTemplate: {
        serviceAccountName: plan.serviceAccountName ?? 'pipeline',
        ...(plan.securityContext
          ? { podTemplate: { securityContext: securityContext(plan) } }
          : {}),
      },
      timeouts: { pipeline: plan.timeout ?? '1h0m0s' },
      ...(plan.pipeline.workspaces.length
        ? {
            workspaces: plan.pipeline.workspaces
              .filter(w => !w.optional)
              .map(w => ({
                name: w.name,
                ...workspaceBinding(w.name, claimNameOf(plan)),
              })),
          }
        : {}),
      ...(plan.specStatus ? { status: plan.specStatus } : {}),
    },
    status: {
      startTime: at(plan, 0),
      ...(final
        ? { completionTime: at(plan, plan.finishSec ?? lastActivity(plan)) }
        : {}),
      conditions: [runCondition(plan, order)],
      pipelineSpec: pipelineSpecOf(plan.pipeline),
      childReferences: taskRuns.map(tr => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        name: tr.metadata.name,
        pipelineTaskName: tr.metadata.labels?.['tekton.dev/pipelineTask'],
      })),
      ...(runResults.length ? { results: runResults } : {}),
      ...(skipped.length
        ? {
            skippedTasks: skipped.map(t => ({
              name: t.name,
              reason: 'PipelineRun was stopping',
            })),
          }
        : {}),
    },
  };

  return { pipelineRun, taskRuns, pods, logs, events };
}

/** The scheduler's Event about a pod it could not place, as `kubectl get events -o yaml` shows it. */
function schedulingEvent(
  plan: RunPlan,
  taskPlan: TaskPlan,
  podName: string,
): KubeObject {
  const name = `${podName}.${suffixOf(`${podName}/FailedScheduling`)}`;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace: plan.namespace,
      uid: uidOf(`${plan.namespace}/${name}`),
      creationTimestamp: at(plan, taskPlan.startSec),
    },
    involvedObject: {
      apiVersion: 'v1',
      kind: 'Pod',
      name: podName,
      namespace: plan.namespace,
      uid: uidOf(`${plan.namespace}/${podName}`),
    },
    reason: 'FailedScheduling',
    message: taskPlan.unschedulable?.message,
    source: { component: 'default-scheduler' },
    firstTimestamp: at(plan, taskPlan.startSec),
    lastTimestamp: at(plan, taskPlan.startSec + taskPlan.durationSec - 60),
    count: taskPlan.unschedulable?.count,
    type: 'Warning',
    reportingComponent: 'default-scheduler',
  };
}

/** A name like `mistral-24b-quantized-wk62d` for a prefix and seed. @public */
export function runNameOf(prefix: string, seed: string): string {
  return `${prefix}-${suffixOf(seed)}`;
}
