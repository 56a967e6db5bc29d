import { readYamlFixture } from '../tekton/__testUtils__/sharedFixtures';
import { readRegistryEvaluation } from './registryEvaluation';

const double = (v: number) => ({
  metadataType: 'MetadataDoubleValue',
  double_value: v,
});
const string = (v: string) => ({
  metadataType: 'MetadataStringValue',
  string_value: v,
});
const int = (v: number) => ({
  metadataType: 'MetadataIntValue',
  int_value: String(v),
});

describe('readRegistryEvaluation', () => {
  const catalog = readYamlFixture(
    'model-registry/catalog-dev-validated-models.yaml',
  );
  const sample = catalog.models.find((m: any) =>
    (m.artifacts ?? []).some((a: any) => a.metricsType === 'accuracy-metrics'),
  );

  it('reads the metrics artifacts of the Model Catalog sample: accuracy scores and the first performance scenario', () => {
    const report = readRegistryEvaluation({ artifacts: sample.artifacts });
    expect(report.metrics).toMatchObject({
      mmlu: 75.8,
      hellaswag: 68.5,
      arc: 72.3,
      truthfulqa: 65.8,
    });
    expect(report.metrics).toMatchObject({
      ttft_mean: 85.2,
      ttft_p90: 102.5,
      e2e_p99: 10850.8,
      tps_mean: 1105.4,
      itl_p90: 27.4,
      requests_per_second: 4,
    });
    // hardware_count (an int) and mean_input_tokens are facts of the scenario, not measurements to gate on
    expect(report.metrics.hardware_count).toBeUndefined();
    expect(report.metrics.mean_input_tokens).toBeUndefined();
    expect(report.accuracy.find(a => a.task === 'mmlu')).toEqual({
      task: 'mmlu',
      metric: 'accuracy_percent',
      value: 75.8,
    });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(
      /^\d+ performance artifacts \(prod-8b-h100-2gpu-chatbot, prod-8b-h100-2gpu-rag.*\): numbers from the first$/,
    );
  });

  it('reads what the demo publish-results writes: version properties and metric artifacts agree', () => {
    const numbers = {
      mmlu: 79.6,
      arc_challenge: 68.9,
      gsm8k: 86.3,
      overall_average: 79.7,
      ttft_p90: 241.7,
      tps_mean: 1268.3,
      requests_per_second: 4.86,
    };
    const customProperties: Record<string, unknown> = {
      ...Object.fromEntries(
        Object.entries(numbers).map(([k, v]) => [k, double(v)]),
      ),
      hf_repo: string('mistralai/Mistral-Small-24B-Instruct-2501'),
      quantization: string('w4a16'),
      hardware_type: string('A100-80'),
      hardware_count: int(1),
      evaluation_run: string('model-evaluation-x7k2p'),
      lm_eval_tasks: string('mmlu,arc_challenge,hellaswag,gsm8k'),
    };
    const artifacts = [
      {
        artifactType: 'model-artifact',
        name: 'quantized-w4a16-2501',
        customProperties: {},
      },
      {
        artifactType: 'metric',
        name: 'mmlu',
        value: 79.6,
        customProperties: {
          benchmark: string('mmlu'),
          score: double(79.6),
          score_metric: string('accuracy_percent'),
          hardware_count: int(1),
        },
      },
    ];
    const report = readRegistryEvaluation({ customProperties, artifacts });
    expect(report.metrics).toEqual(numbers);
    expect(report.problems).toEqual([]);
    expect(report.accuracy.find(a => a.task === 'mmlu')).toEqual({
      task: 'mmlu',
      metric: 'accuracy_percent',
      value: 79.6,
    });
    expect(
      report.accuracy.find(a => a.task === 'overall_average'),
    ).toMatchObject({ value: 79.7, isGroup: true });
  });

  it('reads int and numeric string values of the vocabulary; the version property wins over an artifact', () => {
    const report = readRegistryEvaluation({
      customProperties: {
        ttft_p90: int(240),
        itl_mean: string('28.6'),
        hellaswag: string('84.1'),
        mmlu: double(80.1),
      },
      artifacts: [
        {
          artifactType: 'metric',
          customProperties: { benchmark: string('mmlu'), score: double(79.6) },
        },
      ],
    });
    expect(report.metrics).toEqual({
      ttft_p90: 240,
      itl_mean: 28.6,
      hellaswag: 84.1,
      mmlu: 80.1,
    });
    expect(report.problems).toEqual([]);
  });

  it('says when a value was written with camelCase keys (stored nothing) or is not a number', () => {
    const report = readRegistryEvaluation({
      customProperties: {
        ttft_p90: double(241.7),
        mmlu: { metadataType: 'MetadataDoubleValue', doubleValue: 79.6 },
        itl_mean: string('fast'),
        e2e_p90: { metadataType: 'MetadataBoolValue', bool_value: true },
        tps_mean: 1268.3,
      },
      artifacts: [
        {
          artifactType: 'metric',
          customProperties: {
            benchmark: string('gsm8k'),
            score: { metadataType: 'MetadataDoubleValue', doubleValue: 86.3 },
          },
        },
      ],
    });
    expect(report.metrics).toEqual({ ttft_p90: 241.7 });
    expect(report.problems).toEqual([
      'metric gsm8k: written as doubleValue instead of double_value: the registry stored nothing',
      'property mmlu: written as doubleValue instead of double_value: the registry stored nothing',
      'property itl_mean: "fast" is not a number',
      'property e2e_p90: true is not a number',
      'property tps_mean: 1268.3 is not a typed value',
    ]);
  });

  it('ignores keys that are not measurements, even numeric-looking ones, without a problem', () => {
    const report = readRegistryEvaluation({
      customProperties: {
        hf_revision: string('2501'),
        build_number: string('42'),
        replicas: int(3),
        team: string('ai-platform'),
        certified: { metadataType: 'MetadataBoolValue', bool_value: true },
      },
    });
    expect(report).toMatchObject({
      recognized: true,
      metrics: {},
      problems: [],
      accuracy: [],
    });
  });

  it('reads a version that was never evaluated, and garbage, as no numbers', () => {
    expect(readRegistryEvaluation({})).toMatchObject({
      source: 'model-registry',
      recognized: true,
      metrics: {},
      problems: [],
    });
    expect(readRegistryEvaluation(null as any)).toMatchObject({
      metrics: {},
      problems: [],
    });
    expect(
      readRegistryEvaluation({
        artifacts: 'x' as any,
        customProperties: [] as any,
      }).metrics,
    ).toEqual({});
  });
});
