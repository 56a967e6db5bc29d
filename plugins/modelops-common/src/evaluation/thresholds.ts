import { finiteNumber } from './numbers';

/** One criterion of the evaluation gate, e.g. `mmlu >= 75`. @public */
export interface Threshold {
  /** A flat metric key: a benchmark (`mmlu`, percent) or a performance key (`ttft_p90`, ms). */
  metric: string;
  op: '>=' | '<=' | '>' | '<';
  value: number;
}

const ENTRY = /^([A-Za-z][A-Za-z0-9_.@-]*)\s*(>=|<=|>|<)\s*(\S+)$/;

/**
 * Reads gate criteria like `mmlu>=75, ttft_p90<=300; requests_per_second>4`: entries separated
 * by commas, semicolons or newlines, spaces allowed around the operator. Values are plain numbers
 * in the metric's own unit (percent for benchmarks, ms for latencies): `300ms`, `75%` or `=>`
 * are not read, and each entry that does not read is named in `problems`. Never throws.
 * @public
 */
export function parseThresholds(text: string): {
  thresholds: Threshold[];
  problems: string[];
} {
  const thresholds: Threshold[] = [];
  const problems: string[] = [];
  const entries = typeof text === 'string' ? text.split(/[,;\n]/) : [];
  for (const entry of entries.map(e => e.trim()).filter(Boolean)) {
    const match = ENTRY.exec(entry);
    const value = match ? finiteNumber(match[3]) : undefined;
    if (!match || value === undefined) {
      problems.push(
        `"${entry}" is not a threshold like mmlu>=75 or ttft_p90<=300`,
      );
      continue;
    }
    thresholds.push({
      metric: match[1],
      op: match[2] as Threshold['op'],
      value,
    });
  }
  return { thresholds, problems };
}
