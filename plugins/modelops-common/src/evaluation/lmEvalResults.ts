import {
  capProblems,
  describeValue,
  finiteNumber,
  isoFromEpochSeconds,
  isRecord,
  round,
  withoutBom,
} from './numbers';
import { AccuracyResult, EvaluationReport } from './types';

/**
 * Metrics that are shares of right answers, reported by lm-eval as fractions in [0, 1]. The Model
 * Catalog states them in percent (`score_metric: accuracy_percent`), so the flat `metrics` carry
 * them × 100. Every other metric keeps its own scale: `bleu` (sacrebleu-based tasks report 0-100,
 * custom tasks 0-1: the scale cannot be told), `perplexity`, `word_perplexity`, `mcc` (-1..1),
 * judge scores such as `llm_judge` (36.29).
 */
const ACCURACY_LIKE = new Set([
  'acc',
  'acc_norm',
  'exact_match',
  'accuracy',
  'f1',
  'f1_micro',
  'f1_macro',
  'mc1',
  'mc2',
  'pass@1',
  'prompt_level_strict_acc',
  'prompt_level_loose_acc',
  'inst_level_strict_acc',
  'inst_level_loose_acc',
]);

/** The headline metric of a task: the first of these it has, else its first numeric metric. */
const HEADLINE = [
  'acc_norm',
  'acc',
  'exact_match',
  'accuracy',
  'f1',
  'mc2',
  'mc1',
];

/** Filters in order of preference when a metric has several; any other filter comes after these. */
const FILTERS = ['strict-match', 'none'];

/** NaN and Infinity as parseLenientJson leaves them. */
const BARE_WORDS = new Set(['NaN', 'Infinity', '-Infinity']);

/** Keys of a task's metrics object that are not metrics. */
const NOT_METRICS = new Set([
  'alias',
  'name',
  'sample_len',
  'samples',
  'group',
  'task',
]);

type Row = Record<string, unknown>;

const asRecord = (value: unknown): Row => (isRecord(value) ? value : {});

/** Metric and filter of a results key: `"acc,none"` → acc/none; lm-eval < 0.4 wrote `"acc"`. */
function splitKey(key: string): { metric: string; filter?: string } {
  const comma = key.indexOf(',');
  return comma < 0
    ? { metric: key }
    : { metric: key.slice(0, comma), filter: key.slice(comma + 1) };
}

const isStderr = (metric: string) => metric.endsWith('_stderr');

/** True for a bare results map: task → metrics with at least one `metric,filter` key or number. */
function isResultsMap(value: Row): boolean {
  const tasks = Object.entries(value);
  return (
    tasks.length > 0 &&
    tasks.every(
      ([task, t]) =>
        task.trim() !== '' &&
        isRecord(t) &&
        Object.entries(t).some(
          ([k, v]) =>
            splitKey(k).metric.trim() !== '' &&
            (k.includes(',') || (!NOT_METRICS.has(k) && typeof v === 'number')),
        ),
    )
  );
}

/** Python's json.dump writes NaN and Infinity bare, which JSON.parse refuses: read them as strings. */
function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const quoted = text.replace(
      /([:[,]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g,
      '$1"$2"',
    );
    if (quoted === text) throw error;
    return JSON.parse(quoted);
  }
}

