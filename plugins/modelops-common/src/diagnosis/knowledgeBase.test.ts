import { diagnosePipelineRun } from './diagnose';
import {
  failureCauseRule,
  failureCauseSnippet,
  parseFailureCauses,
} from './knowledgeBase';
import { buildRun, logKey } from './__fixtures__/modelCarRun';
import { parse } from 'yaml';

const RUN = 'granite-8b-fp16-x7k2p';
const cause = {
  id: 'proxy-blocks-cdn',
  title: 'The egress proxy blocks the Hugging Face CDN',
  explanation: 'cdn-lfs.hf.co is not on the proxy allow list.',
  fix: 'Ask the network team to allow cdn-lfs*.hf.co.',
  link: 'https://runbooks.example.com/proxy',
  match: {
    task: 'download-model',
    exitCode: 1,
    logPattern: 'ProxyError: .*cdn-lfs',
  },
};

function failedDownload(log: string) {
  const built = buildRun({
    name: RUN,
    condition: {
      status: 'False',
      reason: 'Failed',
      message: 'Tasks Completed: 1 (Failed: 1)',
    },
    tasks: [
      {
        name: 'download-model',
        outcome: 'Failed',
        steps: [{ name: 'download', exitCode: 1 }],
      },
    ],
  });
  return { built, logs: { [logKey(RUN, 'download-model', 'download')]: log } };
}

describe('parseFailureCauses', () => {
  it('reads a valid list', () => {
    expect(parseFailureCauses([cause])).toEqual([cause]);
    expect(parseFailureCauses(undefined)).toEqual([]);
  });

  it.each([
    [[{ ...cause, title: undefined }], /causes\[0\]\.title is required/],
    [
      [cause, { ...cause, id: 'b', match: { logPattern: '(unclosed' } }],
      /causes\[1\]\.match\.logPattern is not a valid regular expression/,
    ],
    [
      [{ ...cause, severity: 'high' }],
      /causes\[0\]\.severity is not a known field/,
    ],
    [
      [{ ...cause, match: { taskName: 'x' } }],
      /causes\[0\]\.match\.taskName is not a known field/,
    ],
    [[{ ...cause, match: {} }], /causes\[0\]\.match needs at least one of/],
    [
      [{ ...cause, match: { exitCode: '1' } }],
      /causes\[0\]\.match\.exitCode must be an integer/,
    ],
    [[cause, cause], /causes\[1\]\.id "proxy-blocks-cdn" is used twice/],
    [{ id: 'x' }, /must be a list/],
  ])('refuses %j with a message naming the entry and field', (raw, message) => {
    expect(() => parseFailureCauses(raw)).toThrow(message);
  });
});

describe('knowledge-base causes', () => {
  it('apply before the built-in rules and carry their source and link', () => {
    const { built, logs } = failedDownload(
      "requests.exceptions.ProxyError: HTTPSConnectionPool(host='cdn-lfs-us-1.hf.co', port=443): Max retries exceeded (Caused by ProxyError('Unable to connect to proxy', OSError('Tunnel connection failed: 403 Forbidden')))",
    );
    const diagnosis = diagnosePipelineRun(
      built.pipelineRun,
      built.taskRuns,
      [],
      {
        logs,
        extraRules: parseFailureCauses([cause]).map(failureCauseRule),
      },
    );
    expect(diagnosis).toMatchObject({
      code: 'proxy-blocks-cdn',
      source: 'config',
      link: 'https://runbooks.example.com/proxy',
      remediation: 'Ask the network team to allow cdn-lfs*.hf.co.',
      evidence: [{ source: 'log', task: 'download-model', step: 'download' }],
    });
  });

  it('do not match when one field does not hold', () => {
    const { built, logs } = failedDownload('ProxyError: cdn-lfs refused');
    const rule = failureCauseRule(
      parseFailureCauses([
        { ...cause, match: { ...cause.match, exitCode: 2 } },
      ])[0],
    );
    const diagnosis = diagnosePipelineRun(
      built.pipelineRun,
      built.taskRuns,
      [],
      {
        logs,
        extraRules: [rule],
      },
    );
    expect(diagnosis?.code).not.toBe('proxy-blocks-cdn');
  });
});

describe('failureCauseSnippet', () => {
  it('gives an entry that parses, matches the run it came from, and generalises numbers', () => {
    const { built, logs } = failedDownload(
      'Downloading shard 3 of 4\nFATAL: vault agent returned 2025-01-30T10:03:11Z code 7 for secret/data/hf (request id 8f3a9c2d1e4b5a6f)',
    );
    const unknown = diagnosePipelineRun(built.pipelineRun, built.taskRuns, [], {
      logs,
    });
    expect(unknown?.code).toBe('unknown');
    const snippet = failureCauseSnippet(unknown!);
    expect(snippet).toMatch(/^# Add under modelops\.diagnosis\.causes/);
    const causes = parseFailureCauses(parse(snippet));
    expect(causes[0].match).toMatchObject({
      task: 'download-model',
      step: 'download',
      exitCode: 1,
    });
    expect(causes[0].match.logPattern).toContain('\\d+');
    // The same failure on another run (other numbers) is now explained.
    const again = failedDownload(
      'FATAL: vault agent returned 2025-02-11T08:00:00Z code 9 for secret/data/hf (request id 00aa11bb22cc33dd)',
    );
    const diagnosis = diagnosePipelineRun(
      again.built.pipelineRun,
      again.built.taskRuns,
      [],
      {
        logs: again.logs,
        extraRules: causes.map(failureCauseRule),
      },
    );
    expect(diagnosis?.source).toBe('config');
  });
});
