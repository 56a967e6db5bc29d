import { finiteNumber } from './numbers';

/** One criterion of the evaluation gate, e.g. `mmlu >= 75`. @public */
export interface Threshold {
  metric: string;
  op: '>=' | '<=' | '>' | '<';
  value: number;
}

/** One criterion judged. @public */
export interface GateCheck extends Threshold {
  actual?: number;
  passed?: boolean;
  /** The metric was not measured. */
  missing?: boolean;
}

/** The verdict of the gate on one version. @public */
export interface GateResult {
  status: 'pass' | 'fail' | 'not-evaluated';
  checks: GateCheck[];
  /** One plain sentence. */
  summary: string;
}

const ENTRY = /^([a-z][a-z0-9_.@-]*)\s*(>=|<=|>|<)\s*(\S+)$/i;

/**
 * Reads thresholds like `mmlu>=75, ttft_p90<=300; requests_per_second>4` (comma, semicolon or
 * newline separated). Entries that do not read are named in `problems`. Never throws.
 * @public
 */
export function parseThresholds(text: string): { thresholds: Threshold[]; problems: string[] } {
  const thresholds: Threshold[] = [];
  const problems: string[] = [];
  for (const entry of String(text ?? '').split(/[,;\n]/).map(e => e.trim()).filter(Boolean)) {
    const match = ENTRY.exec(entry);
    const value = match ? finiteNumber(match[3]) : undefined;
    if (!match || value === undefined) {
      problems.push(`"${entry}" is not a threshold like mmlu>=75 or ttft_p90<=300`);
      continue;
    }
    thresholds.push({ metric: match[1], op: match[2] as Threshold['op'], value });
  }
  return { thresholds, problems };
}

function holds(actual: number, t: Threshold): boolean {
  switch (t.op) {
    case '>=':
      return actual >= t.value;
    case '<=':
      return actual <= t.value;
    case '>':
      return actual > t.value;
    default:
      return actual < t.value;
  }
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/**
 * Judges a version's metrics against thresholds: `fail` when any measured criterion fails;
 * `pass` when every criterion is measured and holds; `not-evaluated` when there are no
 * metrics, no thresholds (a gate without criteria passes nothing), or a criterion was not measured.
 * @public
 */
export function evaluateGate(metrics: Record<string, number> | undefined, thresholds: Threshold[]): GateResult {
  if (!metrics || Object.keys(metrics).length === 0) {
    return { status: 'not-evaluated', checks: thresholds.map(t => ({ ...t, missing: true })), summary: 'not evaluated yet: no evaluation results' };
  }
  if (thresholds.length === 0) {
    return { status: 'not-evaluated', checks: [], summary: 'no thresholds set for this model' };
  }
  const checks: GateCheck[] = thresholds.map(t => {
    const actual = metrics[t.metric];
    if (actual === undefined || !Number.isFinite(actual)) return { ...t, missing: true };
    return { ...t, actual, passed: holds(actual, t) };
  });
  const failed = checks.filter(c => c.passed === false);
  const missing = checks.filter(c => c.missing);
  if (failed.length) {
    return { status: 'fail', checks, summary: `fails: ${failed.map(c => `${c.metric} ${fmt(c.actual!)} (needs ${c.op} ${fmt(c.value)})`).join(', ')}` };
  }
  if (missing.length) {
    return {
      status: 'not-evaluated',
      checks,
      summary: `${checks.length - missing.length} of ${checks.length} thresholds met; ${missing.map(c => c.metric).join(', ')} not measured`,
    };
  }
  return { status: 'pass', checks, summary: `passes all ${checks.length} thresholds` };
}
