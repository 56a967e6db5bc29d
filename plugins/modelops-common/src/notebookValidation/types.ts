/**
 * A NotebookValidationJob (`mlops.mlops.dev/v1alpha1`) as the portal shows it: where it stands
 * in the operator's state machine, its image build gate, per-cell results, the golden-notebook
 * comparison and the model-validation results, read tolerantly from whatever status it has.
 */

/**
 * The operator's state machine: `Initializing -> Building -> BuildComplete ->
 * ValidationRunning -> Succeeded | Failed`. Older operators say `Pending` (read as
 * `Initializing`) and `Running` (read as `ValidationRunning`); anything else is `Unknown`.
 * @public
 */
export type NotebookJobPhase =
  | 'Initializing'
  | 'Building'
  | 'BuildComplete'
  | 'ValidationRunning'
  | 'Succeeded'
  | 'Failed'
  | 'Unknown';

/** The phases in the order a job moves through them (Succeeded and Failed both end it). @public */
export const NOTEBOOK_JOB_PHASES: readonly NotebookJobPhase[] = [
  'Initializing',
  'Building',
  'BuildComplete',
  'ValidationRunning',
  'Succeeded',
  'Failed',
  'Unknown',
];

/** `spec.validationConfig.level`. @public */
export type NotebookValidationLevel =
  | 'learning'
  | 'development'
  | 'staging'
  | 'production';

/** The custom image build of a job (`status.buildStatus`). @public */
export interface NotebookBuild {
  /** Build phase: Pending, Running, Complete, Failed (as the operator said). */
  phase?: string;
  /** s2i, tekton, ... */
  strategy?: string;
  buildName?: string;
  imageReference?: string;
  startedAt?: string;
  completedAt?: string;
  /** Seconds from start to completion, when both are known. */
  durationSeconds?: number;
  message?: string;
}

/** Why the build gate warns. @public */
export type BuildGateProblemCode =
  /** Validation started before the custom image build completed (it ran on the base image). */
  | 'validation-before-build'
  /** The validation pod ran an image other than the one the build produced. */
  | 'image-mismatch'
  /** The build failed, so the notebook was not validated on its image. */
  | 'build-failed';

/** One problem of the build gate, in plain words. @public */
export interface BuildGateProblem {
  code: BuildGateProblemCode;
  message: string;
}

/**
 * Whether validation waited for the custom image and ran on it.
 * `ok`: built, then validated on the built image. `waiting`: the build has not finished and
 * validation has not started. `not-required`: the job builds no image. `failed`: see problems.
 * @public
 */
export interface BuildGate {
  state: 'ok' | 'waiting' | 'not-required' | 'failed';
  /** The image the validation pod ran, when the pod was read. */
  validationImage?: string;
  /** When validation started (pod start, or the job's start when there is no build). */
  validationStartedAt?: string;
  problems: BuildGateProblem[];
}

/** One cell's outcome (`status.results[]`). @public */
export interface NotebookCellResult {
  cellIndex: number;
  /** Success, Failure, Skipped (as the operator said). */
  status: string;
  executionTime?: string;
  errorMessage?: string;
  /** Output excerpt, bounded; `outputTruncated` says when it was cut. */
  output?: string;
  outputTruncated?: boolean;
  /** Set when the output shows a silent failure (None, NaN) in a cell marked Success. */
  silentFailure?: string;
}

/** The golden-notebook comparison (`status.comparisonResult`). @public */
export interface NotebookComparison {
  /** matched, failed, skipped. */
  result?: string;
  strategy?: string;
  totalCells?: number;
  matchedCells?: number;
  mismatchedCells?: number;
  diffs: Array<{
    cellIndex?: number;
    cellType?: string;
    diffType?: string;
    severity?: string;
    expected?: string;
    actual?: string;
    diff?: string;
  }>;
}

/** The model-validation results (`status.modelValidationResult`). @public */
export interface NotebookModelValidation {
  success?: boolean;
  platform?: string;
  phase?: string;
  message?: string;
  /** Platform checks of the clean-environment phase, e.g. `platformAvailable: true`. */
  checks: Array<{ name: string; passed: boolean }>;
  models: Array<{
    name?: string;
    version?: string;
    available?: boolean;
    healthy?: boolean;
    message?: string;
  }>;
  prediction?: {
    success?: boolean;
    expected?: string;
    actual?: string;
    difference?: string;
    message?: string;
  };
}

/** A Kubernetes condition of the job. @public */
export interface NotebookCondition {
  type: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** A NotebookValidationJob summarized for the portal. @public */
export interface NotebookJobSummary {
  cluster: string;
  namespace: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  labels: Record<string, string>;
  createdAt?: string;
  /** Argo CD sync wave; undefined when the annotation is missing or not a number. */
  wave?: number;
  /** The sync-wave annotation when it is not a whole number. */
  waveText?: string;
  phase: NotebookJobPhase;
  /** The phase as the object said it, when it differs (legacy `Pending`/`Running`, unknown values, missing). */
  phaseText?: string;
  notebook: { path?: string; gitUrl?: string; gitRef?: string };
  level?: string;
  startedAt?: string;
  completedAt?: string;
  durationSeconds?: number;
  retryCount?: number;
  lastRetryAt?: string;
  message?: string;
  build?: NotebookBuild;
  gate: BuildGate;
  cells: {
    total: number;
    succeeded: number;
    failed: number;
    skipped: number;
    results: NotebookCellResult[];
  };
  comparison?: NotebookComparison;
  modelValidation?: NotebookModelValidation;
  conditions: NotebookCondition[];
  /** The validation pod (`status.validationPodName`, or the pod labelled `notebookvalidationjob=<name>`). */
  podName?: string;
  /** The cause at a glance: one sentence, set for failed jobs and for warnings on passed ones. */
  headline?: string;
  /** What could not be read: missing status, unknown phase, bad fields. */
  problems: string[];
  /** Gone from the cluster; kept in history. */
  pruned?: boolean;
  lastSeenAt?: string;
}
