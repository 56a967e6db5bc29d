/*
 * The diagnosis corpus: realistic failed and healthy runs (ModelCar and evaluation,
 * tekton.dev/v1 and v1beta1, recorded upstream objects), each with the cause a person
 * found. Asserts every case and prints the figures docs/BENCHMARKS.md reports.
 */
import { diagnosePipelineRun } from './diagnose';
import { loadCorpus } from './__testUtils__/loadCorpus';

const corpus = loadCorpus();
const results = corpus.map(c => {
  const diagnosis = diagnosePipelineRun(c.pipelineRun, c.taskRuns, c.pods, {
    logs: c.logs,
    events: c.events,
    cluster: 'corpus',
  });
  return { ...c, got: diagnosis?.code ?? 'none', diagnosis };
});

afterAll(() => {
  const failures = results.filter(r => r.expected !== 'none');
  const healthy = results.filter(r => r.expected === 'none');
  const right = failures.filter(r => r.got === r.expected).length;
  const unknown = failures.filter(r => r.got === 'unknown').length;
  const falseAlarms = healthy.filter(r => r.got !== 'none').length;
  const classes = new Set(failures.map(r => r.expected)).size;
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
  process.stdout.write(
    `diagnosis corpus: ${results.length} runs (${failures.length} failed, ${
      healthy.length
    } healthy), ${classes} cause classes; right cause ${right}/${
      failures.length
    } (${pct(right, failures.length)}), unknown ${unknown}/${
      failures.length
    } (${pct(unknown, failures.length)}), false alarms ${falseAlarms}/${
      healthy.length
    }\n`,
  );
});

describe('diagnosis corpus', () => {
  it('holds at least 60 runs, healthy ones, and both Tekton API versions', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(
      corpus.filter(c => c.expected === 'none').length,
    ).toBeGreaterThanOrEqual(8);
    const versions = new Set(
      corpus
        .map(c => (c.pipelineRun as { apiVersion?: string }).apiVersion)
        .filter(Boolean),
    );
    expect(versions).toEqual(new Set(['tekton.dev/v1', 'tekton.dev/v1beta1']));
  });

  it.each(results.map(r => [r.name, r] as const))('%s', (_, r) => {
    expect({ case: r.name, cause: r.got }).toEqual({
      case: r.name,
      cause: r.expected,
    });
    const hasEvidence =
      r.expected === 'none' || (r.diagnosis?.evidence.length ?? 0) > 0;
    expect(hasEvidence).toBe(true);
  });
});
