import {
  DiagnosisEvidence,
  DiagnosisSource,
  DigestTrail,
  EventSummary,
  PipelineRunSummary,
  StepSummary,
  TaskSummary,
} from '../tekton/types';
import { DigestSource } from '../tekton/digests';
import { LogsByStep, TaskLogEntry } from '../tekton/taskLogs';

/** One step of a task, with its log lines. @public */
export interface StepFacts {
  step: StepSummary;
  /** The step's log, split into lines (the last MAX_LOG_LINES at most). */
  logLines: string[];
}

/** One task of the run, normalised for rules. @public */
export interface TaskFacts {
  task: TaskSummary;
  /**
   * True when the task failed or timed out, a step failed, a step waits on an error
   * (ErrImagePull, CreateContainerConfigError...) or its pod failed or was evicted.
   */
  failed: boolean;
  steps: StepFacts[];
  /** Steps that failed, or wait on an error. */
  failedSteps: StepFacts[];
  /** Log entries of the task (one per step or container). */
  logs: TaskLogEntry[];
  /**
   * False when no step of the task ever started (its pod was never scheduled, admitted
   * or its containers never created): a timeout then is not "it ran too long".
   */
  stepsRan: boolean;
  /** Kubernetes Events of the task's pod and TaskRun (kept in the history). */
  events: EventSummary[];
}

/**
 * A piece of text a rule can match: a condition message, a termination message, a pod
 * message or a log line, with where it came from.
 * @public
 */
export interface TextFact {
  source: DiagnosisEvidence['source'];
  text: string;
  /** Pipeline task name; undefined for run-level messages. */
  task?: string;
  step?: string;
  exitCode?: number;
  reason?: string;
  /** True when the text belongs to the run itself or to a failed task. */
  failed: boolean;
}

/**
 * What rules look at: the run summary, its tasks with steps and logs, every message
 * and log line as text facts, and the digest trail (with log digests).
 * @public
 */
export interface DiagnosisFacts {
  summary: PipelineRunSummary;
  tasks: TaskFacts[];
  failedTasks: TaskFacts[];
  texts: TextFact[];
  digests: DigestTrail;
  digestSources: DigestSource[];
  /** The run failed, was cancelled, timed out, or is still running but already failing. */
  failing: boolean;
}

/** What a rule's text functions get. @public */
export interface RuleMatch {
  facts: DiagnosisFacts;
  evidence: DiagnosisEvidence[];
}

/**
 * A diagnosis rule. Rules are tried in order; the first that returns evidence gives the
 * diagnosis. Most rules are a list of regular expressions over messages and log lines.
 * @public
 */
export interface DiagnosisRule {
  /** Stable machine code, e.g. `workspace-permission-denied`. */
  code: string;
  /**
   * Where the rule comes from, shown with the diagnosis: `built-in` (default),
   * `config` (knowledge base) or `extension:<module>`.
   */
  source?: DiagnosisSource;
  /** Link to a runbook, carried into the diagnosis. */
  link?: string;
  /** One line, plain words. */
  title: string | ((match: RuleMatch) => string);
  /** What happened and why; a function can name the task, step and params involved. */
  explanation: string | ((match: RuleMatch) => string);
  /** What to change. */
  remediation: string | ((match: RuleMatch) => string);
  /**
   * `failed` (default): tried only when the run is failing. `any`: also for succeeded and
   * running runs (a digest mismatch on a "Succeeded" run is still a problem).
   */
  appliesTo?: 'failed' | 'any';
  /** Evidence when the rule applies, else undefined (or an empty array). */
  match(facts: DiagnosisFacts): DiagnosisEvidence[] | undefined;
}

/** Context a diagnosis may use besides the run itself. @public */
export interface DiagnosisContext {
  /** Logs keyed `${taskRunOrPodName}/${stepOrContainer}`. */
  logs?: LogsByStep;
  /** Pods of the run, for evictions and container states. */
  pods?: unknown[];
  /**
   * Kubernetes Events of the run's namespace (raw `v1` Events); those about the pods and
   * TaskRuns of the run are attached to their tasks.
   */
  events?: unknown[];
  /** Rules to use instead of `defaultDiagnosisRules`. */
  rules?: readonly DiagnosisRule[];
  /** Rules tried before the default (or given) rules: site-specific knowledge wins. */
  extraRules?: readonly DiagnosisRule[];
  /**
   * Called when a rule throws; the rule is then skipped. Without it the error propagates.
   * The backend passes a function that logs the error with the rule's code.
   */
  onRuleError?: (rule: DiagnosisRule, error: unknown) => void;
}
