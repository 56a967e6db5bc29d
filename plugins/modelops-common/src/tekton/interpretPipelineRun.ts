import { PipelineRunSummary, RunStatus } from './types';
import {
  asArray,
  asRecord,
  asString,
  asStringMap,
  asTimestamp,
  bound,
  getPath,
  MAX_MESSAGE_CHARS,
  secondsBetween,
  UnknownRecord,
} from './objectReaders';
import {
  cancelSpecStatuses,
  isFailedStatus,
  isFinalStatus,
  PENDING_SPEC_STATUS,
  readSucceededCondition,
  statusFromCondition,
} from './conditions';
import { defaultStageMap, detectPipelineKind, StageMap } from './stageMap';
import {
  defaultKeyParamNames,
  extractKeyParams,
  KeyParamNames,
  paramDefaults,
  paramsToRecord,
} from './params';
import {
  defaultTriggerSources,
  readTriggeredBy,
  TriggerSource,
} from './triggeredBy';
import { buildDigestTrail } from './digests';
import {
  collectChildren,
  interpretChild,
  podsOfRun,
  tasksFromOrphanPods,
} from './pipelineRunChildren';
import { orderTasks, readSkipped, taskDefinitions } from './pipelineTaskOrder';
import { readSecurityContext, readWorkspaces } from './pipelineRunSpec';

/** Options of `interpretPipelineRun`. @public */
export interface InterpretPipelineRunOptions {
  /** Name of the cluster the run was read from (as configured in Backstage). */
  cluster: string;
  /** Task name to stage mapping; `defaultStageMap` when omitted. */
  stageMap?: StageMap;
  /** Pods of the run's TaskRuns (others are ignored), for evictions and pruned TaskRuns. */
  pods?: unknown[];
  /** Param names read as key params; `defaultKeyParamNames` when omitted. */
  keyParamNames?: KeyParamNames;
  /** Where to read who started the run; `defaultTriggerSources` when omitted. */
  triggerSources?: readonly TriggerSource[];
}

function looksLikePipelineRun(run: UnknownRecord): boolean {
  if (run.kind === 'PipelineRun') {
    return true;
  }
  const spec = asRecord(run.spec);
  const status = asRecord(run.status);
  return (
    asRecord(spec?.pipelineRef) !== undefined ||
    asRecord(spec?.pipelineSpec) !== undefined ||
    (status !== undefined &&
      (Array.isArray(status.conditions) ||
        Array.isArray(status.childReferences) ||
        asRecord(status.taskRuns) !== undefined))
  );
}

function runStatusOf(
  run: UnknownRecord,
  status: UnknownRecord | undefined,
  specStatus: string | undefined,
): RunStatus {
  let result = statusFromCondition(readSucceededCondition(status));
  if (!result || !isFinalStatus(result)) {
    if (specStatus && cancelSpecStatuses.includes(specStatus)) {
      // Cancel was asked for: Tekton is winding the run down.
      return 'Cancelled';
    }
    if (
      specStatus === PENDING_SPEC_STATUS &&
      (!result || result === 'Pending')
    ) {
      return 'Pending';
    }
  }
  if (!result) {
    if (status && asString(status.startTime)) {
      result = 'Running';
    } else {
      result = looksLikePipelineRun(run) ? 'Pending' : 'Unknown';
    }
  }
  return result;
}

/**
 * Turns a PipelineRun (Tekton v1 or v1beta1) and its TaskRuns into a summary: status,
 * tasks in pipeline order (including tasks not started yet and skipped ones), steps with
 * exit codes, params, key params, digests.
 *
 * `taskRuns` may hold TaskRuns of other runs: only those the PipelineRun references
 * (`status.childReferences`, `status.taskRuns`) or that carry its `tekton.dev/pipelineRun`
 * label or owner reference are used. Never throws: missing fields and wrong types give
 * `Unknown` (or are left out).
 * @public
 */
