import { PERFORMANCE_METRIC_KEY as PERFORMANCE_KEY } from './metricKeys';
import { describeValue, finiteNumber, isRecord } from './numbers';
import { AccuracyResult, EvaluationReport } from './types';

/** Keys that are always measurements, whatever their type. */
const isVocabulary = (key: string) =>
  PERFORMANCE_KEY.test(key) || key === 'overall_average';

/** Common lm-eval benchmarks, read even when stored as a numeric string. */
const KNOWN_BENCHMARKS = new Set([
  'mmlu',
  'mmlu_pro',
  'arc',
  'arc_challenge',
  'arc_easy',
  'hellaswag',
  'gsm8k',
  'winogrande',
  'truthfulqa',
  'truthfulqa_mc1',
  'truthfulqa_mc2',
  'ifeval',
  'bbh',
  'gpqa',
  'math',
  'musr',
  'humaneval',
  'piqa',
  'boolq',
]);

/** Properties of a version or artifact that are not measurements even when they hold a number. */
const NOT_METRICS = new Set([
  'hardware_count',
  'image_digest',
  'hf_revision',
  'max_model_len',
  'max_num_seqs',
  'build_namespace',
  'mean_input_tokens',
  'mean_output_tokens',
  'score',
  'benchmark',
  'score_metric',
]);

/** The value keys a client writes by mistake: the registry answers 200 and stores nothing. */
const CAMEL_CASE = ['doubleValue', 'intValue', 'stringValue', 'boolValue'];

/** The number in a typed MetadataValue (`double_value`, `int_value` string, numeric `string_value`), or why there is none. */
function metadataNumber(value: unknown): { value?: number; problem?: string } {
  if (!isRecord(value))
    return { problem: `${describeValue(value)} is not a typed value` };
  const camel = CAMEL_CASE.find(k => k in value);
  if (camel) {
    const snake = camel.replace(/[A-Z]/, c => `_${c.toLowerCase()}`);
    return {
      problem: `written as ${camel} instead of ${snake}: the registry stored nothing`,
    };
  }
  const raw =
    value.double_value ??
    value.int_value ??
    value.string_value ??
    value.bool_value;
  const n = finiteNumber(raw);
  if (n === undefined)
    return {
      problem:
        raw === undefined
          ? 'holds no value'
          : `${describeValue(raw)} is not a number`,
    };
  return { value: n };
}

const stringOf = (value: unknown) =>
  isRecord(value) &&
  typeof value.string_value === 'string' &&
  value.string_value
    ? value.string_value
    : undefined;

/** Input of {@link readRegistryEvaluation}. @public */
export interface RegistryEvaluationInput {
  /** The version's `customProperties`. */
  customProperties?: Record<string, unknown>;
  /** The version's artifacts (only `metric` and `metrics-artifact` ones are read). */
  artifacts?: Array<{
    artifactType?: string;
    name?: string;
    metricsType?: string;
    value?: unknown;
    customProperties?: Record<string, unknown>;
  }>;
}

/**
 * Evaluation numbers a model version holds in the Model Registry. Read from:
 *
 * - version custom properties: the performance keys (`ttft_*`, `itl_*`, `e2e_*`, `tps_*`,
 *   `requests_per_second`) and `overall_average`, as `double_value`, `int_value` or numeric
 *   `string_value`; any other `MetadataDoubleValue` is a benchmark score (`mmlu`), and a numeric
 *   string counts too under a benchmark name (listed in `lm_eval_tasks`, or a common one such as
 *   `mmlu`, `gsm8k`). Other keys (`hf_repo`, `hardware_count`, `quantization`) are ignored.
 * - `metric` / `metrics-artifact` artifacts: accuracy ones carry `benchmark` + `score`
 *   (+ `score_metric`, e.g. `accuracy_percent`); performance ones carry the performance keys.
 *   With several performance artifacts (one per scenario in the Model Catalog) the first gives
 *   the numbers, and a problem says so.
 *
 * The version's own properties win over artifacts. A value written with camelCase keys
 * (`doubleValue`), which the registry accepts with HTTP 200 and does not store, is no number:
 * a problem says so. Never throws.
 * @public
 */
