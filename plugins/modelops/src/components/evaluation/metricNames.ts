/** Units and direction of the Model Catalog metric keys, for labels and comparisons. */
const PERFORMANCE = /^(ttft|itl|e2e|tpot)_(mean|p\d+)$/;

/** True for metrics where lower is better (latencies). */
export function lowerIsBetter(metric: string): boolean {
  return PERFORMANCE.test(metric);
}

/** True for accuracy metrics (benchmark scores), as opposed to serving performance. */
export function isAccuracyMetric(metric: string): boolean {
  return (
    !PERFORMANCE.test(metric) &&
    !/^(tps|tokens)_|^requests_per_second$/.test(metric)
  );
}

/** `ttft_p90` → `TTFT p90 (ms)`, `requests_per_second` → `requests/s`, `mmlu` → `mmlu (%)`. */
export function metricLabel(metric: string): string {
  const perf = /^(ttft|itl|e2e|tpot)_(mean|p\d+)$/.exec(metric);
  if (perf) return `${perf[1].toUpperCase()} ${perf[2]} (ms)`;
  if (metric === 'requests_per_second') return 'requests/s';
  if (metric === 'tps_mean') return 'output tokens/s';
  return metric;
}

/** Rounded for tables: 3 significant decimals at most. */
export function formatMetric(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return String(
    Math.abs(value) >= 100
      ? Math.round(value * 10) / 10
      : Math.round(value * 1000) / 1000,
  );
}
