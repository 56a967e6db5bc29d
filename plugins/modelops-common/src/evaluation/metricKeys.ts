/**
 * Performance keys of the Model Catalog vocabulary, as the guidellm reader writes them
 * (`ttft_p90`, `itl_mean`, `e2e_p99`, `tps_mean`, `requests_per_second`).
 * @public
 */
export const PERFORMANCE_METRIC_KEY =
  /^(ttft|itl|e2e|tps|tpot)_(mean|median|p\d+)$|^requests_per_second$/;

/** lm-eval results are keyed by task (`mmlu`, `arc_challenge`, `leaderboard_bbh`): snake_case. */
const TASK_KEY = /^[a-z][a-z0-9_]*$/;

/**
 * Custom properties the build, the registration or the Model Catalog write on a version: never
 * evaluation results, never written by a publish.
 * @public
 */
export const BUILD_RECORD_KEYS: ReadonlySet<string> = new Set([
  'hf_repo',
  'hf_revision',
  'image_digest',
  'image',
  'quantization',
  'hardware_count',
  'hardware_type',
  'max_model_len',
  'max_num_seqs',
  'build_namespace',
  'mean_input_tokens',
  'mean_output_tokens',
  'score',
  'benchmark',
  'score_metric',
  'lm_eval_tasks',
  'license',
  'language',
  'provider',
]);

/** Words that mark a build or provenance record, not a measurement (`image_digest`, `source_uri`). */
const RECORD_WORD =
  /(^|_)(digest|repo|revision|uri|url|image|namespace|author|owner|name|id|sha|tag|pipeline|run)(_|$)/;

/**
 * Why a key may not be published as an evaluation result, or undefined when it may. Evaluation
 * keys are the guidellm performance keys, `overall_average`, and lm-eval task names (snake_case);
 * build-record keys (`image_digest`, `hf_repo`, anything naming a digest, repo, URI, image...),
 * and names JavaScript objects already have (`constructor`, `__proto__`) are refused.
 * @public
 */
export function whyNotEvaluationMetricKey(key: string): string | undefined {
  if (PERFORMANCE_METRIC_KEY.test(key) || key === 'overall_average')
    return undefined;
  if (!TASK_KEY.test(key))
    return `"${key}" is not a snake_case metric key (a-z, 0-9, _)`;
  if (key in Object.prototype || key.startsWith('__'))
    return `"${key}" is a reserved name`;
  if (BUILD_RECORD_KEYS.has(key) || RECORD_WORD.test(key))
    return `"${key}" is a build or provenance record, not an evaluation result`;
  return undefined;
}
