import { parse as parseYaml } from 'yaml';
import {
  capProblems,
  describeValue,
  finiteNumber,
  isoFromEpochSeconds,
  isRecord,
  round,
  withoutBom,
} from './numbers';
import {
  EvaluationReport,
  MetricDistribution,
  PerformanceLevel,
} from './types';

type Row = Record<string, unknown>;

const asRecord = (value: unknown): Row => (isRecord(value) ? value : {});

/** The metrics of a guidellm benchmark this reader knows; a benchmark with none of them is not read. */
const KNOWN_METRICS = [
  'requests_per_second',
  'request_latency',
  'time_to_first_token_ms',
  'inter_token_latency_ms',
  'output_tokens_per_second',
  'tokens_per_second',
];

/** The `successful` distribution of one metric (what users experienced), scaled (s → ms). */
function distribution(metric: unknown, scale = 1): MetricDistribution {
  const successful = asRecord(asRecord(metric).successful);
  const percentiles = asRecord(successful.percentiles);
  const out: MetricDistribution = {};
  const put = (key: keyof MetricDistribution, value: unknown) => {
    const n = finiteNumber(value);
    if (n !== undefined) out[key] = round(n * scale);
  };
  put('mean', successful.mean);
  put('median', successful.median);
  put('p90', percentiles.p90);
  put('p95', percentiles.p95);
  put('p99', percentiles.p99);
  put('min', successful.min);
  put('max', successful.max);
  return out;
}

/**
 * One load level. guidellm up to 0.3 keeps the strategy in `args` and the request counts in
 * `request_totals`; 0.4 and later keep them in `config` and `metrics.request_totals`.
 */
function level(benchmark: Row, index: number): PerformanceLevel {
  const metrics = asRecord(benchmark.metrics);
  const settings = isRecord(benchmark.args)
    ? benchmark.args
    : asRecord(benchmark.config);
  const strategy = asRecord(settings.strategy);
  const profile = asRecord(settings.profile);
  const measured = Array.isArray(profile.measured_rates)
    ? profile.measured_rates
    : [];
  const at = finiteNumber(settings.strategy_index) ?? index;
  const totals = isRecord(benchmark.request_totals)
    ? benchmark.request_totals
    : asRecord(metrics.request_totals);
  // A sweep's synchronous and throughput levels have no target: guidellm measured their rates.
  const rate = [strategy.rate, strategy.streams, measured[at]]
    .map(finiteNumber)
    .find(n => n !== undefined && n >= 0);
  const out: PerformanceLevel = {
    strategy: typeof strategy.type_ === 'string' ? strategy.type_ : 'unknown',
    ttftMs: distribution(metrics.time_to_first_token_ms),
    itlMs: distribution(metrics.inter_token_latency_ms),
    requestLatencyMs: distribution(metrics.request_latency, 1000),
  };
  if (rate !== undefined) out.rate = rate;
  const rps = distribution(metrics.requests_per_second).mean;
  if (rps !== undefined) out.requestsPerSecond = rps;
  const outputTps = distribution(metrics.output_tokens_per_second).mean;
  if (outputTps !== undefined) out.outputTokensPerSecond = outputTps;
  const tps = distribution(metrics.tokens_per_second).mean;
  if (tps !== undefined) out.tokensPerSecond = tps;
  const requests: NonNullable<PerformanceLevel['requests']> = {};
  for (const key of ['successful', 'errored', 'incomplete'] as const) {
    const n = finiteNumber(totals[key]);
    if (n !== undefined) requests[key] = n;
  }
  if (Object.keys(requests).length) out.requests = requests;
  return out;
}

const LATENCY_STATS = ['mean', 'p90', 'p95', 'p99'] as const;

/**
 * The flat Model Catalog keys of a report. Latency (`ttft_*`, `itl_*`, `e2e_*`, ms) is that of
 * the synchronous level, one request at a time: the latency a single user sees, comparable across
 * versions whatever load the other levels put on the server. Without a synchronous level it is
 * the first level that had successful requests (guidellm runs levels from the lightest load up).
 * `requests_per_second` and `tps_mean` (output tokens/s) are the highest over all levels: the
 * throughput the server reached.
 */
function headlineMetrics(levels: PerformanceLevel[]): Record<string, number> {
  const metrics: Record<string, number> = {};
  const served = levels.filter(l => l.requests?.successful !== 0);
  const latency = served.find(l => l.strategy === 'synchronous') ?? served[0];
  if (latency) {
    const put = (prefix: string, d: MetricDistribution) => {
      for (const stat of LATENCY_STATS)
        if (d[stat] !== undefined) metrics[`${prefix}_${stat}`] = d[stat]!;
    };
    put('ttft', latency.ttftMs);
    put('itl', latency.itlMs);
    put('e2e', latency.requestLatencyMs);
  }
  const max = (values: Array<number | undefined>) => {
    const numbers = values.filter((v): v is number => v !== undefined);
    return numbers.length ? Math.max(...numbers) : undefined;
  };
  const rps = max(served.map(l => l.requestsPerSecond));
  const tps = max(served.map(l => l.outputTokensPerSecond));
  if (rps !== undefined) metrics.requests_per_second = rps;
  if (tps !== undefined) metrics.tps_mean = tps;
  return metrics;
}

