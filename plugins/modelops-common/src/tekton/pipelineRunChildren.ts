/* How a PipelineRun's children (TaskRuns, custom runs, pods) are found and read. */
import { TaskSummary } from './types';
import {
  asArray,
  asRecord,
  asString,
  asStringMap,
  asTimestamp,
  getPath,
  UnknownRecord,
} from './objectReaders';
import {
  isFinalStatus,
  readSucceededCondition,
  statusFromCondition,
} from './conditions';
import { StageMap, stageOfTask } from './stageMap';
import { interpretTaskRun } from './interpretTaskRun';
import { interpretPod, statusFromPodPhase } from './interpretPod';

/** A child of the PipelineRun: a TaskRun (or custom run) it references or owns. */
export interface Child {
  name: string;
  pipelineTaskName?: string;
  kind?: string;
  /** The TaskRun object the caller gave, if any. */
  object?: UnknownRecord;
  /** The status a v1beta1 PipelineRun embeds in `status.taskRuns`. */
  embeddedStatus?: UnknownRecord;
}

const CUSTOM_RUN_KINDS = ['Run', 'CustomRun'];

function belongsToRun(
  taskRun: UnknownRecord,
  runName: string | undefined,
  runNamespace: string | undefined,
  runUid: string | undefined,
): boolean {
  if (!runName) {
    return false;
  }
  const metadata = asRecord(taskRun.metadata);
  const namespace = asString(metadata?.namespace);
  if (runNamespace && namespace && namespace !== runNamespace) {
    return false;
  }
  const labels = asStringMap(metadata?.labels);
  if (labels['tekton.dev/pipelineRun'] === runName) {
    return true;
  }
  return asArray(metadata?.ownerReferences).some(entry => {
    const owner = asRecord(entry);
    if (owner?.kind !== 'PipelineRun' || owner.name !== runName) {
      return false;
    }
    const uid = asString(owner.uid);
    return !runUid || !uid || uid === runUid;
  });
}

/**
 * The run's children: `status.childReferences`, the v1beta1 `status.taskRuns`/`status.runs`
 * maps, and TaskRuns given by the caller that carry the run's label or owner reference.
 */
export function collectChildren(
  status: UnknownRecord | undefined,
  taskRuns: unknown[],
  runName: string | undefined,
  runNamespace: string | undefined,
  runUid: string | undefined,
): Child[] {
  const children = new Map<string, Child>();
  const add = (child: Child) => {
    const existing = children.get(child.name);
    if (existing) {
      existing.pipelineTaskName ??= child.pipelineTaskName;
      existing.kind ??= child.kind;
      existing.embeddedStatus ??= child.embeddedStatus;
      existing.object ??= child.object;
    } else {
      children.set(child.name, child);
    }
  };

  for (const entry of asArray(status?.childReferences)) {
    const ref = asRecord(entry);
    const name = asString(ref?.name);
    if (!ref || !name) {
      continue;
    }
    add({
      name,
      pipelineTaskName: asString(ref.pipelineTaskName),
      kind: asString(ref.kind),
    });
  }
  for (const [mapField, kind] of [
    ['taskRuns', 'TaskRun'],
    ['runs', 'Run'],
  ] as const) {
    const map = asRecord(status?.[mapField]);
    for (const [name, value] of Object.entries(map ?? {})) {
      const entry = asRecord(value);
      add({
        name,
        pipelineTaskName: asString(entry?.pipelineTaskName),
        kind,
        embeddedStatus: asRecord(entry?.status),
      });
    }
  }

  const referenced = new Set(children.keys());
  for (const value of asArray(taskRuns)) {
    const taskRun = asRecord(value);
    const name = asString(getPath(taskRun, 'metadata', 'name'));
    if (!taskRun || !name) {
      continue;
    }
    if (referenced.has(name)) {
      children.get(name)!.object ??= taskRun;
    } else if (belongsToRun(taskRun, runName, runNamespace, runUid)) {
      add({
        name,
        pipelineTaskName: asStringMap(getPath(taskRun, 'metadata', 'labels'))[
          'tekton.dev/pipelineTask'
        ],
        kind: 'TaskRun',
        object: taskRun,
      });
    }
  }
  return [...children.values()];
}

/** The pods given by the caller that belong to the run or one of its children. */
export function podsOfRun(
  pods: unknown[] | undefined,
  runName: string | undefined,
  children: Child[],
): UnknownRecord[] {
  const childNames = new Set(children.map(c => c.name));
  const out: UnknownRecord[] = [];
  for (const value of asArray(pods)) {
    const pod = asRecord(value);
    const labels = asStringMap(getPath(pod, 'metadata', 'labels'));
    if (!pod || !asString(getPath(pod, 'metadata', 'name'))) {
      continue;
    }
    const taskRun = labels['tekton.dev/taskRun'];
    if (
      (runName && labels['tekton.dev/pipelineRun'] === runName) ||
      (taskRun && childNames.has(taskRun))
    ) {
      out.push(pod);
    }
  }
  return out;
}

