import { finiteNumber, isRecord, round } from './numbers';
import { AccuracyResult, EvaluationReport } from './types';

/**
 * Metrics that are fractions in [0, 1] and mean "share of right answers": the Model Catalog
 * vocabulary states them in percent (`score_metric: accuracy_percent`), so the flat `metrics`
 * carry them × 100. Others (perplexity, bleu, llm_judge scores) keep their own scale.
 */
const FRACTION_METRICS = ['acc', 'acc_norm', 'exact_match', 'accuracy', 'f1', 'f1_micro', 'f1_macro', 'mc1', 'mc2', 'pass@1'];
/** The headline metric of a task, first present wins; then the first numeric metric. */
const HEADLINE = ['acc_norm', 'acc', 'exact_match', 'accuracy', 'f1', 'mc2', 'mc1'];
/** Filters in order of preference when a metric has several. */
const FILTERS = ['strict-match', 'none', 'flexible-extract'];

function isResultsMap(value: unknown): value is Record<string, Record<string, unknown>> {
  if (!isRecord(value)) return false;
  const tasks = Object.values(value);
  return tasks.length > 0 && tasks.every(t => isRecord(t) && Object.keys(t).some(k => k.includes(',')));
}

function readTasks(
  results: Record<string, unknown>,
  document: Record<string, unknown>,
  isGroup: boolean,
  problems: string[],
): AccuracyResult[] {
  const nShot = isRecord(document['n-shot']) ? document['n-shot'] : {};
  const higher = isRecord(document.higher_is_better) ? document.higher_is_better : {};
  const samples = isRecord(document['n-samples']) ? document['n-samples'] : {};
  const groupOf = new Map<string, string>();
  if (isRecord(document.group_subtasks)) {
    for (const [group, tasks] of Object.entries(document.group_subtasks)) {
      if (Array.isArray(tasks)) for (const t of tasks) if (typeof t === 'string') groupOf.set(t, group);
    }
  }
  const out: AccuracyResult[] = [];
  for (const [task, metrics] of Object.entries(results)) {
    if (!isRecord(metrics)) {
      problems.push(`${task}: not an object of metrics`);
      continue;
    }
    for (const [key, raw] of Object.entries(metrics)) {
      if (key === 'alias' || key === 'samples' || !key.includes(',') || key.includes('_stderr,')) continue;
      const [metric, filter] = key.split(',', 2);
      const value = finiteNumber(raw);
      if (value === undefined) problems.push(`${task}: ${metric}${filter && filter !== 'none' ? ` (${filter})` : ''} is ${JSON.stringify(raw) ?? 'missing'}, not a number`);
      const stderr = finiteNumber(metrics[`${metric}_stderr,${filter}`]);
      const taskHigher = isRecord(higher[task]) ? (higher[task] as Record<string, unknown>)[metric] : undefined;
      const taskSamples = isRecord(samples[task]) ? finiteNumber((samples[task] as Record<string, unknown>).effective) : undefined;
      out.push({
        task,
        metric,
        filter,
        value: value ?? null,
        ...(stderr !== undefined ? { stderr } : {}),
        ...(finiteNumber(nShot[task]) !== undefined ? { nShot: finiteNumber(nShot[task]) } : {}),
        ...(typeof taskHigher === 'boolean' ? { higherIsBetter: taskHigher } : {}),
        ...(taskSamples !== undefined ? { samples: taskSamples } : {}),
        isGroup,
        ...(groupOf.has(task) ? { group: groupOf.get(task) } : {}),
      });
    }
  }
  return out;
}

/** The headline score of one task in the Model Catalog scale (see FRACTION_METRICS). */
function headline(results: AccuracyResult[]): number | undefined {
  const numeric = results.filter(r => r.value !== null);
  const byFilter = (list: AccuracyResult[]) =>
    [...list].sort((a, b) => {
      const ia = FILTERS.indexOf(a.filter ?? 'none');
      const ib = FILTERS.indexOf(b.filter ?? 'none');
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    })[0];
  for (const name of HEADLINE) {
    const pick = byFilter(numeric.filter(r => r.metric === name));
    if (pick) return FRACTION_METRICS.includes(name) && pick.value! <= 1 ? round(pick.value! * 100) : pick.value!;
  }
  const first = numeric[0];
  if (!first) return undefined;
  return FRACTION_METRICS.includes(first.metric) && first.value! <= 1 ? round(first.value! * 100) : first.value!;
}

/**
 * Reads an lm-evaluation-harness results file (`results_*.json`: `results`, `groups`,
 * `group_subtasks`, `n-shot`, `higher_is_better`, `n-samples`, ...), a bare `results` map
 * (task → `"metric,filter": value`), or its JSON text. Never throws.
 *
 * `metrics` holds one headline number per task and group: `acc_norm`, else `acc`, else
 * `exact_match` (filter `strict-match`, then `none`, then `flexible-extract`), else `accuracy`,
 * `f1`, `mc2`, `mc1`, else the first numeric metric; accuracy-like fractions are given in percent.
 * @public
 */
export function parseLmEvalResults(input: unknown): EvaluationReport {
  const problems: string[] = [];
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input);
    } catch (error) {
      return { source: 'lm-eval', recognized: false, accuracy: [], performance: [], metrics: {}, problems: [`not JSON: ${(error as Error).message}`], raw: input.slice(0, 10_000) };
    }
  }
  const unrecognized = (why: string): EvaluationReport => ({ source: 'lm-eval', recognized: false, accuracy: [], performance: [], metrics: {}, problems: [why], raw: document });
  if (!isRecord(document)) return unrecognized('not an lm-evaluation-harness results object');
  const wrapped = isRecord(document.results);
  const results = wrapped ? (document.results as Record<string, unknown>) : document;
  if (!wrapped && !isResultsMap(document)) return unrecognized('no "results" in this document: not an lm-evaluation-harness results file');
  const accuracy = readTasks(results, wrapped ? document : {}, false, problems);
  if (wrapped && isRecord(document.groups)) {
    const groups = readTasks(document.groups, document, true, problems);
    // Newer harness versions list groups in `results` too; keep one entry per task and metric.
    const seen = new Set(accuracy.map(a => `${a.task}|${a.metric}|${a.filter}`));
    for (const g of groups) {
      const key = `${g.task}|${g.metric}|${g.filter}`;
      if (seen.has(key)) {
        const existing = accuracy.find(a => `${a.task}|${a.metric}|${a.filter}` === key)!;
        existing.isGroup = true;
      } else accuracy.push(g);
    }
  }
  const metrics: Record<string, number> = {};
  for (const task of new Set(accuracy.map(a => a.task))) {
    const value = headline(accuracy.filter(a => a.task === task));
    if (value !== undefined) metrics[task] = value;
  }
  const config = isRecord(document.config) ? document.config : {};
  const model = [document.model_name, config.model_args, config.model].find((v): v is string => typeof v === 'string' && v.length > 0);
  const date = finiteNumber(document.date);
  return {
    source: 'lm-eval',
    recognized: accuracy.length > 0,
    formatVersion: typeof document.lm_eval_version === 'string' ? document.lm_eval_version : undefined,
    model,
    date: date !== undefined ? new Date(date * 1000).toISOString() : undefined,
    accuracy,
    performance: [],
    metrics,
    problems,
    ...(accuracy.length === 0 ? { raw: document } : {}),
  };
}
