import fs from 'node:fs';
import { parse, YAMLParseError } from 'yaml';
import { interpretPipelineRun } from './interpretPipelineRun';
import { createStageMap } from './stageMap';
import { TaskSummary } from './types';
import {
  fixturePath,
  readJsonFixture,
  readYamlDocuments,
  readYamlFixture,
} from './__testUtils__/sharedFixtures';

const CHAINS_DIGEST =
  'sha256:827521c857fdcd4374f4da5442fbae2edb01e7fbae285c3ec15673d4c1daecb7';
const opts = { cluster: 'demo-cluster' };

const taskTable = (tasks: TaskSummary[]) =>
  tasks.map(t => [t.name, t.taskRunName, t.status]);

describe('interpretPipelineRun on tektoncd/chains test data', () => {
  it('reads a v1 run whose status embeds a taskRuns map (pipelinerun1)', () => {
    const run = readJsonFixture(
      'tekton/status/chains-pipelinerun1-succeeded.json',
    );
    const summary = interpretPipelineRun(run, [], opts);
    expect(summary.status).toBe('Succeeded');
    expect(summary.reason).toBe('Succeeded');
    expect(summary.message).toBe(
      'Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0',
    );
    expect(summary.cluster).toBe('demo-cluster');
    expect(summary.startedAt).toBe('2021-03-29T09:50:00Z');
    expect(summary.finishedAt).toBe('2021-03-29T09:50:15Z');
    expect(summary.durationSeconds).toBe(15);
    expect(summary.pipelineName).toBe('test-pipeline');
    expect(summary.serviceAccountName).toBe('pipeline');
    expect(summary.params).toEqual({ IMAGE: 'test.io/test/image' });
    expect(taskTable(summary.tasks)).toEqual([
      ['git-clone', 'git-clone', 'Succeeded'],
      ['build', 'taskrun-build', 'Succeeded'],
    ]);
    const [clone, build] = summary.tasks;
    expect(clone.podName).toBe('git-clone-pod');
    expect(clone.steps).toEqual([
      {
        name: 'clone',
        container: 'step-clone',
        status: 'Succeeded',
        exitCode: 0,
        reason: 'Completed',
        startedAt: '2022-05-31T19:13:27Z',
        finishedAt: '2021-03-29T09:50:15Z',
      },
    ]);
    expect(clone.results).toEqual({
      commit: 'abcd',
      url: 'https://git.test.com',
    });
    expect(build.digest).toBe(CHAINS_DIGEST);
    expect(build.results.IMAGE_URL).toBe('test.io/test/image\n');
    expect(summary.kind).toBe('other');
    // Object-typed pipeline results are kept as JSON.
    expect(summary.results?.['img-ARTIFACT_INPUTS']).toBe(
      JSON.stringify({ uri: 'abc', digest: CHAINS_DIGEST }),
    );
    expect(summary.results?.IMAGE_DIGEST).toBe(CHAINS_DIGEST);
  });

  it('reads a v1beta1 run with status.taskRuns (two TaskRuns of one pipeline task), spec.serviceAccountName and pipelineResults', () => {
    const run = readJsonFixture(
      'tekton/status/chains-v1beta1-pipelinerun1.json',
    );
    const summary = interpretPipelineRun(run, [], opts);
    expect(summary.status).toBe('Succeeded');
    expect(summary.serviceAccountName).toBe('pipeline');
    expect(taskTable(summary.tasks)).toEqual([
      ['git-clone', 'git-clone', 'Succeeded'],
      ['build', 'taskrun-build-0', 'Succeeded'],
      ['build', 'taskrun-build-1', 'Succeeded'],
    ]);
    // v1beta1 names results taskResults.
    expect(summary.tasks[0].results).toEqual({
      commit: 'abcd',
      url: 'https://git.test.com',
    });
    expect(summary.tasks[1].digest).toBe(CHAINS_DIGEST);
    expect(summary.results?.IMAGE_DIGEST).toBe(CHAINS_DIGEST);
  });

  it('joins v1 childReferences with the separate TaskRuns, by name', () => {
    const run = readJsonFixture(
      'tekton/status/chains-pipelinerun-childrefs.json',
    );
    const taskRuns = [
      readJsonFixture('tekton/status/chains-taskrun1-succeeded.json'),
      readJsonFixture('tekton/status/chains-taskrun2.json'),
    ];
    const summary = interpretPipelineRun(run, taskRuns, opts);
    expect(summary.status).toBe('Succeeded');
    expect(taskTable(summary.tasks)).toEqual([
      ['git-clone', 'git-clone', 'Succeeded'],
      ['build', 'taskrun-build', 'Succeeded'],
    ]);
    const build = summary.tasks[1];
    expect(build.steps.map(s => [s.name, s.container, s.status])).toEqual([
      ['step1', 'step-step1', 'Succeeded'],
      ['step2', 'step-step2', 'Succeeded'],
      ['step3', 'step-step3', 'Succeeded'],
    ]);
    expect(build.podName).toBe('test-pod-name');
    expect(build.digest).toBe(CHAINS_DIGEST);
    expect(build.results.IMAGE_URL).toBe('gcr.io/my/image');
    // The result named some-uri_DIGEST is not an image digest.
    expect(summary.tasks[0].digest).toBeUndefined();
  });

  it('marks childReferences whose TaskRun was not given as missing', () => {
    const run = readJsonFixture(
      'tekton/status/chains-pipelinerun-childrefs.json',
    );
    const summary = interpretPipelineRun(run, [], opts);
    expect(summary.status).toBe('Succeeded');
    expect(summary.tasks.map(t => [t.name, t.status, t.missing])).toEqual([
      ['git-clone', 'Unknown', true],
      ['build', 'Unknown', true],
    ]);
  });

  it('reads v1beta1 childReferences with v1beta1 TaskRuns (taskResults)', () => {
    const run = readJsonFixture(
      'tekton/status/chains-v1beta1-pipelinerun-childrefs.json',
    );
    const summary = interpretPipelineRun(
      run,
      [
        readJsonFixture('tekton/status/chains-v1beta1-taskrun1.json'),
        readJsonFixture('tekton/status/chains-taskrun2.json'),
      ],
      opts,
    );
    expect(taskTable(summary.tasks)).toEqual([
      ['git-clone', 'git-clone', 'Succeeded'],
      ['build', 'taskrun-build-0', 'Succeeded'],
    ]);
    expect(summary.tasks[1].results).toEqual({
      IMAGE_DIGEST: CHAINS_DIGEST,
      IMAGE_URL: 'gcr.io/my/image',
    });
  });

  it('reads the structured-results and slsa v2alpha4 runs', () => {
    const structured = interpretPipelineRun(
      readJsonFixture(
        'tekton/status/chains-pipelinerun-structured-results.json',
      ),
      [],
      opts,
    );
    expect(structured.status).toBe('Succeeded');
    expect(structured.results?.['image-ARTIFACT_OUTPUTS']).toBe(
      JSON.stringify({
        uri: 'hello_world',
        sha256:
          '827521c857fdcd4374f4da5442fbae2edb01e7fbae285c3ec15673d4c1daecb7',
      }),
    );
    const named = interpretPipelineRun(
      readJsonFixture('tekton/status/chains-pipelinerun2-v2alpha4.json'),
      [],
      opts,
    );
    expect(named.name).toBe('pipelinerun-build');
    expect(named.uid).toBe('abhhf-12354-asjsdbjs23-3435353n');
    expect(named.tasks.map(t => [t.name, t.podName])).toEqual([
      ['git-clone', 'git-clone-pod'],
      ['build', 'build-pod'],
    ]);
  });
});

