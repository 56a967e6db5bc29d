import fs from 'node:fs';
import {
  fixturePath,
  listFixtures,
  readYamlFixture,
} from '../tekton/__testUtils__/sharedFixtures';
import { parseLmEvalJob } from './lmEvalJob';

const trustyai = (name: string) =>
  readYamlFixture(`evaluation/trustyai/${name}`);
const lmEvalText = (name: string) =>
  fs.readFileSync(fixturePath(`evaluation/lm-eval/${name}`), 'utf8');

describe('parseLmEvalJob', () => {
  it.each(listFixtures('evaluation/trustyai', ['.yaml']))(
    'reads %s without throwing',
    file => {
      const job = parseLmEvalJob(readYamlFixture(file));
      expect(Array.isArray(job.problems)).toBe(true);
    },
  );

  it('reads the completed job of the TrustyAI tutorial, and says its elided results `{ ... }` cannot be read', () => {
    const job = parseLmEvalJob(trustyai('trustyai-lmevaljob-complete.yaml'));
    expect(job).toMatchObject({
      name: 'lmeval-test',
      state: 'Complete',
      reason: 'Succeeded',
      message: 'job completed',
      completedAt: '2025-02-06T18:31:20Z',
    });
    expect(job.report).toMatchObject({
      source: 'trustyai-lmevaljob',
      recognized: false,
      raw: '{\n  ...\n}',
    });
    expect(job.problems).toHaveLength(1);
    expect(job.problems[0]).toMatch(
      /^status\.results could not be read: not JSON: /,
    );
  });

  it('reads jobs that have no status yet (spec only)', () => {
    for (const name of [
      'trustyai-lmevaljob-sample-unitxt.yaml',
      'trustyai-lmevaljob-toxigen-gpt2xl.yaml',
    ]) {
      const job = parseLmEvalJob(trustyai(name));
      expect(job.name).toBeTruthy();
      expect(job.state).toBeUndefined();
      expect(job.report).toBeUndefined();
      expect(job.problems).toEqual([
        'the job has no status yet: the operator has not picked it up',
      ]);
    }
    expect(
      parseLmEvalJob(trustyai('trustyai-lmevaljob-toxigen-gpt2xl.yaml')).name,
    ).toBe('evaljob-sample');
  });

  it('says the CRD is not a job', () => {
    expect(
      parseLmEvalJob(trustyai('trustyai.opendatahub.io_lmevaljobs.crd.yaml'))
        .problems[0],
    ).toBe('a "CustomResourceDefinition", not an LMEvalJob');
  });

  it('reads real lm-eval results in status.results, naming the model from the job spec when the results do not', () => {
    const job = parseLmEvalJob({
      ...trustyai('trustyai-lmevaljob-toxigen-gpt2xl.yaml'),
      status: {
        state: 'Complete',
        reason: 'Succeeded',
        results: lmEvalText('lm-eval-results-fragment-toxigen.json'),
      },
    });
    expect(job.problems).toEqual([]);
    expect(job.report).toMatchObject({
      source: 'trustyai-lmevaljob',
      recognized: true,
      metrics: { toxigen: 43.1915 },
      model: 'openai-community/gpt2-xl',
    });
  });

  it('reads the unitxt results the tutorial shows, from the YAML text of a job', () => {
    const yaml = `apiVersion: trustyai.opendatahub.io/v1alpha1
kind: LMEvalJob
metadata: { name: unitxt }
status:
  state: Complete
  reason: Succeeded
  results: ${JSON.stringify(
    lmEvalText('lm-eval-results-unitxt-tr_0-flan-t5.json'),
  )}
`;
    const job = parseLmEvalJob(yaml);
    expect(job.report?.metrics).toEqual({ tr_0: 50 });
    expect(job.report?.model).toBe('hf_home/flan-t5-base');
  });

  it('reads a failed job and a succeeded job without results', () => {
    const failed = parseLmEvalJob({
      kind: 'LMEvalJob',
      metadata: { name: 'x' },
      status: {
        state: 'Complete',
        reason: 'Failed',
        message: 'pod failed: OOMKilled',
      },
    });
    expect(failed).toEqual({
      name: 'x',
      state: 'Complete',
      reason: 'Failed',
      message: 'pod failed: OOMKilled',
      problems: [],
    });
    const empty = parseLmEvalJob({
      kind: 'LMEvalJob',
      status: { state: 'Complete', reason: 'Succeeded', results: '' },
    });
    expect(empty.problems).toEqual([
      'the job succeeded but status.results is empty',
    ]);
  });

  it.each([null, 42, 'key: [unclosed', []])('does not throw on %p', input => {
    expect(parseLmEvalJob(input).problems).toHaveLength(1);
  });
});
