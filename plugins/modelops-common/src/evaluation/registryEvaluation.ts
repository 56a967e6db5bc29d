import { finiteNumber, isRecord } from './numbers';
import { EvaluationReport } from './types';

/** Performance keys of the Model Catalog vocabulary. */
const PERFORMANCE_KEY = /^(ttft|itl|e2e|tps|tpot)_(mean|p\d+)$|^requests_per_second$/;
/** Properties of a version that are not measurements even when they hold a number. */
const NOT_METRICS = new Set(['hardware_count', 'image_digest', 'hf_revision', 'max_model_len', 'max_num_seqs', 'build_namespace', 'mean_input_tokens', 'mean_output_tokens']);

/**
 * The number in a typed MetadataValue, with why there is none. The registry accepts camelCase
 * value keys (`doubleValue`) with HTTP 200 but stores nothing under them: such a value counts as
 * missing, and says so.
 */
function metadataNumber(value: unknown): { value?: number; problem?: string } {
  if (!isRecord(value)) return { problem: 'not a typed value' };
  if ('doubleValue' in value || 'intValue' in value || 'stringValue' in value) {
    return { problem: 'written with camelCase keys (doubleValue/intValue), which the registry does not store' };
  }
  const raw = value.double_value ?? value.int_value ?? value.string_value;
  const n = finiteNumber(raw);
  if (n === undefined) return { problem: raw === undefined ? 'no value' : `${JSON.stringify(raw)} is not a number` };
  return { value: n };
}

/** Input of {@link readRegistryEvaluation}. @public */
export interface RegistryEvaluationInput {
  /** The version's `customProperties`. */
  customProperties?: Record<string, unknown>;
  /** The version's artifacts (only `metric` / `metrics-artifact` ones are read). */
  artifacts?: Array<{ artifactType?: string; name?: string; metricsType?: string; value?: unknown; customProperties?: Record<string, unknown> }>;
}

/**
 * Evaluation numbers a model version holds in the Model Registry: version custom properties in
 * the Model Catalog key vocabulary (`ttft_p90`, `itl_mean`, `tps_mean`, `requests_per_second`,
 * `overall_average`, benchmark names such as `mmlu`), and `metric` artifacts (accuracy ones carry
 * `benchmark` + `score`; performance ones carry the performance keys). Never throws.
 * @public
 */
export function readRegistryEvaluation(input: RegistryEvaluationInput): EvaluationReport {
  const metrics: Record<string, number> = {};
  const problems: string[] = [];
  const accuracy: EvaluationReport['accuracy'] = [];
  const take = (key: string, value: unknown, where: string) => {
    const read = metadataNumber(value);
    if (read.value !== undefined) metrics[key] = read.value;
    else problems.push(`${where} ${key}: ${read.problem}`);
  };
  for (const [key, value] of Object.entries(input.customProperties ?? {})) {
    if (NOT_METRICS.has(key)) continue;
    const numeric = isRecord(value) && (value.metadataType === 'MetadataDoubleValue' || value.metadataType === 'MetadataIntValue' || 'doubleValue' in value);
    if (PERFORMANCE_KEY.test(key) || numeric) take(key, value, 'property');
  }
  for (const artifact of input.artifacts ?? []) {
    if (artifact.artifactType !== 'metric' && artifact.artifactType !== 'metrics-artifact') continue;
    const props = artifact.customProperties ?? {};
    const benchmark = isRecord(props.benchmark) && typeof props.benchmark.string_value === 'string' ? props.benchmark.string_value : undefined;
    if (benchmark) {
      const score = metadataNumber(props.score);
      const value = score.value ?? finiteNumber(artifact.value);
      if (value === undefined) {
        problems.push(`metric ${benchmark}: ${score.problem}`);
        continue;
      }
      metrics[benchmark] = value;
      const scoreMetric = isRecord(props.score_metric) && typeof props.score_metric.string_value === 'string' ? props.score_metric.string_value : 'score';
      accuracy.push({ task: benchmark, metric: scoreMetric, value });
      continue;
    }
    const perfKeys = Object.keys(props).filter(k => PERFORMANCE_KEY.test(k));
    if (perfKeys.length) {
      for (const key of perfKeys) take(key, props[key], `${artifact.metricsType ?? 'metric'} artifact`);
    } else if (artifact.name && finiteNumber(artifact.value) !== undefined) {
      metrics[artifact.name] = finiteNumber(artifact.value)!;
    }
  }
  for (const [key, value] of Object.entries(metrics)) {
    if (!accuracy.some(a => a.task === key) && !PERFORMANCE_KEY.test(key)) accuracy.push({ task: key, metric: 'score', value });
  }
  return { source: 'model-registry', recognized: true, accuracy, performance: [], metrics, problems };
}