describe('interpretPipelineRun on the tektoncd/pipeline docs', () => {
  it('fails on the matrix doc because the YAML itself does not parse', () => {
    const file = 'tekton/status/docs-matrix-pipelinerun-v1beta1-succeeded.yaml';
    expect(() => readYamlFixture(file)).toThrow(YAMLParseError);
    expect(() => readYamlFixture(file)).toThrow(
      /Nested mappings are not allowed/,
    );
  });

  it('reads the matrix doc once its mis-indented `value:` is fixed: 9 fanned-out TaskRuns', () => {
    const text = fs
      .readFileSync(
        fixturePath(
          'tekton/status/docs-matrix-pipelinerun-v1beta1-succeeded.yaml',
        ),
        'utf8',
      )
      .replace(
        /( {10}- name: browser\n) {14}value:\n {16}- chrome\n {16}- safari\n {16}- firefox/,
        '$1            value:\n              - chrome\n              - safari\n              - firefox',
      );
    const summary = interpretPipelineRun(parse(text), [], opts);
    expect(summary.status).toBe('Succeeded');
    expect(summary.apiVersion).toBe('tekton.dev/v1beta1');
    expect(summary.timeout).toBe('1h0m0s');
    expect(summary.tasks).toHaveLength(9);
    expect(summary.tasks.map(t => t.taskRunName)).toEqual(
      Array.from(
        { length: 9 },
        (_, i) => `matrixed-pr-6lvzk-platforms-and-browsers-${i}`,
      ),
    );
    expect(new Set(summary.tasks.map(t => t.name))).toEqual(
      new Set(['platforms-and-browsers']),
    );
  });

  it('lists custom-task children (kind Run) as missing, in index order', () => {
    const summary = interpretPipelineRun(
      readYamlFixture(
        'tekton/status/docs-matrix-customrun-pipelinerun-v1beta1.yaml',
      ),
      [],
      opts,
    );
    expect(summary.status).toBe('Succeeded');
    expect(summary.name).toBe('matrixed-pr-4djw9');
    expect(summary.namespace).toBe('default');
    expect(summary.durationSeconds).toBe(1);
    expect(summary.tasks.map(t => t.taskRunName)).toEqual(
      Array.from(
        { length: 8 },
        (_, i) => `matrixed-pr-4djw9-platforms-and-browsers-${i}`,
      ),
    );
    expect(summary.tasks.every(t => t.missing && t.status === 'Unknown')).toBe(
      true,
    );
  });

  it('reads a bare status block once wrapped in a PipelineRun, and gives Unknown for the block itself', () => {
    const status = readYamlFixture(
      'tekton/status/docs-pipelinerun-status-extract-succeeded.yaml',
    );
    expect(interpretPipelineRun(status, [], opts).status).toBe('Unknown');
    const summary = interpretPipelineRun({ status }, [], opts);
    expect(summary.status).toBe('Succeeded');
    expect(summary.durationSeconds).toBe(19 * 60 + 3);
    expect(summary.tasks.map(t => [t.name, t.taskRunName, t.missing])).toEqual([
      ['build', 'triggers-release-nightly-frwmw-build', true],
    ]);
  });

  it.each([
    [
      'v1-pipeline-object-results.yaml',
      'pipelinerun-object-results-',
      ['task1', 'task2'],
    ],
    [
      'v1-pipelinerun-ignore-task-error.yaml',
      'pipelinerun-with-failing-task-',
      [
        'echo-continue',
        'echo-continue-with-matrix',
        'echo',
        'verify-task-reason',
      ],
    ],
    [
      'v1-pipelinerun-task-execution-status.yaml',
      'pr-execution-status-',
      ['task1', 'task2', 'task3', 'task4'],
    ],
    ['v1-pipelinerun-build-push.yaml', 'demo-pipeline-run-1', []],
    ['v1-pipelinerun-results.yaml', 'sum-three-pipeline-run', []],
    ['v1beta1-task-results-example.yaml', 'sum-and-multiply-pipeline-run-', []],
  ])(
    'reads the spec-only run in %s as Pending with its embedded tasks',
    (file, name, tasks) => {
      const run = readYamlDocuments(`tekton/definitions/${file}`).find(
        d => d.kind === 'PipelineRun',
      );
      const summary = interpretPipelineRun(run, [], opts);
      expect(summary.name).toBe(name);
      expect(summary.status).toBe('Pending');
      expect(summary.tasks.map(t => t.name)).toEqual(tasks);
      expect(summary.tasks.every(t => t.status === 'Pending')).toBe(true);
    },
  );

  it('marks the finally tasks of an embedded pipeline spec', () => {
    const run = readYamlDocuments(
      'tekton/definitions/v1-pipelinerun-task-execution-status.yaml',
    )[0];
    const summary = interpretPipelineRun(run, [], opts);
    expect(summary.tasks.filter(t => t.isFinally).map(t => t.name)).toEqual([
      'task3',
      'task4',
    ]);
  });

  it('stringifies array params (when-expressions example) and reads v1beta1 spec fields', () => {
    const run = readYamlDocuments(
      'tekton/definitions/v1beta1-pipelinerun-when-expressions.yaml',
    )[0];
    const summary = interpretPipelineRun(run, [], opts);
    expect(summary.params).toEqual({
      path: 'README.md',
      branches: '["main","hotfix"]',
    });
    expect(summary.serviceAccountName).toBe('default');
    expect(summary.workspaces).toEqual([
      { name: 'source', volumeClaimTemplate: true },
    ]);
    expect(summary.tasks).toHaveLength(14);
  });

  it('reads spec.podTemplate.securityContext of a v1beta1 run', () => {
    const run = readYamlDocuments(
      'tekton/definitions/v1beta1-pipelinerun-build-push.yaml',
    ).find(d => d.kind === 'PipelineRun');
    const summary = interpretPipelineRun(run, [], opts);
    expect(summary.apiVersion).toBe('tekton.dev/v1beta1');
    expect(summary.securityContext).toEqual({ fsGroup: 65532 });
    expect(summary.serviceAccountName).toBe('default');
  });

  it('reads spec.taskRunTemplate.serviceAccountName and workspace kinds of v1 runs', () => {
    const buildPush = readYamlDocuments(
      'tekton/definitions/v1-pipelinerun-build-push.yaml',
    ).find(d => d.kind === 'PipelineRun');
    expect(interpretPipelineRun(buildPush, [], opts).serviceAccountName).toBe(
      'default',
    );
    const workspaces = readYamlDocuments(
      'tekton/definitions/v1-pipelinerun-workspaces.yaml',
    ).find(d => d.kind === 'PipelineRun');
    expect(interpretPipelineRun(workspaces, [], opts).workspaces).toEqual([
      { name: 'password-vault', volumeKind: 'secret' },
      { name: 'recipe-store', volumeKind: 'configMap' },
      { name: 'shared-data', claimName: 'shared-task-storage' },
    ]);
  });
});

