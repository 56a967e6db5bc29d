import { parse as parseYaml } from 'yaml';
import { finiteNumber, isRecord, round } from './numbers';
import { EvaluationReport, MetricDistribution, PerformanceLevel } from './types';

function distribution(metric: unknown, scale = 1): MetricDistribution {
  const successful = isRecord(metric) && isRecord(metric.successful) ? metric.successful : undefined;
  if (!successful) return {};
  const percentiles = isRecord(successful.percentiles) ? successful.percentiles : {};
  const read = (v: unknown) => {
    const n = finiteNumber(v);
    return n === undefined ? undefined : round(n * scale);
  };
  const out: MetricDistribution = {
    mean: read(successful.mean),
    median: read(successful.median),
    p90: read(percentiles.p90),
    p95: read(percentiles.p95),
    p99: read(percentiles.p99),
    min: read(successful.min),
    max: read(successful.max),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as MetricDistribution;
}

function level(benchmark: Record<string, unknown>, index: number, measuredRates: unknown[]): PerformanceLevel | undefined {
  const metrics = isRecord(benchmark.metrics) ? benchmark.metrics : undefined;
  if (!metrics) return undefined;
  const args = isRecord(benchmark.args) ? benchmark.args : {};
  const strategy = isRecord(args.strategy) ? args.strategy : {};
  const totals = isRecord(benchmark.request_totals) ? benchmark.request_totals : {};
  const rate = finiteNumber(strategy.rate) ?? finiteNumber(strategy.streams) ?? finiteNumber(measuredRates[index]);
  return {
    strategy: typeof strategy.type_ === 'string' ? strategy.type_ : 'unknown',
    ...(rate !== undefined && rate >= 0 ? { rate } : {}),
    requestsPerSecond: distribution(metrics.requests_per_second).mean,
    ttftMs: distribution(metrics.time_to_first_token_ms),
    itlMs: distribution(metrics.inter_token_latency_ms),
    requestLatencyMs: distribution(metrics.request_latency, 1000),
    outputTokensPerSecond: distribution(metrics.output_tokens_per_second).mean,
    tokensPerSecond: distribution(metrics.tokens_per_second).mean,
    requests: {
      successful: finiteNumber(totals.successful),
      errored: finiteNumber(totals.errored),
      incomplete: finiteNumber(totals.incomplete),
    },
  };
}

/**
 * Flat metrics of a guidellm report in the Model Catalog vocabulary. Latency keys (`ttft_*`,
 * `itl_*`, `e2e_*`, ms) come from the synchronous level when there is one (one request at a time:
 * the latency a single user sees), else from the first level; `requests_per_second` and
 * `tps_mean` (output tokens/s) are the highest over all levels (the throughput the server reached).
 */
function flatten(levels: PerformanceLevel[]): Record<string, number> {
  const metrics: Record<string, number> = {};
  const latency = levels.find(l => l.strategy === 'synchronous') ?? levels[0];
  if (!latency) return metrics;
  const put = (prefix: string, d: MetricDistribution) => {
    for (const [stat, value] of Object.entries(d)) {
      if (['mean', 'p90', 'p95', 'p99'].includes(stat) && value !== undefined) metrics[`${prefix}_${stat}`] = value;
    }
  };
  put('ttft', latency.ttftMs);
  put('itl', latency.itlMs);
  put('e2e', latency.requestLatencyMs);
  const max = (values: Array<number | undefined>) => {
    const numbers = values.filter((v): v is number => v !== undefined);
    return numbers.length ? Math.max(...numbers) : undefined;
  };
  const rps = max(levels.map(l => l.requestsPerSecond));
  const tps = max(levels.map(l => l.outputTokensPerSecond));
  if (rps !== undefined) metrics.requests_per_second = rps;
  if (tps !== undefined) metrics.tps_mean = tps;
  return metrics;
}

/**
 * Reads a guidellm benchmark report (`{ benchmarks: [...] }`, as `guidellm benchmark` writes it
 * in JSON or YAML; or one benchmark object), from an object or its text. One level per benchmark
 * of a sweep, with successful-request distributions. Never throws; an unknown shape is
 * `recognized: false` with the raw data.
 * @public
 */
export function parseGuidellmReport(input: unknown): EvaluationReport {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = parseYaml(input, { maxAliasCount: 100 }); // YAML is a superset of JSON
    } catch (error) {
      return { source: 'guidellm', recognized: false, accuracy: [], performance: [], metrics: {}, problems: [`neither JSON nor YAML: ${(error as Error).message}`], raw: input.slice(0, 10_000) };
    }
  }
  const unrecognized = (why: string): EvaluationReport => ({ source: 'guidellm', recognized: false, accuracy: [], performance: [], metrics: {}, problems: [why], raw: document });
  if (!isRecord(document)) return unrecognized('not a guidellm report object');
  let benchmarks: unknown[];
  if (Array.isArray(document.benchmarks)) benchmarks = document.benchmarks;
  else if (isRecord(document.metrics)) benchmarks = [document];
  else return unrecognized('no "benchmarks" list: not a guidellm benchmark report this portal reads');
  const problems: string[] = [];
  const performance: PerformanceLevel[] = [];
  benchmarks.forEach((b, i) => {
    if (!isRecord(b)) {
      problems.push(`benchmark ${i} is not an object`);
      return;
    }
    const args = isRecord(b.args) ? b.args : {};
    const profile = isRecord(args.profile) ? args.profile : {};
    const parsed = level(b, i, Array.isArray(profile.measured_rates) ? profile.measured_rates : []);
    if (!parsed) problems.push(`benchmark ${i} has no metrics`);
    else {
      if (parsed.requestsPerSecond === undefined) problems.push(`benchmark ${i} (${parsed.strategy}): no successful requests per second`);
      performance.push(parsed);
    }
  });
  const first = benchmarks.find(isRecord) as Record<string, unknown> | undefined;
  const worker = first && isRecord(first.worker) ? first.worker : {};
  const start = first ? finiteNumber(first.start_time) : undefined;
  return {
    source: 'guidellm',
    recognized: performance.length > 0,
    formatVersion: first && typeof first.type_ === 'string' ? `${first.type_} (v0.3 report)` : undefined,
    model: typeof worker.backend_model === 'string' ? worker.backend_model : undefined,
    date: start !== undefined ? new Date(start * 1000).toISOString() : undefined,
    accuracy: [],
    performance,
    metrics: flatten(performance),
    problems,
    ...(performance.length === 0 ? { raw: document } : {}),
  };
}
