import { PipelineDefinition } from './pipelineDefinitions';

/** State of a run or task in a plan. @public */
export type PlanStatus =
  | 'Succeeded'
  | 'Failed'
  | 'Running'
  | 'Pending'
  | 'Cancelled'
  | 'TimedOut';

/** How the failing step of a task ended. @public */
export interface StepEnd {
  exitCode: number;
  /** `Error`, `OOMKilled`, `ContainerStatusUnknown`... */
  reason: string;
  /** Termination message (plain text), when the step wrote one. */
  message?: string;
}

/** What happened to one task of a run. @public */
export interface TaskPlan {
  status: PlanStatus;
  /** Seconds after the run started. */
  startSec: number;
  /** Seconds it ran (so far, when running). */
  durationSec: number;
  /** The step that failed (or is running); later steps did not run. */
  step?: string;
  stepEnd?: StepEnd;
  /** Results to write instead of the defaults. */
  results?: Record<string, string>;
  /** Log lines per step, replacing the default ones. */
  logs?: Record<string, string[]>;
  /** Extra lines appended to the default log of a step. */
  extraLogs?: Record<string, string[]>;
  /** Rewrites the default log lines of a step (e.g. other file modes in `ls -l`). */
  rewriteLogs?: (step: string, lines: string[]) => string[];
  /** TaskRun condition instead of the default one. */
  reason?: string;
  message?: string;
  /** Pod status fields (an evicted pod). */
  pod?: { phase?: string; reason?: string; message?: string };
  /**
   * The pod was never scheduled: no step started, the pod stays Pending with
   * `PodScheduled=False Unschedulable`, and the scheduler's Event says why.
   */
  unschedulable?: { message: string; count: number };
  /** UID the task's containers ran as (shown by `id`). */
  uid?: number;
  gid?: number;
  /** Tekton retries taken before this attempt. */
  retries?: number;
}

/** Everything needed to build a PipelineRun with its TaskRuns, pods and logs. @public */
export interface RunPlan {
  name: string;
  namespace: string;
  pipeline: PipelineDefinition;
  /** `backstage.io/kubernetes-id` of the run (the model's entity name). */
  entity: string;
  params: Record<string, string>;
  /** Start of the run, epoch ms. */
  startMs: number;
  status: PlanStatus;
  /** Seconds after start the run finished (final runs). */
  finishSec?: number;
  /** PipelineRun condition instead of the default one. */
  reason?: string;
  message?: string;
  specStatus?: string;
  serviceAccountName?: string;
  securityContext?: {
    fsGroup?: number;
    runAsUser?: number;
    runAsGroup?: number;
  };
  /** `spec.timeouts.pipeline`, e.g. `2h0m0s`. */
  timeout?: string;
  /** Claim of the shared workspace. */
  claimName?: string;
  /** Tasks that started, by pipeline task name. */
  tasks: Record<string, TaskPlan>;
  /** Digests the build and pushes produced (defaults for results and logs). */
  digests?: { build?: string; internal?: string; quay?: string };
  /** Registry ids the register task reports. */
  registered?: { registeredModelId: string; modelVersionId: string };
  /** Evaluation numbers the evaluation tasks report. */
  evaluation?: {
    lmEval: Record<string, number>;
    guidellm: Record<string, number>;
  };
  startedBy?: string;
  /** UID the tasks run as unless a task says otherwise. */
  uid?: number;
}
