import { PipelineKind, PipelineRunSummary, RunStatus } from './tekton/types';

/** Whether a run is a failure a runs tab opens by itself: diagnosed, and not cancelled. @public */
export const isOpenedFailure = (run: Pick<RunListItem, 'diagnosis'>) =>
  Boolean(run.diagnosis && run.diagnosis.code !== 'cancelled');

/** What the backend could (not) read from one cluster. @public */
export interface ClusterReadStatus {
  cluster: string;
  /** ok: last collection succeeded; error: last collection failed (history is still served). */
  state: 'ok' | 'error' | 'never-collected';
  /** Plain-words reason when state is error, e.g. "401 Unauthorized from https://...: token rejected". */
  message?: string;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
}

/** A task of a run, as a run list shows it. @public */
export interface RunListTask {
  name: string;
  status: RunStatus;
  durationSeconds?: number;
  retries?: number;
  skipped?: boolean;
  /** The step that failed, with its exit code and reason. */
  failedStep?: { name: string; exitCode?: number; reason?: string };
}

/**
 * A run as a list shows it: what a user scans (status, cause, age, duration, tasks). The
 * run detail route returns the whole {@link PipelineRunSummary}.
 * @public
 */
export interface RunListItem {
  cluster: string;
  namespace: string;
  name: string;
  status: RunStatus;
  /** What the pipeline does (ModelCar build, evaluation, other). */
  kind: PipelineKind;
  pipelineName?: string;
  startedAt?: string;
  durationSeconds?: number;
  triggeredBy?: string;
  versionName?: string;
  /** Gone from the cluster, kept from history. */
  pruned?: boolean;
  /**
   * Code and title of the diagnosis (and whether it was made without the failed steps' logs);
   * the detail route has the explanation, fix and evidence.
   */
  diagnosis?: { code: string; title: string; logsNotRead?: boolean };
  /** False when the image digests of the build and the pushes differ. */
  digestsConsistent: boolean;
  tasks: RunListTask[];
  /** Changes whenever the run changes on its cluster. */
  resourceVersion?: string;
}

/** Turns a run summary into a list item. @public */
export function toRunListItem(summary: PipelineRunSummary): RunListItem {
  return {
    cluster: summary.cluster,
    namespace: summary.namespace,
    name: summary.name,
    status: summary.status,
    kind: summary.kind,
    pipelineName: summary.pipelineName,
    startedAt: summary.startedAt ?? summary.createdAt,
    durationSeconds: summary.durationSeconds,
    triggeredBy: summary.triggeredBy,
    versionName: summary.keyParams.versionName,
    pruned: summary.pruned || undefined,
    diagnosis: summary.diagnosis
      ? {
          code: summary.diagnosis.code,
          title: summary.diagnosis.title,
          ...(summary.diagnosis.logsNotRead ? { logsNotRead: true } : {}),
        }
      : undefined,
    digestsConsistent: summary.digests.consistent,
    resourceVersion: summary.resourceVersion,
    tasks: summary.tasks.map(task => {
      const failed =
        task.steps.find(s => (s.exitCode ?? 0) !== 0) ??
        task.steps.find(s => s.status === 'Failed');
      return {
        name: task.name,
        status: task.status,
        durationSeconds: task.durationSeconds,
        retries: task.retries || undefined,
        skipped: task.skipped || undefined,
        failedStep: failed
          ? {
              name: failed.name,
              exitCode: failed.exitCode,
              reason: failed.reason,
            }
          : undefined,
      };
    }),
  };
}

/** Response of `GET /api/modelops/runs?entityRef=...`. @public */
export interface RunListResponse {
  /** Label selector used, e.g. `backstage.io/kubernetes-id=mistral-small-24b-instruct`. */
  selector: string;
  /** Newest first (runs not started yet first); one page (`limit`, and `cursor` or `offset`). */
  items: RunListItem[];
  /** Runs the selector matches, counted up to a cap (1,000): see `totalCountCapped`. */
  totalCount: number;
  /** More runs match than `totalCount` says (the count stopped at its cap). */
  totalCountCapped?: boolean;
  /** Pass as `cursor` to get the next (older) page; absent on the last page. */
  nextCursor?: string;
  clusters: ClusterReadStatus[];
  /**
   * First page only (no `cursor`, no `offset`): the details of its newest failure
   * ({@link isOpenedFailure}), as the run detail route returns them, so a runs tab opens it
   * without a second request. Absent when the page has no failure.
   */
  newestFailure?: PipelineRunSummary;
}

/** Reference to a run on a cluster. @public */
export interface RunRef {
  cluster: string;
  namespace: string;
  name: string;
}

/** Signal channel the backend publishes run changes on. @public */
export const MODELOPS_RUNS_SIGNAL_CHANNEL = 'modelops:runs';

/**
 * The only payload on the ModelOps signal channels: something changed, re-read the list.
 * Signals reach every signed-in user, so they carry nothing a user may not see; the list
 * routes answer only what the caller may read.
 * @public
 */
export interface ModelOpsChangeNotice {
  type: 'changed';
}

/** A run change the collector reports to its publisher (inside the backend, never sent to browsers). @public */
export interface RunChangedSignal {
  cluster: string;
  namespace: string;
  name: string;
  status: string;
  /** Labels of the run, so a page can tell if it concerns its entity. */
  labels: Record<string, string>;
}

/** Largest log the backend returns for one step, in bytes; longer logs are cut from the start and say so. @public */
export const MAX_LOG_BYTES = 1024 * 1024;

/**
 * What `GET /api/modelops/registry/check?model=&version=` answers: the registry's version names
 * of a registered model the caller may read, and whether a wanted version name is free. @public
 */
export interface RegistryCheckResponse {
  /** The registry id (`modelops.io/registry` of the model's entity). */
  registry: string;
  /** The model's catalog entity. */
  entityRef: string;
  modelExists: boolean;
  versionExists: boolean;
  /** Version names, newest first (at most 5). */
  latestVersions: string[];
  /** Why the version name breaks the naming convention, when it does. */
  conventionProblem?: string;
}
