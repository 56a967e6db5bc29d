import { PipelineRunSummary } from './tekton/types';

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

/** Response of `GET /api/modelops/runs?entityRef=...`. @public */
export interface RunListResponse {
  /** Label selector used, e.g. `backstage.io/kubernetes-id=mistral-small-24b-instruct`. */
  selector: string;
  /** Newest first. */
  items: PipelineRunSummary[];
  totalCount: number;
  clusters: ClusterReadStatus[];
}

/** Reference to a run on a cluster. @public */
export interface RunRef {
  cluster: string;
  namespace: string;
  name: string;
}

/** Signal channel the backend publishes run changes on. @public */
export const MODELOPS_RUNS_SIGNAL_CHANNEL = 'modelops:runs';

/** Payload of a run-change signal. @public */
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