export function readRegistryEvaluation(
  input: RegistryEvaluationInput,
): EvaluationReport {
  const metrics: Record<string, number> = {};
  const problems: string[] = [];
  const accuracy: AccuracyResult[] = [];
  const safe = isRecord(input) ? input : {};

  // Artifacts first: the version's own properties, read after, overwrite them.
  const performanceArtifacts: string[] = [];
  for (const artifact of Array.isArray(safe.artifacts) ? safe.artifacts : []) {
    if (
      !isRecord(artifact) ||
      (artifact.artifactType !== 'metric' &&
        artifact.artifactType !== 'metrics-artifact')
    )
      continue;
    const props = isRecord(artifact.customProperties)
      ? artifact.customProperties
      : {};
    const benchmark = stringOf(props.benchmark);
    if (benchmark) {
      const score =
        'score' in props
          ? metadataNumber(props.score)
          : { problem: 'has no score' };
      const value = score.value ?? finiteNumber(artifact.value);
      if (value === undefined) {
        problems.push(`metric ${benchmark}: ${score.problem}`);
        continue;
      }
      metrics[benchmark] = value;
      accuracy.push({
        task: benchmark,
        metric: stringOf(props.score_metric) ?? 'score',
        value,
      });
      continue;
    }
    const perfKeys = Object.keys(props).filter(k => PERFORMANCE_KEY.test(k));
    if (perfKeys.length) {
      const label =
        stringOf(props.config_id) ??
        stringOf(props.scenario_id) ??
        (typeof artifact.name === 'string' && artifact.name
          ? artifact.name
          : `artifact ${performanceArtifacts.length + 1}`);
      performanceArtifacts.push(label);
      if (performanceArtifacts.length > 1) continue;
      for (const key of perfKeys) {
        const read = metadataNumber(props[key]);
        if (read.value !== undefined) metrics[key] = read.value;
        else
          problems.push(
            `${artifact.metricsType ?? 'metrics'} artifact ${label} ${key}: ${
              read.problem
            }`,
          );
      }
    } else if (
      typeof artifact.name === 'string' &&
      finiteNumber(artifact.value) !== undefined
    ) {
      metrics[artifact.name] = finiteNumber(artifact.value)!;
      accuracy.push({
        task: artifact.name,
        metric: 'score',
        value: metrics[artifact.name],
      });
    }
  }
  if (performanceArtifacts.length > 1) {
    problems.push(
      `${
        performanceArtifacts.length
      } performance artifacts (${performanceArtifacts.join(
        ', ',
      )}): numbers from the first`,
    );
  }

  const properties = isRecord(safe.customProperties)
    ? safe.customProperties
    : {};
  const listed = new Set(
    (stringOf(properties.lm_eval_tasks) ?? '')
      .split(',')
      .map(t => t.trim())
      .filter(Boolean),
  );
  for (const [key, value] of Object.entries(properties)) {
    if (NOT_METRICS.has(key)) continue;
    const typed = isRecord(value) ? value.metadataType : undefined;
    const camelNumber =
      isRecord(value) && ('doubleValue' in value || 'intValue' in value);
    const benchmarkName = listed.has(key) || KNOWN_BENCHMARKS.has(key);
    const numericString =
      typed === 'MetadataStringValue' &&
      finiteNumber(isRecord(value) ? value.string_value : undefined) !==
        undefined;
    const wanted =
      isVocabulary(key) ||
      typed === 'MetadataDoubleValue' ||
      camelNumber ||
      (benchmarkName && (typed === 'MetadataIntValue' || numericString));
    if (!wanted) continue;
    const read = metadataNumber(value);
    if (read.value === undefined) {
      problems.push(`property ${key}: ${read.problem}`);
      continue;
    }
    metrics[key] = read.value;
    if (!PERFORMANCE_KEY.test(key)) {
      const existing = accuracy.find(a => a.task === key);
      if (existing) existing.value = read.value;
      else
        accuracy.push({
          task: key,
          metric: 'score',
          value: read.value,
          ...(key === 'overall_average' ? { isGroup: true } : {}),
        });
    }
  }
  return {
    source: 'model-registry',
    recognized: true,
    accuracy,
    performance: [],
    metrics,
    problems,
  };
}
