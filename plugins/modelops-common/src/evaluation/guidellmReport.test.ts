import fs from 'node:fs';
import { fixturePath } from '../tekton/__testUtils__/sharedFixtures';
import { parseGuidellmReport } from './guidellmReport';

const text = (name: string) =>
  fs.readFileSync(fixturePath(`evaluation/guidellm/${name}`), 'utf8');
const reportJson = () => JSON.parse(text('benchmarks_stripped.json'));

/** The cells of guidellm's console table row for a strategy, in the table that starts with `title`. */
function consoleRow(title: string, strategy: string): string[] {
  const lines = text('benchmarks_stripped_console_output.txt').split('\n');
  const start = lines.findIndex(l => l.startsWith(title));
  const row = lines.slice(start).find(l => l.startsWith(`${strategy}|`))!;
  return row.split('|').map(c => c.trim());
}

/** A value as the console prints it: with as many decimals as the cell has. */
const asPrinted = (value: number | undefined, cell: string) =>
  value?.toFixed(cell.split('.')[1]?.length ?? 0);

describe('parseGuidellmReport', () => {
  it('reads the JSON and the YAML serialization of the same report to the same numbers', () => {
    const fromJson = parseGuidellmReport(text('benchmarks_stripped.json'));
    const fromYaml = parseGuidellmReport(text('benchmarks_stripped.yaml'));
    expect(fromJson.recognized).toBe(true);
    expect(fromJson.problems).toEqual([]);
    expect(fromYaml).toEqual(fromJson);
    expect(parseGuidellmReport(reportJson())).toEqual(fromJson);
  });

  it("agrees with guidellm's own console table for the synchronous level", () => {
    const [sync] = parseGuidellmReport(
      text('benchmarks_stripped.json'),
    ).performance;
    const [
      ,
      rps,
      ,
      outTps,
      totTps,
      latMean,
      latMedian,
      latP99,
      ttftMean,
      ttftMedian,
      ttftP99,
      itlMean,
      itlMedian,
      itlP99,
    ] = consoleRow('Benchmarks Stats', 'synchronous');
    expect(sync.strategy).toBe('synchronous');
    expect(asPrinted(sync.requestsPerSecond, rps)).toBe(rps); // 1.55
    expect(asPrinted(sync.outputTokensPerSecond, outTps)).toBe(outTps); // 198.1
    expect(asPrinted(sync.tokensPerSecond, totTps)).toBe(totTps); // 992.7
    // The console prints request latency in seconds; the level holds ms.
    expect(asPrinted(sync.requestLatencyMs.mean! / 1000, latMean)).toBe(
      latMean,
    ); // 0.64
    expect(asPrinted(sync.requestLatencyMs.median! / 1000, latMedian)).toBe(
      latMedian,
    );
    expect(asPrinted(sync.requestLatencyMs.p99! / 1000, latP99)).toBe(latP99); // 0.69
    expect(asPrinted(sync.ttftMs.mean, ttftMean)).toBe(ttftMean); // 16.8
    expect(asPrinted(sync.ttftMs.median, ttftMedian)).toBe(ttftMedian);
    expect(asPrinted(sync.ttftMs.p99, ttftP99)).toBe(ttftP99); // 21.3
    expect(asPrinted(sync.itlMs.mean, itlMean)).toBe(itlMean); // 4.9
    expect(asPrinted(sync.itlMs.median, itlMedian)).toBe(itlMedian);
    expect(asPrinted(sync.itlMs.p99, itlP99)).toBe(itlP99); // 5.3
    const [, , , , comp, inc, err] = consoleRow(
      'Benchmarks Info',
      'synchronous',
    );
    expect(sync.requests).toEqual({
      successful: Number(comp),
      incomplete: Number(inc),
      errored: Number(err),
    }); // 46, 1, 0
  });

  it('gives the flat Model Catalog keys in ms, the rate the sweep measured, model, date and report shape', () => {
    const report = parseGuidellmReport(text('benchmarks_stripped.json'));
    expect(report.metrics).toEqual({
      ttft_mean: 16.7925,
      ttft_p90: 18.5053,
      ttft_p95: 19.0094,
      ttft_p99: 21.282,
      itl_mean: 4.9416,
      itl_p90: 4.9735,
      itl_p95: 5.0327,
      itl_p99: 5.2583,
      e2e_mean: 644.4744,
      e2e_p90: 648.8736,
      e2e_p95: 656.729,
      e2e_p99: 689.1847,
      requests_per_second: 1.5482,
      tps_mean: 198.1335,
    });
    expect(report.performance[0].rate).toBeCloseTo(1.5482, 4);
    expect(report.performance[0].requestLatencyMs).toMatchObject({
      min: 639.5886,
      max: 689.1847,
    });
    expect(report.model).toBe('example_model');
    expect(report.date).toBe('2025-06-05T20:59:28.182Z'); // the console shows 16:59:28 local time (UTC-4)
    expect(report.formatVersion).toBe(
      'guidellm v0.3 report (benchmarks[].args)',
    );
  });

  it('takes latency from the synchronous level and throughput from the busiest level of a sweep', () => {
    const [sync] = reportJson().benchmarks;
    let index = 0;
    const level = (
      type_: string,
      rps: number,
      ttftP90: number,
      extra: object = {},
    ) => {
      const copy = JSON.parse(JSON.stringify(sync));
      copy.args.strategy = { type_, ...extra };
      copy.args.strategy_index = ++index; // the sweep measured a rate for strategy 0 only
      copy.metrics.requests_per_second.successful.mean = rps;
      copy.metrics.output_tokens_per_second.successful.mean = rps * 128;
      copy.metrics.time_to_first_token_ms.successful.percentiles.p90 = ttftP90;
      return copy;
    };
    const failed = level('constant', 0, 0, { rate: 12 });
    failed.request_totals = {
      successful: 0,
      errored: 40,
      incomplete: 0,
      total: 40,
    };
    const report = parseGuidellmReport({
      benchmarks: [
        level('throughput', 9.5, 900),
        sync,
        level('constant', 4, 120, { rate: 4 }),
        level('concurrent', 6, 400, { streams: 8 }),
        failed,
      ],
    });
    expect(report.metrics).toMatchObject({
      ttft_p90: 18.5053,
      requests_per_second: 9.5,
      tps_mean: 1216,
    });
    expect(report.performance.map(l => [l.strategy, l.rate])).toEqual([
      ['throughput', undefined],
      ['synchronous', 1.5481806532737452],
      ['constant', 4],
      ['concurrent', 8],
      ['constant', 12],
    ]);
    expect(report.problems).toEqual([
      'benchmark 5 (constant): no successful requests; its numbers are left out',
    ]);
  });

  it('without a synchronous level, takes latency from the first level that served requests', () => {
    const [sync] = reportJson().benchmarks;
    const constant = {
      ...sync,
      args: { ...sync.args, strategy: { type_: 'constant', rate: 2 } },
    };
    expect(parseGuidellmReport([constant]).metrics.ttft_p90).toBe(18.5053);
  });

  it('reads one benchmark object, and the 0.4+ shape (config, metrics.request_totals)', () => {
    const [sync] = reportJson().benchmarks;
    expect(parseGuidellmReport(sync).metrics.ttft_p90).toBe(18.5053);
    const { args, request_totals, worker, ...rest } = sync;
    const newer = {
      ...rest,
      config: {
        strategy: args.strategy,
        profile: args.profile,
        backend: { model: 'granite-3.1-8b' },
      },
      metrics: { ...sync.metrics, request_totals },
    };
    const report = parseGuidellmReport({ args: {}, benchmarks: [newer] });
    expect(report).toMatchObject({
      recognized: true,
      formatVersion: 'guidellm v0.4+ report (benchmarks[].config)',
      model: 'granite-3.1-8b',
    });
    expect(report.metrics).toEqual(parseGuidellmReport(sync).metrics);
    expect(report.performance[0].requests).toEqual({
      successful: 46,
      errored: 0,
      incomplete: 1,
    });
  });

  it.each([
    [null, 'null is not a guidellm report'],
    [42, '42 is not a guidellm report'],
    ['not json', '"not json" is not a guidellm report'],
    ['key: [unclosed', /^neither JSON nor YAML: /],
    [{ benchmarks: 'x' }, '"benchmarks" is "x", not a list'],
    [{ benchmarks: [] }, 'the report has no benchmarks'],
    [
      { something: 'else' },
      'no "benchmarks" list and no benchmark "metrics": not a guidellm report',
    ],
  ])('does not read %p and says why', (input, problem) => {
    const report = parseGuidellmReport(input);
    expect(report).toMatchObject({
      source: 'guidellm',
      recognized: false,
      metrics: {},
      performance: [],
    });
    expect(report.problems[0]).toMatch(problem);
    expect(report.raw).toBeDefined();
  });

  it('does not read a report whose benchmarks carry metrics under other names (a future guidellm)', () => {
    const report = parseGuidellmReport({
      benchmarks: [
        1,
        {
          config: { strategy: { type_: 'synchronous' } },
          metrics: { ttft: { mean: 12 } },
        },
      ],
    });
    expect(report.recognized).toBe(false);
    expect(report.problems).toEqual([
      'benchmark 1: 1, not a benchmark',
      'benchmark 2: none of requests_per_second, request_latency, time_to_first_token_ms, inter_token_latency_ms, output_tokens_per_second, tokens_per_second with successful requests; not a guidellm report this portal reads',
    ]);
  });
});
