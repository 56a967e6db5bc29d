import { interpretTaskRun } from './interpretTaskRun';
import {
  readJsonFixture,
  readYamlDocuments,
  readYamlFixture,
} from './__testUtils__/sharedFixtures';

describe('interpretTaskRun', () => {
  it('reads the TaskRun status block of the Tekton docs (terminationReason, containerID)', () => {
    const status = readYamlFixture(
      'tekton/status/docs-taskrun-status-succeeded.yaml',
    );
    const summary = interpretTaskRun({
      kind: 'TaskRun',
      metadata: { name: 'status-taskrun' },
      status,
    });
    expect(summary.status).toBe('Succeeded');
    expect(summary.podName).toBe('status-taskrun-pod');
    expect(summary.durationSeconds).toBe(6);
    expect(summary.steps).toEqual([
      {
        name: 'hello',
        container: 'step-hello',
        status: 'Succeeded',
        exitCode: 0,
        reason: 'Completed',
        finishedAt: '2019-08-12T18:22:56Z',
      },
    ]);
  });

  it('gives Unknown for a bare status block it cannot recognise as a TaskRun', () => {
    const status = readYamlFixture(
      'tekton/status/docs-taskrun-status-succeeded.yaml',
    );
    expect(interpretTaskRun(status).status).toBe('Unknown');
  });

  it('reads a spec-only TaskRun as Pending', () => {
    const [taskRun] = readYamlDocuments(
      'tekton/definitions/v1-taskrun-ignore-step-error.yaml',
    );
    const summary = interpretTaskRun(taskRun);
    expect(summary.status).toBe('Pending');
    expect(summary.steps).toEqual([]);
  });

  it('reads results, the SBOM link and non-RFC 3339 dates of the janus taskRunData mock', () => {
    const data = readJsonFixture(
      'tekton/backstage-plugin-mocks/janus-tekton-taskRunData.json',
    );
    const withResults = interpretTaskRun(data.taskRunWithResults);
    expect(withResults.results).toEqual({
      sum: '30',
      difference: '10',
      multiply: '200',
      divide: '2',
    });
    // "Mon Mar 27 2023 18:08:19" to "... 18:09:11": whatever the time zone, 52 s.
    expect(withResults.durationSeconds).toBe(52);
    const sbom = interpretTaskRun(data.taskRunWithSBOMResult);
    expect(sbom.name).toBe('sbom-task');
    expect(sbom.results).toEqual({
      LINK_TO_SBOM: 'quay.io/test/image:build-8e536-1692702836',
    });
    expect(sbom.digest).toBeUndefined();
  });

  it('reads retries, a waiting step and a pod', () => {
    const summary = interpretTaskRun(
      {
        kind: 'TaskRun',
        metadata: {
          name: 'mistral-24b-quantized-wk62d-download-model',
          labels: {
            'tekton.dev/pipelineTask': 'download-model',
            'tekton.dev/memberOf': 'tasks',
          },
        },
        status: {
          conditions: [
            {
              type: 'Succeeded',
              status: 'False',
              reason: 'TaskRunImagePullFailed',
              message: 'pull failed',
            },
          ],
          podName: 'mistral-24b-quantized-wk62d-download-model-pod',
          retriesStatus: [{ conditions: [] }, { conditions: [] }],
          steps: [
            {
              name: 'download',
              container: 'step-download',
              waiting: {
                reason: 'ImagePullBackOff',
                message:
                  'Back-off pulling image "quay.io/private-ai/hf-downloader:1.4"',
              },
            },
          ],
        },
      },
      {
        pod: {
          metadata: { name: 'mistral-24b-quantized-wk62d-download-model-pod' },
          status: {
            phase: 'Pending',
            containerStatuses: [
              {
                name: 'step-download',
                state: {
                  waiting: {
                    reason: 'ImagePullBackOff',
                    message: 'Back-off pulling image',
                  },
                },
              },
            ],
          },
        },
      },
    );
    expect(summary.name).toBe('download-model');
    expect(summary.stage).toBe('download');
    expect(summary.status).toBe('Failed');
    expect(summary.retries).toBe(2);
    expect(summary.steps[0]).toEqual({
      name: 'download',
      container: 'step-download',
      status: 'Failed',
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "quay.io/private-ai/hf-downloader:1.4"',
    });
    expect(summary.pod).toEqual({
      name: 'mistral-24b-quantized-wk62d-download-model-pod',
      phase: 'Pending',
      containers: [
        {
          name: 'step-download',
          state: 'waiting',
          reason: 'ImagePullBackOff',
          message: 'Back-off pulling image',
        },
      ],
    });
  });

  it('reads step states: running, cancelled, timed out, OOMKilled', () => {
    const summary = interpretTaskRun({
      kind: 'TaskRun',
      metadata: { name: 'tr' },
      status: {
        conditions: [
          { type: 'Succeeded', status: 'False', reason: 'TaskRunTimeout' },
        ],
        steps: [
          { name: 'a', terminated: { exitCode: 137, reason: 'OOMKilled' } },
          { name: 'b', terminated: { exitCode: 1, reason: 'TaskRunTimeout' } },
          {
            name: 'c',
            terminated: { exitCode: 1, reason: 'TaskRunCancelled' },
          },
          { name: 'd', running: { startedAt: '2025-01-30T10:00:00Z' } },
          { name: 'e', terminated: { exitCode: '0', reason: 'Completed' } },
        ],
      },
    });
    expect(summary.status).toBe('TimedOut');
    expect(summary.steps.map(s => [s.name, s.status, s.exitCode])).toEqual([
      ['a', 'Failed', 137],
      ['b', 'TimedOut', 1],
      ['c', 'Cancelled', 1],
      ['d', 'Unknown', undefined],
      ['e', 'Succeeded', 0],
    ]);
  });

  it('takes the digest from a termination message when results are absent', () => {
    const summary = interpretTaskRun({
      kind: 'TaskRun',
      metadata: {
        name: 'tr',
        labels: { 'tekton.dev/pipelineTask': 'build-image' },
      },
      status: {
        conditions: [
          { type: 'Succeeded', status: 'True', reason: 'Succeeded' },
        ],
        steps: [
          {
            name: 'build',
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              message:
                '[{"key":"StartedAt","value":"2025-01-30T10:00:00.000Z","type":3},{"key":"IMAGE_DIGEST","value":"sha256:4f0c8b3e9d2a6f1b7c5e8a0d3b6f9c2e5a8d1b4f7c0e3a6d9b2f5c8e1a4d7b0f","type":1}]',
            },
          },
        ],
      },
    });
    expect(summary.results).toEqual({
      IMAGE_DIGEST:
        'sha256:4f0c8b3e9d2a6f1b7c5e8a0d3b6f9c2e5a8d1b4f7c0e3a6d9b2f5c8e1a4d7b0f',
    });
    expect(summary.digest).toBe(
      'sha256:4f0c8b3e9d2a6f1b7c5e8a0d3b6f9c2e5a8d1b4f7c0e3a6d9b2f5c8e1a4d7b0f',
    );
  });
});
