import fs from 'node:fs';
import { fixturePath } from '../tekton/__testUtils__/sharedFixtures';
import { readPipelineRunEvaluation } from './pipelineRunEvaluation';

const fixture = (relative: string) =>
  fs.readFileSync(fixturePath(`evaluation/${relative}`), 'utf8');

describe('readPipelineRunEvaluation', () => {
  it('reads the results of run-lm-eval (percent) and run-guidellm (ms) as the demo evaluation run writes them', () => {
    const report = readPipelineRunEvaluation([
      { name: 'mmlu', value: '79.6' },
      { name: 'arc_challenge', value: '68.9' },
      { name: 'overall_average', value: '79.7' },
      { name: 'ttft_p90', value: '241.7' },
      { name: 'itl_mean', value: '28.6' },
      { name: 'requests_per_second', value: '4.86' },
      { name: 'MODEL_VERSION_ID', value: '7' },
      { name: 'IMAGE_DIGEST', value: 'sha256:abc' },
    ]);
    expect(report).toMatchObject({
      source: 'pipelinerun',
      recognized: true,
      problems: [],
    });
    expect(report.metrics).toEqual({
      mmlu: 79.6,
      arc_challenge: 68.9,
      overall_average: 79.7,
      ttft_p90: 241.7,
      itl_mean: 28.6,
      requests_per_second: 4.86,
    });
    expect(report.accuracy.map(a => a.task)).toEqual([
      'mmlu',
      'arc_challenge',
      'overall_average',
    ]);
  });

  it('reads whole lm-eval results and guidellm reports given as a result', () => {
    const report = readPipelineRunEvaluation([
      {
        name: 'results',
        value: fixture('lm-eval/results_hf-qwen2.5-7b_2025-03-18.json'),
      },
      {
        name: 'guidellm-report',
        value: JSON.parse(fixture('guidellm/benchmarks_stripped.json')),
      },
    ]);
    expect(report.metrics).toMatchObject({
      arc_challenge: 51.1092,
      hellaswag: 78.9484,
      ttft_p90: 18.5053,
      requests_per_second: 1.5482,
    });
    expect(report.performance).toHaveLength(1);
    expect(report.accuracy.length).toBeGreaterThan(15);
    expect(report.problems).toEqual([]);
  });

  it('says which numbers are missing and why, and ignores text results that are not measurements', () => {
    const report = readPipelineRunEvaluation([
      { name: 'gsm8k', value: 'nan' },
      { name: 'ttft_p90', value: '$(tasks.run-guidellm.results.ttft_p90)' },
      { name: 'itl_mean', value: '' },
      { name: 'tps_mean', value: 'fast' },
      { name: 'summary', value: 'all tasks done' },
      { name: 'report', value: '{"neither": "format"}' },
      { name: 'mmlu', value: '79.6\n' },
    ]);
    expect(report.metrics).toEqual({ mmlu: 79.6 });
    expect(report.problems).toEqual([
      'gsm8k is nan, not a number',
      'ttft_p90: not written (the task did not produce it)',
      'itl_mean is empty, not a number',
      'tps_mean is "fast", not a number',
      'report: neither lm-eval results nor a guidellm report',
    ]);
  });

  it('is not recognized without any number, and does not throw on garbage', () => {
    expect(readPipelineRunEvaluation([])).toMatchObject({
      recognized: false,
      metrics: {},
      problems: [],
    });
    expect(
      readPipelineRunEvaluation([
        null as any,
        { name: 42 } as any,
        { name: 'mmlu', value: null },
      ]).recognized,
    ).toBe(false);
    expect(readPipelineRunEvaluation('x' as any).problems).toEqual([
      '"x" is not a list of results',
    ]);
  });
});
