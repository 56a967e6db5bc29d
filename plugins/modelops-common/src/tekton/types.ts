/**
 * Summaries of Tekton objects, as stored by the backend and shown by the frontend.
 * Every field that a real cluster may omit is optional.
 */

/** Normalised state of a run, a task or a step. @public */
export type RunStatus =
  | 'Succeeded'
  | 'Failed'
  | 'Running'
  | 'Pending'
  | 'Cancelled'
  | 'TimedOut'
  | 'Unknown';

/** What a pipeline does, from its tasks and params. @public */
export type PipelineKind = 'modelcar' | 'evaluation' | 'other';

/**
 * Stage of the ModelCar or evaluation pipeline a task belongs to
 * (see `defaultStageMap` and `createStageMap` for how task names map onto stages).
 * @public
 */
export type PipelineStage =
  | 'download'
  | 'build'
  | 'push-internal'
  | 'push-quay'
  | 'register'
  | 'lm-eval'
  | 'guidellm'
  | 'publish';

/** One step (container) of a TaskRun. @public */
export interface StepSummary {
  name: string;
  container?: string;
  status: RunStatus;
  exitCode?: number;
  reason?: string;
  /** Termination message, bounded. */
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}

/** One task of a PipelineRun, from its TaskRun (or what the PipelineRun says of it). @public */
export interface TaskSummary {
  /** Name of the task in the pipeline (`pipelineTaskName`). */
  name: string;
  taskRunName?: string;
  stage?: PipelineStage;
  status: RunStatus;
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  durationSeconds?: number;
  /** Number of retries taken (`status.retriesStatus.length`). */
  retries: number;
  podName?: string;
  steps: StepSummary[];
  /** Task results, values stringified. */
  results: Record<string, string>;
  /** Image digest this task reported (sha256:...), from its results. */
  digest?: string;
  /** True when the PipelineRun references a TaskRun that could not be read. */
  missing?: boolean;
  /** Name of the Task (or ClusterTask) the pipeline task refers to, when known. */
  taskRef?: string;
  /** True for a task of the pipeline's `finally` section. */
  isFinally?: boolean;
  /**
   * True when Tekton skipped the task (`status.skippedTasks`); its `status` is then `Unknown`
   * because it never ran.
   */
  skipped?: boolean;
  /** Why Tekton skipped it, e.g. `When Expressions evaluated to false`. */
  skipReason?: string;
  /** State of the task's pod when a pod was given to the interpreter (evictions show here). */
  pod?: PodStatusSummary;
  /**
   * Kubernetes Events of the task's pod and TaskRun (FailedScheduling, FailedMount,
   * BackOff...), as the collector read them while they existed; kept in the history.
   */
  events?: EventSummary[];
}

/** A Kubernetes Event about a task's pod or TaskRun, bounded. @public */
export interface EventSummary {
  /** `involvedObject.kind`, e.g. `Pod`, `TaskRun`, `PersistentVolumeClaim`. */
  kind?: string;
  /** `involvedObject.name`. */
  name?: string;
  /** `Normal` or `Warning`. */
  type?: string;
  /** E.g. `FailedScheduling`, `FailedMount`, `FailedAttachVolume`, `BackOff`, `Evicted`. */
  reason?: string;
  message?: string;
  /** How often the event was seen. */
  count?: number;
  /** When it was last (or first) seen. */
  lastSeenAt?: string;
}

/** What a task's pod said about itself, bounded. @public */
export interface PodStatusSummary {
  name: string;
  /** `status.phase`: Pending, Running, Succeeded, Failed, Unknown. */
  phase?: string;
  /** `status.reason`, e.g. `Evicted`. */
  reason?: string;
  /** `status.message`, e.g. `The node was low on resource: ephemeral-storage. ...`. */
  message?: string;
  /** Pod conditions that are not True (e.g. PodScheduled False with the scheduler's message). */
  conditions?: Array<{
    type: string;
    status?: string;
    reason?: string;
    message?: string;
  }>;
  /** Container states that carry a reason (waiting or terminated), e.g. OOMKilled. */
  containers?: Array<{
    name: string;
    state: 'waiting' | 'running' | 'terminated';
    reason?: string;
    message?: string;
    exitCode?: number;
  }>;
}

/** A workspace binding of a run. @public */
export interface WorkspaceBindingSummary {
  name: string;
  /** `persistentVolumeClaim.claimName`. */
  claimName?: string;
  /** True when the workspace uses a `volumeClaimTemplate` (a PVC per run). */
  volumeClaimTemplate?: boolean;
  /** Kind of volume otherwise: emptyDir, configMap, secret, csi, projected. */
  volumeKind?: string;
}