function podForTask(
  pods: UnknownRecord[],
  taskRunName: string | undefined,
  podName: string | undefined,
): UnknownRecord | undefined {
  return (
    (podName && pods.find(p => getPath(p, 'metadata', 'name') === podName)) ||
    (taskRunName &&
      pods.find(
        p =>
          asStringMap(getPath(p, 'metadata', 'labels'))[
            'tekton.dev/taskRun'
          ] === taskRunName,
      )) ||
    undefined
  );
}

/** One child as a task summary: from its TaskRun, its embedded status, its pod, or as missing. */
export function interpretChild(
  child: Child,
  stageMap: StageMap,
  pods: UnknownRecord[],
  finallyNames: Set<string>,
): TaskSummary {
  const pipelineTaskName =
    child.pipelineTaskName ??
    asStringMap(getPath(child.object, 'metadata', 'labels'))[
      'tekton.dev/pipelineTask'
    ] ??
    child.name;
  const isFinally = finallyNames.has(pipelineTaskName);

  if (child.kind && CUSTOM_RUN_KINDS.includes(child.kind) && !child.object) {
    // Custom runs (CEL, approvals...) are not TaskRuns: we only know they exist.
    return {
      name: pipelineTaskName,
      taskRunName: child.name,
      stage: stageOfTask(stageMap, pipelineTaskName),
      status: 'Unknown',
      retries: 0,
      steps: [],
      results: {},
      missing: true,
      ...(isFinally ? { isFinally } : {}),
    };
  }

  let source: unknown = child.object;
  if (child.object && child.embeddedStatus) {
    // Prefer the TaskRun object, unless it lags behind the status its PipelineRun embeds.
    const own = statusFromCondition(
      readSucceededCondition(child.object.status),
    );
    const embedded = statusFromCondition(
      readSucceededCondition(child.embeddedStatus),
    );
    if (embedded && isFinalStatus(embedded) && !(own && isFinalStatus(own))) {
      source = { ...child.object, status: child.embeddedStatus };
    }
  } else if (!child.object && child.embeddedStatus) {
    source = { metadata: { name: child.name }, status: child.embeddedStatus };
  }

  if (source === undefined) {
    const pod = podForTask(pods, child.name, undefined);
    const podSummary = pod ? interpretPod(pod) : undefined;
    return {
      name: pipelineTaskName,
      taskRunName: child.name,
      stage: stageOfTask(stageMap, pipelineTaskName),
      status: podSummary ? statusFromPodPhase(podSummary.phase) : 'Unknown',
      retries: 0,
      podName: podSummary?.name,
      steps: [],
      results: {},
      missing: true,
      ...(isFinally ? { isFinally } : {}),
      ...(podSummary ? { pod: podSummary } : {}),
    };
  }

  const podName = asString(getPath(source, 'status', 'podName'));
  const pod = podForTask(pods, child.name, podName);
  return interpretTaskRun(source, {
    stageMap,
    pipelineTaskName,
    pod,
    isFinally,
  });
}

/** Tasks known only from a pod (the TaskRun was pruned or not given). */
export function tasksFromOrphanPods(
  pods: UnknownRecord[],
  tasks: TaskSummary[],
  stageMap: StageMap,
): TaskSummary[] {
  const knownPods = new Set(tasks.map(t => t.podName).filter(Boolean));
  const knownTaskRuns = new Set(tasks.map(t => t.taskRunName).filter(Boolean));
  const out: TaskSummary[] = [];
  for (const pod of pods) {
    const summary = interpretPod(pod);
    const labels = asStringMap(getPath(pod, 'metadata', 'labels'));
    const taskRunName = labels['tekton.dev/taskRun'];
    if (
      !summary ||
      knownPods.has(summary.name) ||
      (taskRunName && knownTaskRuns.has(taskRunName))
    ) {
      continue;
    }
    const name =
      labels['tekton.dev/pipelineTask'] ?? taskRunName ?? summary.name;
    const startedAt = asTimestamp(getPath(pod, 'status', 'startTime'));
    knownPods.add(summary.name);
    if (taskRunName) {
      knownTaskRuns.add(taskRunName);
    }
    out.push({
      name,
      taskRunName,
      stage: stageOfTask(stageMap, name, labels['tekton.dev/task']),
      status: statusFromPodPhase(summary.phase),
      startedAt,
      retries: 0,
      podName: summary.name,
      steps: [],
      results: {},
      missing: true,
      pod: summary,
    });
  }
  return out;
}
