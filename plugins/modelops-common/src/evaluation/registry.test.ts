import { readYamlFixture } from '../tekton/__testUtils__/sharedFixtures';
import { evaluateGate, parseThresholds } from './gate';
import { readRegistryEvaluation } from './registryEvaluation';
import { toRegistryCustomProperties } from './registryProperties';

describe('readRegistryEvaluation', () => {
  it('reads the metrics artifacts of the Model Catalog sample (performance and accuracy)', () => {
    const catalog = readYamlFixture('model-registry/catalog-dev-validated-models.yaml');
    const model = catalog.models.find((m: any) => (m.artifacts ?? []).some((a: any) => a.metricsType === 'accuracy-metrics'));
    const report = readRegistryEvaluation({ artifacts: model.artifacts.map((a: any) => ({ ...a, artifactType: a.artifactType })) });
    expect(report.metrics.mmlu).toBe(75.8);
    expect(report.metrics.hellaswag).toBe(68.5);
    expect(report.accuracy.find(a => a.task === 'mmlu')).toMatchObject({ metric: 'accuracy_percent', value: 75.8 });
    expect(report.metrics.ttft_p90).toBeGreaterThan(0);
    expect(report.problems).toEqual([]);
  });

  it('reads version custom properties, and says when a value was written in camelCase (stored nothing)', () => {
    const report = readRegistryEvaluation({
      customProperties: {
        ttft_p90: { metadataType: 'MetadataDoubleValue', double_value: 241.7 },
        requests_per_second: { metadataType: 'MetadataDoubleValue', double_value: 4.86 },
        mmlu: { metadataType: 'MetadataDoubleValue', doubleValue: 79.6 },
        hardware_count: { metadataType: 'MetadataIntValue', int_value: '1' },
        hf_repo: { metadataType: 'MetadataStringValue', string_value: 'mistralai/x' },
        itl_mean: { metadataType: 'MetadataStringValue', string_value: 'fast' },
      },
    });
    expect(report.metrics).toEqual({ ttft_p90: 241.7, requests_per_second: 4.86 });
    expect(report.problems).toEqual([
      'property mmlu: written with camelCase keys (doubleValue/intValue), which the registry does not store',
      'property itl_mean: "fast" is not a number',
    ]);
  });
});

describe('toRegistryCustomProperties', () => {
  it('writes typed snake_case values and leaves out what the registry would not store', () => {
    const { properties, problems } = toRegistryCustomProperties({ mmlu: 79.6, ttft_p90: 241, 'Bad-Key': 1, gsm8k: NaN }, { evaluated_by: 'eval-x' });
    expect(properties).toEqual({
      mmlu: { metadataType: 'MetadataDoubleValue', double_value: 79.6 },
      ttft_p90: { metadataType: 'MetadataDoubleValue', double_value: 241 },
      evaluated_by: { metadataType: 'MetadataStringValue', string_value: 'eval-x' },
    });
    expect(problems).toEqual(['Bad-Key: not a snake_case key; left out', 'gsm8k: NaN is not a finite number; left out']);
  });
});

describe('thresholds and the gate', () => {
  const { thresholds, problems } = parseThresholds('mmlu>=75, ttft_p90 <= 300;requests_per_second>4\n bogus, gsm8k>=high');
  it('reads thresholds and names the entries it cannot read', () => {
    expect(thresholds).toEqual([
      { metric: 'mmlu', op: '>=', value: 75 },
      { metric: 'ttft_p90', op: '<=', value: 300 },
      { metric: 'requests_per_second', op: '>', value: 4 },
    ]);
    expect(problems).toEqual(['"bogus" is not a threshold like mmlu>=75 or ttft_p90<=300', '"gsm8k>=high" is not a threshold like mmlu>=75 or ttft_p90<=300']);
  });

  it.each([
    [{ mmlu: 79.6, ttft_p90: 241.7, requests_per_second: 4.86 }, 'pass', 'passes all 3 thresholds'],
    [{ mmlu: 79.6, ttft_p90: 412, requests_per_second: 4.86 }, 'fail', 'fails: ttft_p90 412 (needs <= 300)'],
    [{ mmlu: 70, ttft_p90: 241.7 }, 'fail', 'fails: mmlu 70 (needs >= 75)'],
    [{ mmlu: 79.6, ttft_p90: 241.7 }, 'not-evaluated', '2 of 3 thresholds met; requests_per_second not measured'],
    [{}, 'not-evaluated', 'not evaluated yet: no evaluation results'],
    [undefined, 'not-evaluated', 'not evaluated yet: no evaluation results'],
  ])('judges %p as %s', (metrics, status, summary) => {
    expect(evaluateGate(metrics as Record<string, number> | undefined, thresholds)).toMatchObject({ status, summary });
  });

  it('passes nothing without thresholds', () => {
    expect(evaluateGate({ mmlu: 90 }, [])).toMatchObject({ status: 'not-evaluated', summary: 'no thresholds set for this model' });
  });
});