/** The pod security context a run asks for its task pods. @public */
export interface PodSecurityContextSummary {
  fsGroup?: number;
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  supplementalGroups?: number[];
}

/** The image digest at each step of a ModelCar run. @public */
export interface DigestTrail {
  build?: string;
  pushInternal?: string;
  pushQuay?: string;
  /** False when two known digests differ. True when all known digests agree (or fewer than two are known). */
  consistent: boolean;
}

/** A piece of evidence for a diagnosis. @public */
export interface DiagnosisEvidence {
  /** Where the fact was read. */
  source:
    | 'termination'
    | 'condition'
    | 'log'
    | 'result'
    | 'param'
    | 'registry'
    | 'pod'
    | 'event';
  task?: string;
  step?: string;
  exitCode?: number;
  reason?: string;
  message?: string;
  /** Log lines that matched, bounded. */
  logLines?: string[];
}

/** The diagnosed cause of a failed (or suspicious) run. @public */
export interface Diagnosis {
  /** Stable machine code, e.g. `workspace-permission-denied`. */
  code: string;
  /** One line, plain words. */
  title: string;
  /** What happened and why. */
  explanation: string;
  /** What to change. */
  remediation: string;
  evidence: DiagnosisEvidence[];
  /**
   * Where the rule that gave the diagnosis comes from: `built-in`, `config` (the
   * `modelops.diagnosis.causes` knowledge base) or `extension:<module>` (a code rule
   * added through the extension point). Absent in diagnoses stored by older versions.
   */
  source?: DiagnosisSource;
  /** Optional link to the team's runbook for this cause (knowledge-base causes). */
  link?: string;
  /**
   * True when the failed steps' logs were not read for this diagnosis: a large sync writes
   * old failures first and reads their logs afterwards (the diagnosis is then replaced), or
   * not at all past its budget. The evidence comes from everything else; absent log lines
   * mean "not read", not "the log showed nothing".
   */
  logsNotRead?: boolean;
}

/** Where a diagnosis rule comes from. @public */
export type DiagnosisSource = 'built-in' | 'config' | `extension:${string}`;

/** The params a user cares about, read from a run's params by convention. @public */
export interface KeyParams {
  huggingFaceRepo?: string;
  huggingFaceRevision?: string;
  internalImage?: string;
  quayImage?: string;
  registeredModelName?: string;
  versionName?: string;
  vllmModelName?: string;
}

/** A PipelineRun, interpreted. @public */
export interface PipelineRunSummary {
  cluster: string;
  namespace: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  /** `tekton.dev/v1` or `tekton.dev/v1beta1`. */
  apiVersion?: string;
  pipelineName?: string;
  kind: PipelineKind;
  status: RunStatus;
  reason?: string;
  message?: string;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  durationSeconds?: number;
  /** Who or what started it (trigger, user annotation, Pipelines-as-Code event). */
  triggeredBy?: string;
  labels: Record<string, string>;
  params: Record<string, string>;
  keyParams: KeyParams;
  /** Tasks in pipeline order. */
  tasks: TaskSummary[];
  /** Pipeline results (v1 `status.results`, v1beta1 `status.pipelineResults`), values stringified. */
  results?: Record<string, string>;
  digests: DigestTrail;
  /** Set for failed runs, and for runs that "succeeded" with a detectable problem. */
  diagnosis?: Diagnosis;
  /** Set by the backend: the run is gone from the cluster, kept from history. */
  pruned?: boolean;
  /** Set by the backend: last time the collector saw the run on its cluster. */
  lastSeenAt?: string;
  /** Set by the backend when the run was read from an archive (Tekton Results), not the live cluster. */
  historySource?: 'results';
  /** `spec.status` as asked by a user or controller (Cancelled, CancelledRunFinally, StoppedRunFinally, PipelineRunPending). */
  specStatus?: string;
  /** Service account the task pods run as (v1 `spec.taskRunTemplate.serviceAccountName`, v1beta1 `spec.serviceAccountName`). */
  serviceAccountName?: string;
  /** Pod security context from `spec.taskRunTemplate.podTemplate` (v1) or `spec.podTemplate` (v1beta1). */
  securityContext?: PodSecurityContextSummary;
  /** Workspace bindings of the run. */
  workspaces?: WorkspaceBindingSummary[];
  /** Pipeline timeout as written in the spec (`spec.timeouts.pipeline` or v1beta1 `spec.timeout`), e.g. `1h0m0s`. */
  timeout?: string;
}
