import path from 'node:path';
import {
  buildDigestTrail,
  collectDigestSources,
  digestFromResults,
  digestFromTerminationMessage,
  digestsFromLog,
  parseTerminationMessageResults,
} from './digests';
import { TaskSummary } from './types';
import { readJsonFixture, readLocalText } from './__testUtils__/sharedFixtures';

const BUILD =
  'sha256:4f0c8b3e9d2a6f1b7c5e8a0d3b6f9c2e5a8d1b4f7c0e3a6d9b2f5c8e1a4d7b0f';
const OTHER =
  'sha256:9a1d4c7f0b3e6a9d2c5f8b1e4a7d0c3f6b9e2a5d8c1f4b7e0a3d6c9f2b5e8a1d';
const log = (name: string) =>
  readLocalText(path.join(__dirname, '__fixtures__/logs'), name);

const task = (overrides: Partial<TaskSummary>): TaskSummary => ({
  name: 'x',
  status: 'Succeeded',
  retries: 0,
  steps: [],
  results: {},
  ...overrides,
});

describe('digest extraction', () => {
  it('reads digests from result names and pinned image URLs', () => {
    expect(digestFromResults({ IMAGE_DIGEST: BUILD })).toBe(BUILD);
    expect(digestFromResults({ 'image-digest': BUILD })).toBe(BUILD);
    expect(digestFromResults({ digest: `${BUILD}\n` })).toBe(BUILD);
    expect(
      digestFromResults({ IMAGE_URL: `quay.io/private-ai/m@${BUILD}` }),
    ).toBe(BUILD);
    expect(
      digestFromResults({ IMAGE_URL: 'quay.io/private-ai/m:latest' }),
    ).toBeUndefined();
    expect(digestFromResults({ IMAGE_DIGEST: 'sha256:' })).toBeUndefined();
  });

  it('reads the chains build TaskRun result', () => {
    const taskRun = readJsonFixture(
      'tekton/status/chains-taskrun1-succeeded.json',
    );
    const results = Object.fromEntries(
      taskRun.status.results.map((r: any) => [r.name, r.value]),
    );
    expect(digestFromResults(results)).toBe(
      'sha256:827521c857fdcd4374f4da5442fbae2edb01e7fbae285c3ec15673d4c1daecb7',
    );
  });

  it('reads the termination message Tekton wrote in the janus v1beta1 mock', () => {
    const data = readJsonFixture(
      'tekton/backstage-plugin-mocks/janus-tekton-1-pipelinesData-v1beta1-2023.json',
    ).mockKubernetesPlrResponse;
    const step =
      data.pipelineruns[0].status.taskRuns['ruby-ex-git-xf45fo-build'].status
        .steps[1];
    expect(digestFromTerminationMessage(step.terminated.message)).toBe(
      'sha256:14e0715ec241926c081124345cd45d325a44d914261cfd642b3b0969a49ffe02',
    );
    const clone =
      data.pipelineruns[0].status.taskRuns[
        'ruby-ex-git-xf45fo-fetch-repository'
      ].status.steps[0];
    expect(parseTerminationMessageResults(clone.terminated.message)).toEqual({
      commit: '01effef3a23935c1a83110d4b074b0738d677c44',
      url: 'https://github.com/sclorg/ruby-ex.git',
    });
    expect(parseTerminationMessageResults('[not json')).toBeUndefined();
    expect(
      parseTerminationMessageResults('plain failure text'),
    ).toBeUndefined();
  });

  it('reads the top-level digest of skopeo inspect and ignores blob, config and layer digests', () => {
    expect(digestsFromLog(log('build-skopeo-inspect.log'))).toEqual([
      {
        digest: BUILD,
        kind: 'skopeo-inspect',
        line: `"Digest": "${BUILD}",`,
        lineNumber: 13,
      },
    ]);
  });

  it('reads a digest file printed after "Writing manifest to image destination"', () => {
    expect(
      digestsFromLog(log('push-quay-other-digest.log')).map(d => [
        d.digest,
        d.kind,
      ]),
    ).toEqual([[OTHER, 'manifest-written']]);
  });

  it('reads docker push "digest: sha256:... size:"', () => {
    expect(
      digestsFromLog(log('docker-push.log')).map(d => [d.digest, d.kind]),
    ).toEqual([[BUILD, 'reported']]);
  });

  it('does not take a bare digest far from a manifest write', () => {
    expect(
      digestsFromLog(
        `Writing manifest to image destination\na\nb\nc\nd\ne\n${BUILD}\n`,
      ),
    ).toEqual([]);
  });
});

describe('buildDigestTrail', () => {
  it('is consistent when every known digest agrees, or fewer than two are known', () => {
    expect(buildDigestTrail([])).toEqual({ consistent: true });
    expect(
      buildDigestTrail([
        task({
          name: 'build-image',
          stage: 'build',
          results: { IMAGE_DIGEST: BUILD },
        }),
        task({
          name: 'push-to-internal',
          stage: 'push-internal',
          results: { IMAGE_DIGEST: BUILD },
        }),
      ]),
    ).toEqual({ build: BUILD, pushInternal: BUILD, consistent: true });
  });

  it('is inconsistent when push-to-quay reports another digest', () => {
    expect(
      buildDigestTrail([
        task({
          name: 'build-image',
          stage: 'build',
          results: { IMAGE_DIGEST: BUILD },
        }),
        task({
          name: 'push-to-internal',
          stage: 'push-internal',
          results: { IMAGE_DIGEST: BUILD },
        }),
        task({
          name: 'push-to-quay',
          stage: 'push-quay',
          results: { IMAGE_DIGEST: OTHER },
        }),
      ]),
    ).toEqual({
      build: BUILD,
      pushInternal: BUILD,
      pushQuay: OTHER,
      consistent: false,
    });
  });

  it('falls back to logs keyed by TaskRun or pod name', () => {
    const tasks = [
      task({
        name: 'build-image',
        stage: 'build',
        taskRunName: 'run-build-image',
        podName: 'run-build-image-pod',
      }),
      task({
        name: 'push-to-quay',
        stage: 'push-quay',
        taskRunName: 'run-push-to-quay',
      }),
    ];
    const logs = {
      'run-build-image-pod/step-build': log('build-skopeo-inspect.log'),
      'run-push-to-quay/step-push': log('push-quay-other-digest.log'),
      'someone-else/step-push': log('docker-push.log'),
    };
    expect(buildDigestTrail(tasks, logs)).toEqual({
      build: BUILD,
      pushQuay: OTHER,
      consistent: false,
    });
    expect(collectDigestSources(tasks, logs)).toEqual([
      {
        trailField: 'build',
        task: 'build-image',
        step: 'build',
        digest: BUILD,
        from: 'log',
        line: `"Digest": "${BUILD}",`,
      },
      {
        trailField: 'pushQuay',
        task: 'push-to-quay',
        step: 'push',
        digest: OTHER,
        from: 'log',
        line: OTHER,
      },
    ]);
  });
});
