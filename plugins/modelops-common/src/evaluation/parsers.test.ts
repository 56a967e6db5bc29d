import fs from 'node:fs';
import { fixturePath, listFixtures, readYamlFixture } from '../tekton/__testUtils__/sharedFixtures';
import { parseGuidellmReport } from './guidellmReport';
import { parseLmEvalJob } from './lmEvalJob';
import { parseLmEvalResults } from './lmEvalResults';
import { readPipelineRunEvaluation } from './pipelineRunEvaluation';

const text = (relative: string) => fs.readFileSync(fixturePath(relative), 'utf8');
const json = (relative: string) => JSON.parse(text(relative));

describe('parseLmEvalResults on every lm-evaluation-harness fixture', () => {
  it.each(listFixtures('evaluation/lm-eval', ['.json']))('reads %s without throwing', file => {
    const report = parseLmEvalResults(json(file));
    expect(report.recognized).toBe(true);
    expect(report.accuracy.length).toBeGreaterThan(0);
    expect(Object.keys(report.metrics).length).toBeGreaterThan(0);
  });

  it('reads qwen2.5-7b: arc_challenge acc_norm as the headline in percent, with stderr, n-shot and samples', () => {
    const report = parseLmEvalResults(json('evaluation/lm-eval/results_hf-qwen2.5-7b_2025-03-18.json'));
    expect(report.metrics.arc_challenge).toBe(51.1092);
    expect(report.metrics.arc_easy).toBe(77.399);
    const acc = report.accuracy.find(a => a.task === 'arc_challenge' && a.metric === 'acc')!;
    expect(acc.value).toBeCloseTo(0.4786689, 6);
    expect(acc.stderr).toBeCloseTo(0.0145981, 6);
    expect(acc).toMatchObject({ filter: 'none', nShot: 0, higherIsBetter: true, samples: 1172 });
    expect(report.model).toBe('qwen/qwen2.5-7B');
  });

  it('reads the groups of qwen2.5-7b mmlu: the group and its subtasks', () => {
    const report = parseLmEvalResults(json('evaluation/lm-eval/results_hf-qwen2.5-7b-groups_2025-03-06.json'));
    expect(report.metrics.mmlu).toBe(74.1917);
    expect(report.accuracy.find(a => a.task === 'mmlu' && a.metric === 'acc')?.isGroup).toBe(true);
    expect(report.accuracy.find(a => a.task === 'mmlu_world_religions')?.group).toBe('mmlu_humanities');
  });

  it('reads gpt-4o-mini exact_match with its xml-extract filter and the harness version', () => {
    const report = parseLmEvalResults(json('evaluation/lm-eval/results_openai-chat-gpt-4o-mini_2025-06-30.json'));
    expect(report.formatVersion).toBe('0.4.8');
    expect(report.metrics.battery_electrolyte_qa).toBe(35);
    expect(report.accuracy.find(a => a.task === 'battery_electrolyte_qa')).toMatchObject({ metric: 'exact_match', filter: 'xml-extract' });
    expect(report.date).toMatch(/^2025-06-30T/);
  });

  it('keeps non-fraction scores on their own scale and reports "N/A" stderr as missing', () => {
    const qwen3 = parseLmEvalResults(json('evaluation/lm-eval/results_vllm-qwen3-8b_2025-12-17.json'));
    expect(qwen3.metrics.nl2foam_llm_judge_formatted).toBe(36.292);
    const unitxt = parseLmEvalResults(json('evaluation/lm-eval/lm-eval-results-unitxt-tr_0-flan-t5.json'));
    expect(unitxt.metrics.tr_0).toBe(50);
    expect(unitxt.accuracy.find(a => a.metric === 'accuracy')?.stderr).toBeUndefined();
  });

  it('reads a bare results fragment (toxigen)', () => {
    const report = parseLmEvalResults(json('evaluation/lm-eval/lm-eval-results-fragment-toxigen.json'));
    expect(report.metrics.toxigen).toBe(43.1915);
    expect(report.accuracy).toHaveLength(2);
  });

  it.each([null, 42, 'not json', '[]', { results: 'x' }, { hello: 'world' }, []])('degrades %p to raw data with a reason', input => {
    const report = parseLmEvalResults(input);
    expect(report.recognized).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
  });

  it('names NaN and missing values instead of inventing numbers', () => {
    const report = parseLmEvalResults({ results: { mmlu: { 'acc,none': NaN, 'acc_stderr,none': 0.1 }, gsm8k: { 'exact_match,strict-match': 'N/A', 'exact_match,flexible-extract': 0.5 } } });
    expect(report.problems).toEqual(['mmlu: acc is null, not a number', 'gsm8k: exact_match (strict-match) is "N/A", not a number']);
    expect(report.metrics).toEqual({ gsm8k: 50 });
  });

  it('reads 10,000 tasks quickly', () => {
    const results = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`task_${i}`, { 'acc,none': 0.5, 'acc_stderr,none': 0.01, alias: `task_${i}` }]));
    const start = Date.now();
    const report = parseLmEvalResults({ results });
    expect(Object.keys(report.metrics)).toHaveLength(10_000);
    expect(Date.now() - start).toBeLessThan(3000);
  });
});

