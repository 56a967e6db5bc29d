/**
 * What an evaluation measured, in one shape whatever it was read from: an
 * lm-evaluation-harness results file, a guidellm benchmark report, a TrustyAI LMEvalJob, the
 * results of an evaluation PipelineRun, or the Model Registry (version custom properties and
 * `metric` artifacts).
 */

/** One accuracy number of lm-evaluation-harness: a metric of a task (or group). @public */
export interface AccuracyResult {
  /** Task or group name, e.g. `mmlu`, `arc_challenge`, `hellaswag`. */
  task: string;
  /** Metric name without the filter, e.g. `acc`, `acc_norm`, `exact_match`. */
  metric: string;
  /** lm-eval filter, e.g. `none`, `strict-match`, `flexible-extract`. */
  filter?: string;
  /** The value; `null` when the source had NaN, `"N/A"` or no number. */
  value: number | null;
  /** Standard error, when reported and numeric. */
  stderr?: number;
  /** Few-shot count (`n-shot`). */
  nShot?: number;
  /** From `higher_is_better`, when the source says. */
  higherIsBetter?: boolean;
  /** Samples evaluated (`n-samples.effective`). */
  samples?: number;
  /** True for a group aggregate (`groups`), false for a task. */
  isGroup?: boolean;
  /** The group this task belongs to (`group_subtasks`). */
  group?: string;
}

/** Distribution of one performance metric at one load level. @public */
export interface MetricDistribution {
  mean?: number;
  median?: number;
  p90?: number;
  p95?: number;
  p99?: number;
  min?: number;
  max?: number;
}

/** guidellm measurements at one load level (one benchmark of a sweep). @public */
export interface PerformanceLevel {
  /** Strategy of this level: `synchronous`, `throughput`, `constant`, `poisson`, `concurrent`. */
  strategy: string;
  /** Target rate (requests/s) of a constant or poisson level, or streams of a concurrent one. */
  rate?: number;
  /** Successful requests per second measured. */
  requestsPerSecond?: number;
  /** Time to first token, milliseconds. */
  ttftMs: MetricDistribution;
  /** Inter-token latency, milliseconds. */
  itlMs: MetricDistribution;
  /** End-to-end request latency, milliseconds (guidellm reports seconds; converted). */
  requestLatencyMs: MetricDistribution;
  /** Output tokens per second (mean over the level). */
  outputTokensPerSecond?: number;
  /** All tokens (prompt + output) per second (mean). */
  tokensPerSecond?: number;
  /** Request counts: successful, errored, incomplete. */
  requests?: { successful?: number; errored?: number; incomplete?: number };
}

/** Where numbers came from. @public */
export type EvaluationSourceKind =
  | 'lm-eval'
  | 'guidellm'
  | 'trustyai-lmevaljob'
  | 'pipelinerun'
  | 'model-registry';

/**
 * The result of parsing one evaluation source. Parsers never throw on unknown or broken input:
 * what they cannot read is listed in `problems`, and `raw` keeps the input so the UI can show
 * it ("raw data shown") when `recognized` is false.
 * @public
 */
export interface EvaluationReport {
  source: EvaluationSourceKind;
  /** False when the input was not a known version of the format. */
  recognized: boolean;
  /** Format version when the source states one (e.g. lm-eval `lm_eval_version`, guidellm report shape). */
  formatVersion?: string;
  /** What was evaluated (lm-eval `model_name`, guidellm target/model), when stated. */
  model?: string;
  /** When the evaluation ran or finished (ISO 8601). */
  date?: string;
  accuracy: AccuracyResult[];
  performance: PerformanceLevel[];
  /**
   * Flat numbers in the Model Catalog key vocabulary (`ttft_p90`, `ttft_mean`, `itl_mean`,
   * `itl_p90`, `e2e_p90`, `tps_mean`, `requests_per_second`, and one key per lm-eval
   * task/benchmark with its headline score, e.g. `mmlu`, `arc_challenge`) for thresholds and trends.
   */
  metrics: Record<string, number>;
  /** Human-readable notes on what could not be read (NaN values, unknown keys, bad shapes). */
  problems: string[];
  /** The input as given (for unrecognized data). */
  raw?: unknown;
}
