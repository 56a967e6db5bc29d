import { parseThresholds } from './thresholds';

describe('parseThresholds', () => {
  it('reads comma, semicolon and newline separated criteria, with or without spaces', () => {
    expect(
      parseThresholds(
        'mmlu>=75, ttft_p90 <= 300;requests_per_second>4\n  itl_p90 < 40.5 ,e2e_p99<=1e4',
      ),
    ).toEqual({
      thresholds: [
        { metric: 'mmlu', op: '>=', value: 75 },
        { metric: 'ttft_p90', op: '<=', value: 300 },
        { metric: 'requests_per_second', op: '>', value: 4 },
        { metric: 'itl_p90', op: '<', value: 40.5 },
        { metric: 'e2e_p99', op: '<=', value: 10000 },
      ],
      problems: [],
    });
  });

  it('names each entry it cannot read and keeps the others', () => {
    const { thresholds, problems } = parseThresholds(
      'mmlu>=75, bogus, gsm8k>=high; ttft_p90<=300ms; mmlu=>70; >=5; arc == 60',
    );
    expect(thresholds).toEqual([{ metric: 'mmlu', op: '>=', value: 75 }]);
    expect(problems).toEqual(
      [
        'bogus',
        'gsm8k>=high',
        'ttft_p90<=300ms',
        'mmlu=>70',
        '>=5',
        'arc == 60',
      ].map(e => `"${e}" is not a threshold like mmlu>=75 or ttft_p90<=300`),
    );
  });

  it('reads nothing from empty text or garbage, without throwing', () => {
    expect(parseThresholds('')).toEqual({ thresholds: [], problems: [] });
    expect(parseThresholds(' ,; \n')).toEqual({ thresholds: [], problems: [] });
    expect(parseThresholds(undefined as any)).toEqual({
      thresholds: [],
      problems: [],
    });
    expect(parseThresholds(42 as any)).toEqual({
      thresholds: [],
      problems: [],
    });
  });
});
