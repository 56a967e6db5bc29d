import fs from 'node:fs';
import {
  fixturePath,
  listFixtures,
} from '../tekton/__testUtils__/sharedFixtures';
import { parseLmEvalResults } from './lmEvalResults';

const text = (name: string) =>
  fs.readFileSync(fixturePath(`evaluation/lm-eval/${name}`), 'utf8');
const read = (name: string) => parseLmEvalResults(JSON.parse(text(name)));
const entry = (
  report: ReturnType<typeof parseLmEvalResults>,
  task: string,
  metric: string,
) => report.accuracy.find(a => a.task === task && a.metric === metric);

describe('parseLmEvalResults', () => {
  it.each(listFixtures('evaluation/lm-eval', ['.json']))(
    'reads %s, as an object and as its JSON text alike',
    file => {
      const fromText = parseLmEvalResults(
        fs.readFileSync(fixturePath(file), 'utf8'),
      );
      expect(fromText.recognized).toBe(true);
      expect(fromText.problems).toEqual([]);
      expect(Object.keys(fromText.metrics).length).toBeGreaterThan(0);
      expect(
        parseLmEvalResults(
          JSON.parse(fs.readFileSync(fixturePath(file), 'utf8')),
        ),
      ).toEqual(fromText);
    },
  );

  it('gpt2 (2024): beep acc 0.5192 shows as 51.92 %, with stderr, n-shot, samples, model and date', () => {
    const report = read('results_hf-gpt2_2024-09-30.json');
    expect(report.metrics).toEqual({ beep: 51.9178 });
    expect(entry(report, 'beep', 'acc')).toEqual({
      task: 'beep',
      metric: 'acc',
      filter: 'none',
      value: 0.5191780821917809,
      stderr: 0.009247689843527664,
      nShot: 0,
      higherIsBetter: true,
      samples: 2920,
      isGroup: false,
    });
    expect(report.model).toBe('gpt2');
    expect(report.date).toBe('2024-09-30T11:29:08.169Z');
    expect(report.formatVersion).toBeUndefined(); // this harness version did not write lm_eval_version
  });

  it('qwen2.5-7b: acc_norm is the headline when there is one, even below acc; mcc keeps its own scale', () => {
    const report = read('results_hf-qwen2.5-7b_2025-03-18.json');
    expect(report.metrics.arc_challenge).toBe(51.1092); // acc_norm 0.5111 (acc is 0.4787)
    expect(report.metrics.arc_easy).toBe(77.399); // acc_norm 0.7740 (acc is 0.8043)
    expect(report.metrics.hellaswag).toBe(78.9484);
    expect(report.metrics.cola).toBeCloseTo(0.261056, 6); // mcc, not a share of right answers
    expect(entry(report, 'arc_challenge', 'acc')).toMatchObject({
      value: 0.4786689419795222,
      stderr: 0.014598087973127106,
      samples: 1172,
    });
    expect(report.model).toBe('qwen/qwen2.5-7B');
    expect(Object.keys(report.metrics)).toHaveLength(15);
  });

  it('qwen2.5-7b mmlu with groups: one entry per group, groups marked, subtasks know their group', () => {
    const report = read('results_hf-qwen2.5-7b-groups_2025-03-06.json');
    expect(report.metrics.mmlu).toBe(74.1917);
    expect(report.metrics.mmlu_humanities).toBe(67.9065);
    expect(report.metrics.mmlu_formal_logic).toBe(54.7619);
    expect(report.accuracy.filter(a => a.task === 'mmlu')).toHaveLength(1);
    expect(entry(report, 'mmlu', 'acc')).toMatchObject({
      isGroup: true,
      nShot: 0,
    });
    expect(entry(report, 'mmlu_humanities', 'acc')).toMatchObject({
      isGroup: true,
      group: 'mmlu',
    });
    expect(entry(report, 'mmlu_formal_logic', 'acc')).toMatchObject({
      isGroup: false,
      group: 'mmlu_humanities',
      samples: 126,
    });
    expect(report.model).toBe('Qwen/Qwen2.5-7B');
  });

  it('llama-2-13b (mid-2024 schema): the steer group and its subtasks', () => {
    const report = read('results_hf-llama-2-13b-groups_2024-06-03.json');
    expect(report.metrics).toMatchObject({
      steer: 37.3883,
      steer2: 66.9633,
      steer9: 14.4444,
    });
    expect(entry(report, 'steer', 'acc')?.isGroup).toBe(true);
    expect(entry(report, 'steer2', 'acc')).toMatchObject({
      group: 'steer',
      samples: 8766,
    });
    expect(report.model).toBe(
      '/data/public_models/huggingface/meta-llama/Llama-2-13b-hf',
    );
  });

  it('gpt-4o-mini (lm-eval 0.4.8): exact_match with its only filter, and mae (lower is better) unscaled', () => {
    const report = read('results_openai-chat-gpt-4o-mini_2025-06-30.json');
    expect(report.formatVersion).toBe('0.4.8');
    expect(report.metrics.battery_electrolyte_qa).toBe(35);
    expect(
      entry(report, 'battery_electrolyte_qa', 'exact_match'),
    ).toMatchObject({ filter: 'xml-extract', samples: 20 });
    expect(report.metrics.pxrd_lattice_prediction).toBeCloseTo(3.7604, 4);
    expect(
      entry(report, 'pxrd_lattice_prediction', 'mae')?.higherIsBetter,
    ).toBe(false);
    expect(report.model).toBe('gpt-4o-mini');
    expect(report.date).toBe('2025-06-30T23:43:22.390Z');
  });

  it('gemma-2b (lm-eval 0.4.10.dev0): model from model_args given as an object; f1 in percent; "N/A" stderr left out', () => {
    const report = read('results_vllm-gemma-2b_2026-01-16.json');
    expect(report.formatVersion).toBe('0.4.10.dev0');
    expect(report.model).toBe('google/gemma-2b');
    expect(report.metrics.masakhaner_luo_prompt_1).toBe(6.5627);
    expect(entry(report, 'masakhaner_luo_prompt_1', 'f1')).toMatchObject({
      filter: 'flexible-extract',
      value: 0.0656270305392884,
    });
    expect(
      entry(report, 'masakhaner_luo_prompt_1', 'f1')?.stderr,
    ).toBeUndefined();
  });

  it('qwen3-8b (lm-eval 0.4.9.2): empty model_name falls back to model_args; llm_judge and bleu keep their scale', () => {
    const report = read('results_vllm-qwen3-8b_2025-12-17.json');
    expect(report.formatVersion).toBe('0.4.9.2');
    expect(report.model).toBe('Qwen/Qwen3-8B');
    expect(report.metrics.nl2foam_llm_judge_formatted).toBe(36.292);
    expect(report.metrics.nl2foam_gen_formatted).toBeCloseTo(0.26964, 5); // bleu: first metric, not × 100
  });

  it('unitxt (TrustyAI tutorial): accuracy 0.5 → 50, effective samples, no stderr from "N/A"', () => {
    const report = read('lm-eval-results-unitxt-tr_0-flan-t5.json');
    expect(report.metrics).toEqual({ tr_0: 50 });
    expect(entry(report, 'tr_0', 'accuracy')).toMatchObject({
      value: 0.5,
      samples: 10,
      higherIsBetter: true,
    });
    expect(entry(report, 'tr_0', 'accuracy')?.stderr).toBeUndefined();
    expect(entry(report, 'tr_0', 'f1_macro')?.value).toBeCloseTo(0.3333, 4);
    expect(report.model).toBe('hf_home/flan-t5-base');
  });

  it('a bare results fragment (toxigen, TrustyAI docs): acc_norm 0.4319 → 43.19', () => {
    const report = read('lm-eval-results-fragment-toxigen.json');
    expect(report.recognized).toBe(true);
    expect(report.metrics).toEqual({ toxigen: 43.1915 });
    expect(entry(report, 'toxigen', 'acc')).toMatchObject({
      value: 0.41702127659574467,
      stderr: 0.016090615719426056,
    });
    expect(report.accuracy).toHaveLength(2); // alias is not a metric
    expect(report.model).toBeUndefined();
    expect(report.date).toBeUndefined();
  });

  describe('when values are not numbers', () => {
    it('names NaN, "N/A" and null values instead of inventing numbers', () => {
      const report = parseLmEvalResults({
        results: {
          mmlu: { 'acc,none': NaN, 'acc_stderr,none': 0.1, alias: 'mmlu' },
          gsm8k: {
            'exact_match,strict-match': 'N/A',
            'exact_match,flexible-extract': 0.5,
          },
          arc_easy: { 'acc,none': null },
        },
      });
      expect(report.problems).toEqual([
        'mmlu: acc is NaN',
        'gsm8k: exact_match (strict-match) is "N/A"',
        'arc_easy: acc is null',
      ]);
      expect(report.metrics).toEqual({ gsm8k: 50 });
      expect(entry(report, 'mmlu', 'acc')).toMatchObject({
        value: null,
        stderr: 0.1,
      });
      expect(report.recognized).toBe(true);
    });

    it('reads the bare NaN and Infinity Python writes into JSON', () => {
      const report = parseLmEvalResults(
        '{"results": {"mmlu": {"acc,none": NaN, "acc_stderr,none": Infinity}, "piqa": {"acc,none": 0.8}}}',
      );
      expect(report.recognized).toBe(true);
      expect(report.problems).toEqual(['mmlu: acc is NaN']);
      expect(report.metrics).toEqual({ piqa: 80 });
    });

    it('prefers strict-match, then none, then the first other filter', () => {
      const report = parseLmEvalResults({
        results: {
          gsm8k: {
            'exact_match,flexible-extract': 0.9,
            'exact_match,strict-match': 0.8,
            'exact_match,none': 0.7,
          },
          gsm8k_cot: {
            'exact_match,flexible-extract': 0.6,
            'exact_match,none': 0.5,
          },
          drop: {
            'exact_match,get-answer': 0.4,
            'exact_match,flexible-extract': 0.3,
          },
        },
      });
      expect(report.metrics).toEqual({ gsm8k: 80, gsm8k_cot: 50, drop: 40 });
    });

    it('keeps accuracy-like values already above 1 as they are (a task that reports percent)', () => {
      expect(
        parseLmEvalResults({ results: { custom: { 'acc,none': 71.5 } } })
          .metrics,
      ).toEqual({ custom: 71.5 });
    });

    it('reads the lm-eval 0.3 results without filters', () => {
      const report = parseLmEvalResults({
        results: {
          hellaswag: {
            acc: 0.56,
            acc_stderr: 0.005,
            acc_norm: 0.73,
            acc_norm_stderr: 0.004,
          },
        },
        versions: { hellaswag: 0 },
      });
      expect(report.metrics).toEqual({ hellaswag: 73 });
      expect(entry(report, 'hellaswag', 'acc')).toMatchObject({
        value: 0.56,
        stderr: 0.005,
      });
      expect(entry(report, 'hellaswag', 'acc')?.filter).toBeUndefined();
    });
  });

  it.each([
    [null, 'null is not an lm-evaluation-harness results object'],
    [42, '42 is not an lm-evaluation-harness results object'],
    [[], 'a list is not an lm-evaluation-harness results object'],
    ['not json', /^not JSON: /],
    ['[]', 'a list is not an lm-evaluation-harness results object'],
    [{ results: 'x' }, '"results" is "x", not an object of tasks'],
    [{ results: {} }, '"results" is empty: no task was evaluated'],
    [
      { hello: 'world' },
      'no "results" in this document: not an lm-evaluation-harness results file',
    ],
    [
      { benchmarks: [] },
      'no "results" in this document: not an lm-evaluation-harness results file',
    ],
  ])(
    'does not read %p, says why and keeps it as raw data',
    (input, problem) => {
      const report = parseLmEvalResults(input);
      expect(report).toMatchObject({
        source: 'lm-eval',
        recognized: false,
        metrics: {},
        accuracy: [],
      });
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0]).toMatch(problem);
      // Text that parsed keeps the parsed value; text that did not keeps the text.
      expect(report.raw).toEqual(input === '[]' ? [] : input);
    },
  );

  it('reads 10,000 tasks in well under a second and keeps a long problem list readable', () => {
    const results = Object.fromEntries(
      Array.from({ length: 10_000 }, (_, i) => [
        `task_${i}`,
        {
          alias: `task_${i}`,
          'acc,none': i % 2 ? 0.5 : NaN,
          'acc_stderr,none': 0.01,
        },
      ]),
    );
    const start = Date.now();
    const report = parseLmEvalResults({
      results,
      group_subtasks: { all: Object.keys(results) },
    });
    expect(Date.now() - start).toBeLessThan(1000);
    expect(Object.keys(report.metrics)).toHaveLength(5_000);
    expect(report.metrics.task_1).toBe(50);
    expect(report.accuracy[1]).toMatchObject({ task: 'task_1', group: 'all' });
    expect(report.problems).toHaveLength(51);
    expect(report.problems[50]).toBe('… and 4950 more problems');
  });
});
