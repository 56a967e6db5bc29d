import { evaluateGate } from './gate';
import { parseThresholds } from './thresholds';

const { thresholds } = parseThresholds(
  'mmlu>=75, ttft_p90<=300, requests_per_second>4',
);

describe('evaluateGate', () => {
  it.each([
    [
      'everything measured and met',
      { mmlu: 79.6, ttft_p90: 241.7, requests_per_second: 4.86 },
      'pass',
      'passes all 3 thresholds',
    ],
    [
      'one measured criterion fails',
      { mmlu: 79.6, ttft_p90: 412, requests_per_second: 4.86 },
      'fail',
      'fails: ttft_p90 412 (needs <= 300)',
    ],
    [
      'two fail',
      { mmlu: 70, ttft_p90: 396.2, requests_per_second: 2.31 },
      'fail',
      'fails: mmlu 70 (needs >= 75), ttft_p90 396.2 (needs <= 300), requests_per_second 2.31 (needs > 4)',
    ],
    [
      'one fails and one is not measured',
      { mmlu: 70, ttft_p90: 241.7 },
      'fail',
      'fails: mmlu 70 (needs >= 75); requests_per_second not measured',
    ],
    [
      'one not measured, the others met',
      { mmlu: 79.6, ttft_p90: 241.7 },
      'not-evaluated',
      '2 of 3 thresholds met; requests_per_second not measured',
    ],
    [
      'only other metrics',
      { gsm8k: 86.3 },
      'not-evaluated',
      '0 of 3 thresholds met; mmlu, ttft_p90, requests_per_second not measured',
    ],
    [
      'a NaN counts as not measured',
      { mmlu: NaN, ttft_p90: 241.7, requests_per_second: 4.86 },
      'not-evaluated',
      '2 of 3 thresholds met; mmlu not measured',
    ],
    [
      'at the bound: >= and <= hold',
      { mmlu: 75, ttft_p90: 300, requests_per_second: 4.01 },
      'pass',
      'passes all 3 thresholds',
    ],
    [
      'at the bound: > does not hold',
      { mmlu: 75, ttft_p90: 300, requests_per_second: 4 },
      'fail',
      'fails: requests_per_second 4 (needs > 4)',
    ],
    [
      'no metrics (empty)',
      {},
      'not-evaluated',
      'not evaluated yet: no evaluation results',
    ],
    [
      'no metrics (undefined)',
      undefined,
      'not-evaluated',
      'not evaluated yet: no evaluation results',
    ],
  ])('%s → %s', (_, metrics, status, summary) => {
    expect(
      evaluateGate(metrics as Record<string, number> | undefined, thresholds),
    ).toMatchObject({ status, summary });
  });

  it('passes nothing without thresholds', () => {
    expect(evaluateGate({ mmlu: 90 }, [])).toEqual({
      status: 'not-evaluated',
      checks: [],
      summary: 'no thresholds set for this model',
    });
  });

  it('gives each check its actual value and verdict', () => {
    const { checks } = evaluateGate({ mmlu: 79.6, ttft_p90: 412 }, thresholds);
    expect(checks).toEqual([
      { metric: 'mmlu', op: '>=', value: 75, actual: 79.6, passed: true },
      { metric: 'ttft_p90', op: '<=', value: 300, actual: 412, passed: false },
      { metric: 'requests_per_second', op: '>', value: 4, missing: true },
    ]);
    expect(
      evaluateGate(undefined, thresholds).checks.every(c => c.missing),
    ).toBe(true);
  });

  it('judges < and reads one threshold as a sentence', () => {
    const [itl] = parseThresholds('itl_p90<35').thresholds;
    expect(evaluateGate({ itl_p90: 34.9 }, [itl])).toMatchObject({
      status: 'pass',
      summary: 'passes its 1 threshold',
    });
    expect(evaluateGate({ itl_p90: 35 }, [itl])).toMatchObject({
      status: 'fail',
      summary: 'fails: itl_p90 35 (needs < 35)',
    });
  });

  it('does not take inherited object keys for measurements', () => {
    const [t] = parseThresholds('constructor>=1').thresholds;
    expect(evaluateGate({ mmlu: 1 }, [t]).status).toBe('not-evaluated');
  });
});