export function interpretPipelineRun(
  pipelineRun: unknown,
  taskRuns: unknown[],
  options: InterpretPipelineRunOptions,
): PipelineRunSummary {
  const run = asRecord(pipelineRun) ?? {};
  const stageMap = options?.stageMap ?? defaultStageMap;
  const metadata = asRecord(run.metadata);
  const spec = asRecord(run.spec);
  const status = asRecord(run.status);
  const name =
    asString(metadata?.name) ?? asString(metadata?.generateName) ?? '';
  const namespace = asString(metadata?.namespace) ?? '';
  const uid = asString(metadata?.uid);
  const labels = asStringMap(metadata?.labels);
  const annotations = asStringMap(metadata?.annotations);
  const specStatus = asString(spec?.status);

  const condition = readSucceededCondition(status);
  let runStatus = runStatusOf(run, status, specStatus);

  const pipelineSpec =
    asRecord(status?.pipelineSpec) ?? asRecord(spec?.pipelineSpec);
  const mainTasks = taskDefinitions(pipelineSpec, 'tasks');
  const finallyTasks = taskDefinitions(pipelineSpec, 'finally');
  const finallyNames = new Set(finallyTasks.map(t => t.name));

  const children = collectChildren(
    status,
    Array.isArray(taskRuns) ? taskRuns : [],
    asString(metadata?.name),
    asString(metadata?.namespace),
    uid,
  );
  const pods = podsOfRun(options?.pods, asString(metadata?.name), children);
  const childTasks = children.map(c =>
    interpretChild(c, stageMap, pods, finallyNames),
  );
  childTasks.push(...tasksFromOrphanPods(pods, childTasks, stageMap));

  const startedAt = asTimestamp(status?.startTime);
  const finishedAt = asTimestamp(status?.completionTime);
  if (runStatus === 'Running' && finishedAt && childTasks.length > 0) {
    // The condition says running but the run has a completion time: trust the tasks.
    if (childTasks.some(t => isFailedStatus(t.status))) {
      runStatus = 'Failed';
    } else if (
      childTasks.every(t => t.status === 'Succeeded') &&
      mainTasks.every(d => childTasks.some(t => t.name === d.name))
    ) {
      runStatus = 'Succeeded';
    } else {
      runStatus = 'Unknown';
    }
  }

  const tasks = orderTasks(
    childTasks,
    [
      ...mainTasks.map(t => ({ ...t, isFinally: false })),
      ...finallyTasks.map(t => ({ ...t, isFinally: true })),
    ],
    readSkipped(status),
    runStatus,
    stageMap,
  );

  const params = {
    ...paramDefaults(pipelineSpec?.params),
    ...paramsToRecord(spec?.params),
  };
  const pipelineName =
    asString(getPath(spec, 'pipelineRef', 'name')) ??
    labels['tekton.dev/pipeline'];

  const summary: PipelineRunSummary = {
    cluster: typeof options?.cluster === 'string' ? options.cluster : '',
    namespace,
    name,
    uid,
    resourceVersion: asString(metadata?.resourceVersion),
    apiVersion: asString(run.apiVersion),
    pipelineName,
    kind: detectPipelineKind({
      pipelineName,
      stages: tasks.map(t => t.stage),
      paramNames: Object.keys(params),
    }),
    status: runStatus,
    reason: condition?.reason,
    message: condition?.message
      ? bound(condition.message, MAX_MESSAGE_CHARS)
      : undefined,
    createdAt: asTimestamp(metadata?.creationTimestamp),
    startedAt,
    finishedAt,
    durationSeconds: secondsBetween(startedAt, finishedAt),
    triggeredBy: readTriggeredBy(
      labels,
      annotations,
      options?.triggerSources ?? defaultTriggerSources,
    ),
    labels,
    params,
    keyParams: extractKeyParams(
      params,
      options?.keyParamNames ?? defaultKeyParamNames,
    ),
    tasks,
    digests: buildDigestTrail(tasks),
  };

  const results = paramsToRecord([
    ...asArray(status?.results),
    ...asArray(status?.pipelineResults),
  ]);
  if (Object.keys(results).length) summary.results = results;
  if (specStatus) summary.specStatus = specStatus;
  const serviceAccountName =
    asString(getPath(spec, 'taskRunTemplate', 'serviceAccountName')) ??
    asString(spec?.serviceAccountName);
  if (serviceAccountName) summary.serviceAccountName = serviceAccountName;
  const securityContext = readSecurityContext(
    asRecord(getPath(spec, 'taskRunTemplate', 'podTemplate')) ??
      asRecord(spec?.podTemplate),
  );
  if (securityContext) summary.securityContext = securityContext;
  const workspaces = readWorkspaces(spec);
  if (workspaces) summary.workspaces = workspaces;
  const timeout =
    asString(getPath(spec, 'timeouts', 'pipeline')) ?? asString(spec?.timeout);
  if (timeout) summary.timeout = timeout;
  return summary;
}