function parseText(text: string): unknown {
  const clean = withoutBom(text);
  try {
    return JSON.parse(clean);
  } catch {
    // YAML is a superset of JSON; the alias cap keeps a hostile document from expanding without end.
    return parseYaml(clean, { maxAliasCount: 100 });
  }
}

function unrecognized(problems: string[], raw: unknown): EvaluationReport {
  return {
    source: 'guidellm',
    recognized: false,
    accuracy: [],
    performance: [],
    metrics: {},
    problems,
    raw,
  };
}

/**
 * Reads a guidellm benchmark report: `{ benchmarks: [...] }` as `guidellm benchmark` saves it
 * (JSON or YAML, as an object or its text), a list of benchmarks, or one benchmark object. One
 * performance level per benchmark, from the distributions of successful requests;
 * `request_latency` is converted from seconds to ms; `rate` is the strategy's `rate` (constant,
 * poisson) or `streams` (concurrent), else the rate the sweep profile measured for that level.
 *
 * Flat `metrics`: `ttft_*`, `itl_*`, `e2e_*` (mean, p90, p95, p99, ms) from the synchronous level
 * (else the first level with successful requests); `requests_per_second` and `tps_mean` (output
 * tokens/s) the highest over all levels. Reads the v0.3 report (`benchmarks[].args`) and the
 * 0.4+ one (`benchmarks[].config`, `metrics.request_totals`). Never throws: a report without
 * benchmarks carrying these metrics is `recognized: false` with `raw` and the reasons.
 * @public
 */
export function parseGuidellmReport(input: unknown): EvaluationReport {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = parseText(input);
    } catch (error) {
      return unrecognized(
        [`neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}`],
        input,
      );
    }
  }
  let benchmarks: unknown[];
  if (Array.isArray(document)) benchmarks = document;
  else if (!isRecord(document))
    return unrecognized(
      [`${describeValue(document)} is not a guidellm report`],
      document,
    );
  else if (Array.isArray(document.benchmarks)) benchmarks = document.benchmarks;
  else if ('benchmarks' in document)
    return unrecognized(
      [`"benchmarks" is ${describeValue(document.benchmarks)}, not a list`],
      document,
    );
  else if (isRecord(document.metrics)) benchmarks = [document];
  else
    return unrecognized(
      [
        'no "benchmarks" list and no benchmark "metrics": not a guidellm report',
      ],
      document,
    );
  if (benchmarks.length === 0)
    return unrecognized(['the report has no benchmarks'], document);

  const problems: string[] = [];
  const performance: PerformanceLevel[] = [];
  let read: Row | undefined;
  benchmarks.forEach((b, i) => {
    if (!isRecord(b)) {
      problems.push(`benchmark ${i + 1}: ${describeValue(b)}, not a benchmark`);
      return;
    }
    const metrics = asRecord(b.metrics);
    if (!KNOWN_METRICS.some(k => isRecord(asRecord(metrics[k]).successful))) {
      problems.push(
        `benchmark ${i + 1}: none of ${KNOWN_METRICS.join(
          ', ',
        )} with successful requests; not a guidellm report this portal reads`,
      );
      return;
    }
    const parsed = level(b, i);
    if (parsed.requests?.successful === 0)
      problems.push(
        `benchmark ${i + 1} (${
          parsed.strategy
        }): no successful requests; its numbers are left out`,
      );
    read = read ?? b;
    performance.push(parsed);
  });
  if (!read) return unrecognized(capProblems(problems), document);

  const settings = isRecord(read.args) ? read.args : undefined;
  const config = asRecord(read.config);
  const model = [
    asRecord(read.worker).backend_model,
    asRecord(config.backend).model,
    asRecord(asRecord(document).args).model,
  ].find((v): v is string => typeof v === 'string' && v.length > 0);
  const date = isoFromEpochSeconds(read.start_time);
  const report: EvaluationReport = {
    source: 'guidellm',
    recognized: true,
    formatVersion: settings
      ? 'guidellm v0.3 report (benchmarks[].args)'
      : 'guidellm v0.4+ report (benchmarks[].config)',
    accuracy: [],
    performance,
    metrics: headlineMetrics(performance),
    problems: capProblems(problems),
  };
  if (model) report.model = model;
  if (date) report.date = date;
  return report;
}
