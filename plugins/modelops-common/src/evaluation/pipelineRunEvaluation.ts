import { parseGuidellmReport } from './guidellmReport';
import { parseLmEvalResults } from './lmEvalResults';
import { finiteNumber } from './numbers';
import { EvaluationReport } from './types';

/** Results of evaluation tasks that are not measurements. */
const NOT_METRICS = new Set(['IMAGE_DIGEST', 'IMAGE_URL', 'model_version_id', 'registered_model_id', 'status']);

/**
 * Numbers an evaluation PipelineRun's tasks report as results: one number per result
 * (`mmlu` = `79.6`, `ttft_p90` = `241.7`), or a whole lm-eval results file or guidellm report
 * as a result's value. Never throws.
 * @public
 */
export function readPipelineRunEvaluation(results: Array<{ name: string; value: unknown }>): EvaluationReport {
  const report: EvaluationReport = { source: 'pipelinerun', recognized: false, accuracy: [], performance: [], metrics: {}, problems: [] };
  for (const { name, value } of results) {
    if (NOT_METRICS.has(name)) continue;
    const n = finiteNumber(value);
    if (n !== undefined) {
      report.metrics[name] = n;
      if (!/^(ttft|itl|e2e|tps|tpot)_|^requests_per_second$/.test(name)) report.accuracy.push({ task: name, metric: 'score', value: n });
      continue;
    }
    if (typeof value === 'string' && value.trim().startsWith('{')) {
      const lm = parseLmEvalResults(value);
      const parsed = lm.recognized ? lm : parseGuidellmReport(value);
      if (parsed.recognized) {
        Object.assign(report.metrics, parsed.metrics);
        report.accuracy.push(...parsed.accuracy);
        report.performance.push(...parsed.performance);
        report.problems.push(...parsed.problems.map(p => `${name}: ${p}`));
        continue;
      }
    }
    if (typeof value === 'string' && /^(nan|NaN|inf|-inf|None)$/.test(value.trim())) report.problems.push(`${name} is ${value.trim()}, not a number`);
  }
  report.recognized = Object.keys(report.metrics).length > 0;
  return report;
}
