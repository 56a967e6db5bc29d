import { Threshold } from './thresholds';

/** One criterion judged. @public */
export interface GateCheck extends Threshold {
  /** The measured value, when measured. */
  actual?: number;
  passed?: boolean;
  /** The metric was not measured. */
  missing?: boolean;
}

/** The verdict of the gate on one version. @public */
export interface GateResult {
  status: 'pass' | 'fail' | 'not-evaluated';
  checks: GateCheck[];
  /** One plain sentence, e.g. `fails: ttft_p90 412 (needs <= 300)`. */
  summary: string;
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

const format = (n: number) => String(Math.round(n * 100) / 100);

/**
 * Judges a version's flat metrics against thresholds:
 *
 * - no metrics at all (undefined or empty): `not-evaluated`, "not evaluated yet: no evaluation results";
 * - no thresholds: `not-evaluated`, "no thresholds set for this model" (a gate without criteria passes nothing);
 * - any measured criterion fails: `fail`, e.g. "fails: ttft_p90 412 (needs <= 300)", naming unmeasured ones too;
 * - otherwise a criterion not measured: `not-evaluated`, e.g. "2 of 3 thresholds met; ttft_p90 not measured";
 * - otherwise `pass`, "passes all 3 thresholds".
 *
 * NaN and Infinity count as not measured.
 * @public
 */
export function evaluateGate(
  metrics: Record<string, number> | undefined,
  thresholds: Threshold[],
): GateResult {
  const criteria = Array.isArray(thresholds) ? thresholds : [];
  if (!metrics || Object.keys(metrics).length === 0) {
    return {
      status: 'not-evaluated',
      checks: criteria.map(t => ({ ...t, missing: true })),
      summary: 'not evaluated yet: no evaluation results',
    };
  }
  if (criteria.length === 0)
    return {
      status: 'not-evaluated',
      checks: [],
      summary: 'no thresholds set for this model',
    };
  const checks: GateCheck[] = criteria.map(t => {
    const actual = Object.prototype.hasOwnProperty.call(metrics, t.metric)
      ? metrics[t.metric]
      : undefined;
    if (typeof actual !== 'number' || !Number.isFinite(actual))
      return { ...t, missing: true };
    return { ...t, actual, passed: holds(actual, t) };
  });
  const failed = checks.filter(c => c.passed === false);
  const missing = checks.filter(c => c.missing);
  const notMeasured = `${missing.map(c => c.metric).join(', ')} not measured`;
  if (failed.length) {
    const fails = failed
      .map(
        c =>
          `${c.metric} ${format(c.actual!)} (needs ${c.op} ${format(c.value)})`,
      )
      .join(', ');
    return {
      status: 'fail',
      checks,
      summary: `fails: ${fails}${missing.length ? `; ${notMeasured}` : ''}`,
    };
  }
  if (missing.length) {
    return {
      status: 'not-evaluated',
      checks,
      summary: `${checks.length - missing.length} of ${
        checks.length
      } thresholds met; ${notMeasured}`,
    };
  }
  return {
    status: 'pass',
    checks,
    summary:
      checks.length === 1
        ? 'passes its 1 threshold'
        : `passes all ${checks.length} thresholds`,
  };
}