describe('parseGuidellmReport', () => {
  it('reads the JSON and YAML reports to the same numbers, which agree with guidellm\'s own console table', () => {
    const fromJson = parseGuidellmReport(text('evaluation/guidellm/benchmarks_stripped.json'));
    const fromYaml = parseGuidellmReport(text('evaluation/guidellm/benchmarks_stripped.yaml'));
    expect(fromYaml.metrics).toEqual(fromJson.metrics);
    expect(fromJson.recognized).toBe(true);
    const [sync] = fromJson.performance;
    // Console: synchronous | 1.55 req/s | 198.1 out tok/s | 992.7 tot tok/s | latency 0.64 0.64 0.69 s | TTFT 16.8 16.4 21.3 | ITL 4.9 4.9 5.3
    expect(sync.strategy).toBe('synchronous');
    expect(sync.requestsPerSecond!.toFixed(2)).toBe('1.55');
    expect(sync.outputTokensPerSecond!.toFixed(1)).toBe('198.1');
    expect(sync.tokensPerSecond!.toFixed(1)).toBe('992.7');
    expect((sync.requestLatencyMs.mean! / 1000).toFixed(2)).toBe('0.64');
    expect((sync.requestLatencyMs.p99! / 1000).toFixed(2)).toBe('0.69');
    expect(sync.ttftMs.mean!.toFixed(1)).toBe('16.8');
    expect(sync.ttftMs.median!.toFixed(1)).toBe('16.4');
    expect(sync.ttftMs.p99!.toFixed(1)).toBe('21.3');
    expect(sync.itlMs.p99!.toFixed(1)).toBe('5.3');
    expect(sync.requests).toEqual({ successful: 46, errored: 0, incomplete: 1 });
    expect(fromJson.metrics).toMatchObject({ ttft_p90: 18.5053, requests_per_second: 1.5482, tps_mean: 198.1335 });
    expect(fromJson.model).toBe('example_model');
  });

  it.each([null, 'key: [unclosed', { benchmarks: 'x' }, { something: 'else' }, { benchmarks: [1, { args: {} }] }])('degrades %p without throwing', input => {
    const report = parseGuidellmReport(input);
    expect(report.recognized).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
  });
});

describe('parseLmEvalJob on the TrustyAI fixtures', () => {
  it.each(listFixtures('evaluation/trustyai', ['.yaml']).filter(f => !f.includes('crd')))('reads %s without throwing', file => {
    const job = parseLmEvalJob(readYamlFixture(file));
    expect(job.name).toBeTruthy();
  });

  it('reads the completed job and says its placeholder results cannot be read', () => {
    const job = parseLmEvalJob(readYamlFixture('evaluation/trustyai/trustyai-lmevaljob-complete.yaml'));
    expect(job).toMatchObject({ name: 'lmeval-test', state: 'Complete', reason: 'Succeeded', message: 'job completed', completedAt: '2025-02-06T18:31:20Z' });
    expect(job.problems[0]).toMatch(/^status.results could not be read: not JSON/);
  });

  it('reads real results in status.results', () => {
    const results = text('evaluation/lm-eval/lm-eval-results-fragment-toxigen.json');
    const job = parseLmEvalJob({ metadata: { name: 'tox' }, status: { state: 'Complete', results } });
    expect(job.report?.metrics.toxigen).toBe(43.1915);
    expect(job.problems).toEqual([]);
  });
});

describe('readPipelineRunEvaluation', () => {
  it('reads one number per task result and whole reports given as a result', () => {
    const report = readPipelineRunEvaluation([
      { name: 'mmlu', value: '79.6' },
      { name: 'ttft_p90', value: '241.7' },
      { name: 'gsm8k', value: 'nan' },
      { name: 'guidellm-report', value: text('evaluation/guidellm/benchmarks_stripped.json') },
    ]);
    expect(report.metrics).toMatchObject({ mmlu: 79.6, ttft_p90: 18.5053, requests_per_second: 1.5482 });
    expect(report.problems).toEqual(['gsm8k is nan, not a number']);
  });
});