function readTasks(
  results: Row,
  document: Row,
  groupNames: Set<string>,
  parentOf: Map<string, string>,
  problems: string[],
): AccuracyResult[] {
  const nShot = asRecord(document['n-shot']);
  const higher = asRecord(document.higher_is_better);
  const samples = asRecord(document['n-samples']);
  const out: AccuracyResult[] = [];
  for (const [task, metrics] of Object.entries(results)) {
    if (task.trim() === '') {
      problems.push('a task without a name; left out');
      continue;
    }
    if (!isRecord(metrics)) {
      problems.push(
        `${task}: ${describeValue(metrics)}, not an object of metrics`,
      );
      continue;
    }
    const taskShot = finiteNumber(nShot[task]);
    const taskHigher = asRecord(higher[task]);
    const taskSamples = finiteNumber(asRecord(samples[task]).effective);
    for (const [key, raw] of Object.entries(metrics)) {
      if (NOT_METRICS.has(key)) continue;
      const { metric, filter } = splitKey(key);
      if (!metric.trim() || isStderr(metric)) continue;
      const value = finiteNumber(raw);
      const bare = typeof raw === 'string' && BARE_WORDS.has(raw);
      // Without a filter (lm-eval < 0.4) any key may be there: only numbers and NaN-like values are metrics.
      if (
        value === undefined &&
        filter === undefined &&
        raw !== null &&
        typeof raw !== 'number' &&
        !bare
      )
        continue;
      if (value === undefined) {
        problems.push(
          `${task}: ${metric}${
            filter && filter !== 'none' ? ` (${filter})` : ''
          } is ${bare ? raw : describeValue(raw)}`,
        );
      }
      const stderr = finiteNumber(
        metrics[
          filter === undefined
            ? `${metric}_stderr`
            : `${metric}_stderr,${filter}`
        ],
      );
      const result: AccuracyResult = {
        task,
        metric,
        value: value ?? null,
        isGroup: groupNames.has(task),
      };
      if (filter !== undefined) result.filter = filter;
      if (stderr !== undefined) result.stderr = stderr;
      if (taskShot !== undefined) result.nShot = taskShot;
      if (typeof taskHigher[metric] === 'boolean')
        result.higherIsBetter = taskHigher[metric] as boolean;
      if (taskSamples !== undefined) result.samples = taskSamples;
      const parent = parentOf.get(task);
      if (parent !== undefined) result.group = parent;
      out.push(result);
    }
  }
  return out;
}

const filterRank = (filter: string | undefined) => {
  const i = FILTERS.indexOf(filter ?? 'none');
  return i < 0 ? FILTERS.length : i;
};

/** The headline score of one task, in percent for accuracy-like fractions (see ACCURACY_LIKE). */
function headline(results: AccuracyResult[]): number | undefined {
  const numeric = results.filter(r => r.value !== null);
  let pick: AccuracyResult | undefined;
  for (const name of HEADLINE) {
    const candidates = numeric.filter(r => r.metric === name);
    // A stable sort keeps document order among filters of equal rank ("then any").
    pick = candidates.sort(
      (a, b) => filterRank(a.filter) - filterRank(b.filter),
    )[0];
    if (pick) break;
  }
  pick = pick ?? numeric[0];
  if (!pick) return undefined;
  const value = pick.value as number;
  return ACCURACY_LIKE.has(pick.metric) && value >= 0 && value <= 1
    ? round(value * 100)
    : value;
}

/** Who was evaluated: `model_name`, else the `pretrained=`/`model=` of `config.model_args`. */
function modelOf(document: Row): string | undefined {
  if (typeof document.model_name === 'string' && document.model_name.trim())
    return document.model_name;
  const args = asRecord(document.config).model_args;
  if (isRecord(args)) {
    const named = args.pretrained ?? args.model ?? args.model_name;
    return typeof named === 'string' && named ? named : undefined;
  }
  if (typeof args === 'string') {
    const match = /(?:^|,)\s*(?:pretrained|model|model_name)=([^,]+)/.exec(
      args,
    );
    return match ? match[1].trim() : undefined;
  }
  return undefined;
}

function unrecognized(problem: string, raw: unknown): EvaluationReport {
  return {
    source: 'lm-eval',
    recognized: false,
    accuracy: [],
    performance: [],
    metrics: {},
    problems: [problem],
    raw,
  };
}

