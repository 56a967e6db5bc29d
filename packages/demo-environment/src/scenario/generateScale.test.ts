import { generateScale } from './generateScale';

describe('generateScale', () => {
  it('gives 4 TaskRuns per PipelineRun on average, spread over the models', () => {
    const data = generateScale({
      runs: 500,
      models: 50,
      now: Date.parse('2026-11-24T12:00:00Z'),
    });
    expect(data.counts).toEqual({
      pipelineRuns: 500,
      taskRuns: 2000,
      models: 50,
      versions: 100,
    });
    expect(data.objects.filter(o => o.kind === 'PipelineRun')).toHaveLength(
      500,
    );
    const first = data.entities[0];
    const ofFirst = data.objects.filter(
      o =>
        o.kind === 'PipelineRun' &&
        o.metadata.labels?.['backstage.io/kubernetes-id'] === first,
    );
    expect(ofFirst).toHaveLength(10);
    const names = new Set(
      data.objects.map(o => `${o.kind}/${o.metadata.name}`),
    );
    expect(names.size).toBe(data.objects.length);
  });

  it('rejects nonsense sizes with a clear message', () => {
    expect(() => generateScale({ runs: -1, models: 5 })).toThrow(
      'runs must be a whole number >= 0, got -1',
    );
    expect(() => generateScale({ runs: 5, models: 0 })).toThrow(
      'models must be a whole number >= 1, got 0',
    );
  });
});
