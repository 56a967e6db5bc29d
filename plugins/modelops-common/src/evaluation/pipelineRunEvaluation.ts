import { parseGuidellmReport } from './guidellmReport';
import { parseLmEvalResults } from './lmEvalResults';
import { capProblems, describeValue, finiteNumber, isRecord } from './numbers';
import { EvaluationReport } from './types';

/** Performance keys of the Model Catalog vocabulary (guidellm results). */
const PERFORMANCE_KEY =
  /^(ttft|itl|e2e|tps|tpot)_(mean|median|p\d+)$|^requests_per_second$/;

/**
 * Results that are not measurements: Tekton's upper-case results (`IMAGE_DIGEST`,
 * `MODEL_VERSION_ID`) and ids, digests, URLs, statuses, whose values may well be numeric.
 */
function isNotMeasurement(name: string): boolean {
  return (
    /^[A-Z0-9_]+$/.test(name) ||
    /(^|_)(id|digest|url|uri|status|image|name)$/i.test(name)
  );
}

/** A result whose value Tekton never substituted (`$(tasks.run-guidellm.results.ttft_p90)`): the task wrote nothing. */
const UNRESOLVED = /^\s*\$\(.*\)\s*$/;

/** What Python and shell scripts print when a measurement failed. */
const NOT_A_NUMBER = /^(nan|[-+]?inf(inity)?|n\/a|none|null)$/i;

/**
 * Evaluation numbers a PipelineRun's task results hold. `run-lm-eval` writes one result per
 * benchmark, in percent (`mmlu` = `"79.6"`); `run-guidellm` one per performance key (`ttft_p90`
 * = `"241.7"`, ms); a result may also hold a whole lm-eval results file or guidellm report
 * (JSON text or object), read with {@link parseLmEvalResults} / {@link parseGuidellmReport}
 * into the same flat `metrics`. Tekton's upper-case results and ids are skipped. Never throws;
 * `recognized` is true when some number was read.
 * @public
 */
export function readPipelineRunEvaluation(
  results: Array<{ name: string; value: unknown }>,
): EvaluationReport {
  const report: EvaluationReport = {
    source: 'pipelinerun',
    recognized: false,
    accuracy: [],
    performance: [],
    metrics: {},
    problems: [],
  };
  if (!Array.isArray(results)) {
    report.problems.push(`${describeValue(results)} is not a list of results`);
    return report;
  }
  for (const result of results) {
    if (!isRecord(result) || typeof result.name !== 'string') continue;
    const { name, value } = result;
    if (isNotMeasurement(name)) continue;
    const n = finiteNumber(value);
    if (n !== undefined) {
      report.metrics[name] = n;
      if (!PERFORMANCE_KEY.test(name))
        report.accuracy.push({
          task: name,
          metric: 'score',
          value: n,
          ...(name === 'overall_average' ? { isGroup: true } : {}),
        });
      continue;
    }
    const document =
      (typeof value === 'string' && /^\s*[{[]/.test(value)) || isRecord(value)
        ? value
        : undefined;
    if (document !== undefined) {
      const lmEval = parseLmEvalResults(document);
      const parsed = lmEval.recognized ? lmEval : parseGuidellmReport(document);
      if (parsed.recognized) {
        Object.assign(report.metrics, parsed.metrics);
        report.accuracy.push(...parsed.accuracy);
        report.performance.push(...parsed.performance);
        report.problems.push(...parsed.problems.map(p => `${name}: ${p}`));
        continue;
      }
      report.problems.push(
        `${name}: neither lm-eval results nor a guidellm report`,
      );
      continue;
    }
    // Other text results (a summary, a path) are not measurements; only say why a number is missing.
    const trimmed = typeof value === 'string' ? value.trim() : value;
    const expected = PERFORMANCE_KEY.test(name) || name === 'overall_average';
    if (typeof value === 'string' && UNRESOLVED.test(value))
      report.problems.push(
        `${name}: not written (the task did not produce it)`,
      );
    else if (typeof trimmed === 'string' && NOT_A_NUMBER.test(trimmed))
      report.problems.push(`${name} is ${trimmed}, not a number`);
    else if (expected)
      report.problems.push(
        `${name} is ${
          trimmed === '' ? 'empty' : describeValue(trimmed)
        }, not a number`,
      );
  }
  report.problems = capProblems(report.problems);
  report.recognized = Object.keys(report.metrics).length > 0;
  return report;
}