/**
 * Reads lm-evaluation-harness results: a `results_*.json` file (`results`, `groups`,
 * `group_subtasks`, `n-shot`, `higher_is_better`, `n-samples`, `model_name`, `config`, `date`,
 * `lm_eval_version`), a bare `results` map (task → `"metric,filter": value`, as the TrustyAI docs
 * show it), or the JSON text of either (NaN and Infinity written bare by Python are read). Never
 * throws: values that are NaN, `"N/A"` or null become `value: null` and a problem such as
 * `mmlu: acc is NaN`; input that is not results is `recognized: false` with `raw`.
 *
 * `metrics` holds one headline number per task and group: `acc_norm`, else `acc`, else
 * `exact_match`, else `accuracy`, `f1`, `mc2`, `mc1`, else the task's first numeric metric; of a
 * metric with several filters, `strict-match` first, then `none`, then the first other one.
 * Accuracy-like metrics (acc, acc_norm, exact_match, accuracy, f1, mc1, mc2, pass@1, the ifeval
 * accuracies) are fractions in lm-eval and are given in percent (0.417 → 41.7), as the Model
 * Catalog's `accuracy_percent`; all others (bleu, perplexity, mcc, judge scores) keep their scale.
 * `model` is `model_name`, else `pretrained=`/`model=` of `config.model_args`; `config.model` names
 * the harness backend (`hf`, `vllm`), not the model, and is not used.
 * @public
 */
export function parseLmEvalResults(input: unknown): EvaluationReport {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = parseLenientJson(withoutBom(input));
    } catch (error) {
      return unrecognized(`not JSON: ${(error as Error).message}`, input);
    }
  }
  if (!isRecord(document))
    return unrecognized(
      `${describeValue(
        document,
      )} is not an lm-evaluation-harness results object`,
      document,
    );
  const wrapped = 'results' in document;
  if (wrapped && !isRecord(document.results))
    return unrecognized(
      `"results" is ${describeValue(document.results)}, not an object of tasks`,
      document,
    );
  const results = (wrapped ? document.results : document) as Row;
  if (!wrapped && !isResultsMap(results))
    return unrecognized(
      'no "results" in this document: not an lm-evaluation-harness results file',
      document,
    );
  if (Object.keys(results).length === 0)
    return unrecognized('"results" is empty: no task was evaluated', document);

  const meta: Row = wrapped ? document : {};
  const groups = asRecord(meta.groups);
  const parentOf = new Map<string, string>();
  const groupNames = new Set(Object.keys(groups));
  for (const [group, tasks] of Object.entries(asRecord(meta.group_subtasks))) {
    if (!Array.isArray(tasks) || tasks.length === 0) continue;
    groupNames.add(group);
    for (const t of tasks) if (typeof t === 'string') parentOf.set(t, group);
  }

  const problems: string[] = [];
  const accuracy = readTasks(results, meta, groupNames, parentOf, problems);
  // lm-eval 0.4.x lists group aggregates in `results` and again in `groups`: one entry each.
  const seen = new Set(
    accuracy.map(a => `${a.task}\u0000${a.metric}\u0000${a.filter}`),
  );
  const groupProblems: string[] = [];
  for (const g of readTasks(
    groups,
    meta,
    groupNames,
    parentOf,
    groupProblems,
  )) {
    if (!seen.has(`${g.task}\u0000${g.metric}\u0000${g.filter}`))
      accuracy.push(g);
  }
  for (const p of groupProblems) if (!problems.includes(p)) problems.push(p);

  const byTask = new Map<string, AccuracyResult[]>();
  for (const a of accuracy) {
    const list = byTask.get(a.task);
    if (list) list.push(a);
    else byTask.set(a.task, [a]);
  }
  const metrics: Record<string, number> = {};
  for (const [task, list] of byTask) {
    const value = headline(list);
    if (value !== undefined) metrics[task] = value;
  }
  if (accuracy.length === 0) problems.push('no task has a metric');

  const date = isoFromEpochSeconds(meta.date);
  const report: EvaluationReport = {
    source: 'lm-eval',
    recognized: accuracy.length > 0,
    accuracy,
    performance: [],
    metrics,
    problems: capProblems(problems),
  };
  if (typeof meta.lm_eval_version === 'string')
    report.formatVersion = meta.lm_eval_version;
  const model = modelOf(meta);
  if (model) report.model = model;
  if (date) report.date = date;
  if (!report.recognized) report.raw = document;
  return report;
}
