import { toRegistryCustomProperties } from './registryProperties';

describe('toRegistryCustomProperties', () => {
  it('writes metrics as snake_case MetadataDoubleValues, whole numbers too, and extra text as strings', () => {
    const { properties, problems } = toRegistryCustomProperties(
      { mmlu: 79.6, ttft_p90: 241, requests_per_second: 4.86 },
      { evaluation_run: 'model-evaluation-x7k2p' },
    );
    expect(properties).toEqual({
      mmlu: { metadataType: 'MetadataDoubleValue', double_value: 79.6 },
      ttft_p90: { metadataType: 'MetadataDoubleValue', double_value: 241 },
      requests_per_second: {
        metadataType: 'MetadataDoubleValue',
        double_value: 4.86,
      },
      evaluation_run: {
        metadataType: 'MetadataStringValue',
        string_value: 'model-evaluation-x7k2p',
      },
    });
    expect(problems).toEqual([]);
    // camelCase value keys are accepted by the registry and store nothing
    expect(JSON.stringify(properties)).not.toMatch(
      /doubleValue|stringValue|intValue/,
    );
  });

  it('leaves out what the registry would not store usefully, naming each key', () => {
    const { properties, problems } = toRegistryCustomProperties(
      {
        mmlu: 79.6,
        gsm8k: NaN,
        e2e_p99: Infinity,
        'Bad-Key': 1,
        '9lives': 2,
        itl_mean: '28.6' as any,
      },
      { notes: 3 as any, mmlu: 'shadow', 'run name': 'x' },
    );
    expect(Object.keys(properties)).toEqual(['mmlu']);
    expect(problems).toEqual([
      'gsm8k: NaN is not a finite number; left out',
      'e2e_p99: Infinity is not a finite number; left out',
      'Bad-Key: not a snake_case key (a-z, 0-9, _); left out',
      '9lives: not a snake_case key (a-z, 0-9, _); left out',
      'itl_mean: "28.6" is not a finite number; left out',
      'notes: 3 is not a string; left out',
      'mmlu: both a metric and an extra value; the metric is kept',
      'run name: not a snake_case key (a-z, 0-9, _); left out',
    ]);
  });
});