describe('interpretPipelineRun on the Backstage Tekton plugin mocks (janus-idp)', () => {
  const v1beta1 = readJsonFixture(
    'tekton/backstage-plugin-mocks/janus-tekton-1-pipelinesData-v1beta1-2023.json',
  ).mockKubernetesPlrResponse;

  it('reads pipeline-test-wbvtlk as Failed with its 3 failed tasks, picking its TaskRuns out of a shared list', () => {
    const run = v1beta1.pipelineruns.find(
      (r: any) => r.metadata.name === 'pipeline-test-wbvtlk',
    );
    const summary = interpretPipelineRun(run, v1beta1.taskruns, {
      ...opts,
      pods: v1beta1.pods,
    });
    expect(summary.status).toBe('Failed');
    expect(summary.message).toBe(
      'Tasks Completed: 4 (Failed: 3, Cancelled 0), Skipped: 0',
    );
    expect(summary.triggeredBy).toBe('kube-admin');
    expect(
      summary.tasks.map(t => [t.name, t.status, t.isFinally ?? false]),
    ).toEqual([
      ['buildah', 'Failed', false],
      ['tkn', 'Succeeded', false],
      ['argocd-task-sync-and-wait', 'Failed', false],
      ['git-clone', 'Failed', true],
    ]);
    const gitClone = summary.tasks[3];
    expect(gitClone.steps).toEqual([
      expect.objectContaining({
        name: 'clone',
        container: 'step-clone',
        status: 'Failed',
        exitCode: 1,
        reason: 'Error',
      }),
    ]);
    expect(gitClone.message).toContain('"step-clone" exited with code 1');
    expect(summary.tasks[0].steps[0]).toEqual(
      expect.objectContaining({
        name: 'build-and-push',
        exitCode: 125,
        status: 'Failed',
      }),
    );
    expect(summary.tasks[2].reason).toBe('CreateContainerConfigError');
    expect(summary.tasks[2].steps).toEqual([
      {
        name: 'login',
        container: 'step-login',
        status: 'Failed',
        reason: 'CreateContainerConfigError',
        message: 'configmap "argocd-env-configmap" not found',
      },
    ]);
    // The TaskRun of ruby-ex-git in the same list is not part of this run.
    expect(
      summary.tasks.some(t => t.taskRunName?.startsWith('ruby-ex-git')),
    ).toBe(false);
  });

  it('reads ruby-ex-git-xf45fo (v1beta1 status.taskRuns map), preferring the finished embedded status over a stale TaskRun', () => {
    const run = v1beta1.pipelineruns.find(
      (r: any) => r.metadata.name === 'ruby-ex-git-xf45fo',
    );
    const summary = interpretPipelineRun(run, v1beta1.taskruns, opts);
    expect(summary.status).toBe('Succeeded');
    expect(summary.durationSeconds).toBe(129);
    expect(summary.workspaces).toEqual([
      { name: 'workspace', volumeClaimTemplate: true },
    ]);
    expect(
      summary.tasks.map(t => [t.name, t.status, t.durationSeconds]),
    ).toEqual([
      ['fetch-repository', 'Succeeded', 15],
      ['build', 'Succeeded', 95],
      ['deploy', 'Succeeded', 18],
    ]);
    // The digest comes from the build-and-push step's termination message and taskResults.
    expect(summary.tasks[1].digest).toBe(
      'sha256:14e0715ec241926c081124345cd45d325a44d914261cfd642b3b0969a49ffe02',
    );
    expect(summary.tasks[0].results.commit).toBe(
      '01effef3a23935c1a83110d4b074b0738d677c44',
    );
    expect(summary.params.IMAGE_NAME).toBe(
      'image-registry.openshift-image-registry.svc:5000/jai-test/ruby-ex-git',
    );
  });

  it('reads the v1 mocks: TaskRuns joined by the tekton.dev/pipelineRun label only', () => {
    const v1 = readJsonFixture(
      'tekton/backstage-plugin-mocks/janus-tekton-1-pipelinesData.json',
    ).mockKubernetesPlrResponse;
    const summaries = v1.pipelineruns.map((r: any) =>
      interpretPipelineRun(r, v1.taskruns, { ...opts, pods: v1.pods }),
    );
    expect(summaries.map((s: any) => [s.name, s.status])).toEqual([
      // Condition "Unknown" with a completionTime and tasks that never reported: we cannot tell.
      ['ruby-ex-git-xf45fo', 'Unknown'],
      ['pipeline-test-wbvtlk', 'Failed'],
      ['pipelinerun-with-scanner-task', 'Succeeded'],
      ['pipelinerun-with-sbom-task', 'Succeeded'],
      ['pipelinerun-with-external-sbom-task', 'Succeeded'],
    ]);
    expect(summaries[2].tasks.map((t: TaskSummary) => t.name)).toEqual([
      'scan-task',
      'deployment-check-task',
      'ec-task',
      'image-check-task',
      'image-scan-task',
    ]);
    // Its TaskRun is named pipeline-test-wbvtlk-scan-task but labelled for the scanner run.
    expect(
      summaries[1].tasks.map((t: TaskSummary) => [t.name, t.status]),
    ).toEqual([
      ['buildah', 'Unknown'],
      ['tkn', 'Succeeded'],
      ['argocd-task-sync-and-wait', 'Unknown'],
      ['git-clone', 'Unknown'],
    ]);
    expect(
      summaries[0].tasks.map((t: TaskSummary) => [t.name, t.status]),
    ).toEqual([
      ['fetch-repository', 'Unknown'],
      ['build', 'Succeeded'],
      ['deploy', 'Unknown'],
    ]);
  });

  it('reads the shared-react mock (failed git-clone, exit code 1)', () => {
    const data = readJsonFixture(
      'tekton/backstage-plugin-mocks/janus-shared-react-1-pipelinesData.json',
    ).mockPLRResponseData;
    const run = data.pipelineruns.find(
      (r: any) => r.metadata.name === 'pipeline-test-wbvtlk',
    );
    const summary = interpretPipelineRun(run, data.taskruns, opts);
    expect(summary.status).toBe('Failed');
    expect(summary.tasks.map(t => [t.name, t.status])).toEqual([
      ['tkn', 'Succeeded'],
      ['git-clone', 'Failed'],
    ]);
    expect(summary.tasks[1].steps[0].exitCode).toBe(1);
  });

  it('builds tasks from pods when the TaskRuns are gone (pods-data mock)', () => {
    const data = readJsonFixture(
      'tekton/backstage-plugin-mocks/janus-tekton-pods-data.json',
    );
    const summary = interpretPipelineRun(data.testPipelineRun, [], {
      ...opts,
      pods: data.testPods,
    });
    expect(summary.status).toBe('Succeeded');
    expect(summary.durationSeconds).toBe(43);
    expect(
      summary.tasks.map(t => [t.name, t.status, t.podName, t.missing]),
    ).toEqual([
      ['task1', 'Succeeded', 'test-pipeline-8e09zm-task1-pod', true],
      ['sbom-task', 'Succeeded', 'test-pipeline-8e09zm-sbom-task-pod', true],
    ]);
  });
});

describe('interpretPipelineRun status rules', () => {
  const base = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'mistral-24b-quantized-wk62d', namespace: 'private-ai' },
    spec: { pipelineRef: { name: 'modelcar-build-deploy-v2' } },
  };
  const withCondition = (
    status: string,
    reason?: string,
    extra: object = {},
  ) => ({
    ...base,
    ...extra,
    status: {
      startTime: '2025-01-30T10:00:00Z',
      conditions: [
        { type: 'Succeeded', status, ...(reason ? { reason } : {}) },
      ],
    },
  });

  it.each([
    ['True', 'Succeeded', 'Succeeded'],
    ['True', 'Completed', 'Succeeded'],
    ['False', 'Failed', 'Failed'],
    ['False', 'PipelineRunTimeout', 'TimedOut'],
    ['False', 'Cancelled', 'Cancelled'],
    ['False', 'CancelledRunFinally', 'Cancelled'],
    ['False', 'StoppedRunFinally', 'Cancelled'],
    ['False', 'PipelineRunCancelled', 'Cancelled'],
    ['False', 'CouldntGetPipeline', 'Failed'],
    ['False', 'CouldntGetTask', 'Failed'],
    ['False', 'InvalidWorkspaceBindings', 'Failed'],
    ['False', 'SomethingTektonAddsLater', 'Failed'],
    ['False', 'toString', 'Failed'],
    ['Unknown', 'Running', 'Running'],
    ['Unknown', 'Started', 'Running'],
    ['Unknown', 'Pending', 'Pending'],
    ['Unknown', 'PipelineRunPending', 'Pending'],
    ['Unknown', undefined, 'Running'],
    ['Maybe', 'Running', 'Running'],
  ])('condition %s/%s gives %s', (status, reason, expected) => {
    expect(
      interpretPipelineRun(withCondition(status, reason), [], opts).status,
    ).toBe(expected);
  });

  it('shows a run whose spec.status asks for cancellation as Cancelled', () => {
    for (const specStatus of [
      'Cancelled',
      'CancelledRunFinally',
      'StoppedRunFinally',
    ]) {
      const run = withCondition('Unknown', 'Running', {
        spec: { ...base.spec, status: specStatus },
      });
      const summary = interpretPipelineRun(run, [], opts);
      expect(summary.status).toBe('Cancelled');
      expect(summary.specStatus).toBe(specStatus);
    }
  });

  it('shows a run held by spec.status PipelineRunPending as Pending', () => {
    const run = {
      ...base,
      spec: { ...base.spec, status: 'PipelineRunPending' },
    };
    expect(interpretPipelineRun(run, [], opts).status).toBe('Pending');
  });

  it('keeps a final condition over spec.status', () => {
    const run = withCondition('True', 'Succeeded', {
      spec: { ...base.spec, status: 'Cancelled' },
    });
    expect(interpretPipelineRun(run, [], opts).status).toBe('Succeeded');
  });

  it('lists tasks not started yet as Pending, and skipped ones as skipped', () => {
    const run = {
      ...base,
      status: {
        startTime: '2025-01-30T10:00:00Z',
        conditions: [
          { type: 'Succeeded', status: 'Unknown', reason: 'Running' },
        ],
        pipelineSpec: {
          tasks: [
            { name: 'download-model', taskRef: { name: 'hf-download' } },
            { name: 'build-image' },
            {
              name: 'push-to-quay',
              when: [{ input: 'false', operator: 'in', values: ['true'] }],
            },
          ],
        },
        skippedTasks: [
          {
            name: 'push-to-quay',
            reason: 'When Expressions evaluated to false',
          },
        ],
      },
    };
    const summary = interpretPipelineRun(run, [], opts);
    expect(summary.tasks).toEqual([
      expect.objectContaining({
        name: 'download-model',
        status: 'Pending',
        stage: 'download',
        taskRef: 'hf-download',
      }),
      expect.objectContaining({
        name: 'build-image',
        status: 'Pending',
        stage: 'build',
      }),
      expect.objectContaining({
        name: 'push-to-quay',
        status: 'Unknown',
        skipped: true,
        skipReason: 'When Expressions evaluated to false',
      }),
    ]);
    expect(summary.kind).toBe('modelcar');
  });

  it('uses a custom stage map', () => {
    const run = {
      ...base,
      status: {
        pipelineSpec: {
          tasks: [{ name: 'fetch-weights' }, { name: 'oci-build' }],
        },
      },
    };
    const summary = interpretPipelineRun(run, [], {
      ...opts,
      stageMap: createStageMap({
        'fetch-weights': 'download',
        'oci-build': 'build',
      }),
    });
    expect(summary.tasks.map(t => t.stage)).toEqual(['download', 'build']);
    expect(summary.kind).toBe('modelcar');
  });

  it('reads triggeredBy, key params and pipeline param defaults', () => {
    const run = {
      ...base,
      metadata: {
        ...base.metadata,
        labels: {
          'triggers.tekton.dev/eventlistener': 'modelcar-listener',
          'triggers.tekton.dev/trigger': 'hf-webhook',
        },
      },
      spec: {
        ...base.spec,
        params: [
          {
            name: 'HF_REPO',
            value: 'mistralai/Mistral-Small-24B-Instruct-2501',
          },
          { name: 'model_name', value: 'Mistral-Small-24B-Instruct' },
          { name: 'version_name', value: 'quantized-w4a16-2501' },
          { name: 'extra-args', value: ['--quantize', 'w4a16'] },
        ],
      },
      status: {
        pipelineSpec: {
          params: [
            {
              name: 'quay-image',
              default: 'quay.io/private-ai/mistral-small-24b-instruct:latest',
            },
          ],
          tasks: [],
        },
      },
    };
    const summary = interpretPipelineRun(run, [], opts);
    expect(summary.triggeredBy).toBe(
      'EventListener modelcar-listener (trigger hf-webhook)',
    );
    expect(summary.params['extra-args']).toBe('["--quantize","w4a16"]');
    expect(summary.keyParams).toEqual({
      huggingFaceRepo: 'mistralai/Mistral-Small-24B-Instruct-2501',
      quayImage: 'quay.io/private-ai/mistral-small-24b-instruct:latest',
      registeredModelName: 'Mistral-Small-24B-Instruct',
      versionName: 'quantized-w4a16-2501',
    });
  });
});
