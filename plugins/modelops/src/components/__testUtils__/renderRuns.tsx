/* Test helpers of the runs components: a demo-like run list and a render with mock APIs. */
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  PipelineRunSummary,
  RunListResponse,
  toRunListItem,
} from '@private-ai/plugin-modelops-common';
import { ModelOpsApi, modelopsApiRef } from '../../api/ModelOpsApi';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'mistral-small-24b-instruct',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'mistral-small-24b-instruct' },
  },
  spec: { type: 'ai-model', owner: 'ai-platform' },
};

const step = (
  name: string,
  extra: Partial<PipelineRunSummary['tasks'][number]['steps'][number]> = {},
) => ({
  name,
  container: `step-${name}`,
  status: 'Succeeded' as const,
  ...extra,
});
const task = (
  name: string,
  status: any,
  extra: Partial<PipelineRunSummary['tasks'][number]> = {},
) => ({
  name,
  taskRunName: `run-${name}`,
  podName: `run-${name}-pod`,
  status,
  retries: 0,
  durationSeconds: 60,
  results: {},
  steps: [step('main')],
  ...extra,
});

const failed: PipelineRunSummary = {
  cluster: 'demo-cluster',
  namespace: 'private-ai',
  name: 'mistral-24b-quantized-p3x9q',
  kind: 'modelcar',
  status: 'Failed',
  startedAt: '2026-11-20T06:00:00Z',
  durationSeconds: 1171,
  labels: { 'backstage.io/kubernetes-id': 'mistral-small-24b-instruct' },
  params: {},
  keyParams: {
    huggingFaceRepo: 'mistralai/Mistral-Small-24B-Instruct-2501',
    versionName: 'quantized-w4a16-20261120-0600',
  },
  tasks: [
    task('download-model', 'Succeeded'),
    task('build-image', 'Succeeded', { digest: 'sha256:aaaa' }),
    task('push-to-internal', 'Failed', {
      steps: [step('push', { status: 'Failed', exitCode: 1, reason: 'Error' })],
    }),
  ],
  digests: { build: 'sha256:aaaa', consistent: true },
  diagnosis: {
    code: 'workspace-permission-denied',
    title: 'A task was denied access to the shared workspace',
    explanation: 'Step push of task push-to-internal got "Permission denied".',
    remediation: 'Set `fsGroup` in the pod security context.',
    evidence: [
      {
        source: 'log',
        task: 'push-to-internal',
        step: 'push',
        exitCode: 1,
        logLines: [
          "cp: cannot open '/workspace/shared/oci/image.tar' for reading: Permission denied",
        ],
      },
    ],
  },
};
const mismatch: PipelineRunSummary = {
  ...failed,
  name: 'mistral-24b-quantized-d5m2v',
  status: 'Succeeded',
  startedAt: '2026-11-23T06:00:00Z',
  tasks: [task('build-image', 'Succeeded'), task('push-to-quay', 'Succeeded')],
  digests: {
    build: 'sha256:1111111111111111',
    pushInternal: 'sha256:1111111111111111',
    pushQuay: 'sha256:2222222222222222',
    consistent: false,
  },
  diagnosis: {
    code: 'digest-mismatch',
    title: 'The image digest differs between build and push',
    explanation: 'x',
    remediation: 'y',
    evidence: [],
  },
};
const running: PipelineRunSummary = {
  ...failed,
  name: 'mistral-24b-quantized-r8n4m',
  status: 'Running',
  startedAt: '2026-11-24T06:00:00Z',
  diagnosis: undefined,
  tasks: [task('download-model', 'Running')],
};

/** The demo runs of the Mistral model: running, succeeded with a digest mismatch, failed. */
export const demoRuns = { running, mismatch, failed };

const list: RunListResponse = {
  selector: 'backstage.io/kubernetes-id=mistral-small-24b-instruct',
  items: [running, mismatch, failed].map(toRunListItem),
  totalCount: 3,
  clusters: [
    { cluster: 'demo-cluster', state: 'ok' },
    {
      cluster: 'prod',
      state: 'error',
      message: 'cluster prod: list pipelineruns: HTTP 401',
      lastSuccessAt: '2026-11-24T09:30:00.000Z',
      lastAttemptAt: '2026-11-24T12:00:00.000Z',
    },
  ],
};

/** `count` finished runs of the entity, newest first, one minute apart (names `run-0000`...). */
export function manyRuns(count: number) {
  return Array.from({ length: count }, (_, i) =>
    toRunListItem({
      ...running,
      name: `run-${String(i).padStart(4, '0')}`,
      status: 'Succeeded',
      startedAt: new Date(Date.UTC(2026, 10, 24) - i * 60_000).toISOString(),
      tasks: [task('build-image', 'Succeeded')],
    }),
  );
}

/**
 * jsdom lays nothing out: give the runs list a 600 px viewport and each run 72 px, so the
 * virtualised list mounts what a browser would.
 */
function layOutRunsList() {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get() {
      return this.getAttribute('role') === 'list' ? 600 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get() {
      return this.getAttribute('role') === 'listitem' ? 72 : 0;
    },
  });
}

/** Signals as the signals API delivers them: `emit` sends a message on a channel. */
export function fakeSignals() {
  const listeners = new Map<string, Array<(message: any) => void>>();
  return {
    api: {
      subscribe: (channel: string, onMessage: (message: any) => void) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), onMessage]);
        return {
          unsubscribe: () => {
            listeners.set(
              channel,
              (listeners.get(channel) ?? []).filter(l => l !== onMessage),
            );
          },
        };
      },
    },
    emit: (channel: string, message: unknown) =>
      (listeners.get(channel) ?? []).forEach(l => l(message)),
  };
}

/** The run list the default `listRuns` answers: the three demo runs, newest first. */
export const demoRunList = list;

export async function render(
  children: JSX.Element,
  allowed: boolean,
  api: Partial<ModelOpsApi> = {},
  signals: { subscribe: ReturnType<typeof fakeSignals>['api']['subscribe'] } = {
    subscribe: () => ({ unsubscribe: () => {} }),
  },
) {
  layOutRunsList();
  const modelops: ModelOpsApi = {
    listRuns: jest.fn(async () => list),
    getRun: jest.fn(
      async ref => [running, mismatch, failed].find(i => i.name === ref.name)!,
    ),
    getLog: jest.fn(async () => ({
      text: 'uid=1000970000\nPermission denied\n',
      truncated: true,
      limitBytes: 1048576,
    })),
    rerun: jest.fn(async ref => ({ ...ref, name: 'rerun-x' })),
    cancel: jest.fn(async () => undefined),
    listValidations: jest.fn(async () =>
      Promise.reject(new Error('the runs components do not list validations')),
    ),
    getValidation: jest.fn(async () =>
      Promise.reject(new Error('the runs components do not read validations')),
    ),
    getValidationLog: jest.fn(async () =>
      Promise.reject(
        new Error('the runs components do not read validation logs'),
      ),
    ),
    getEvaluations: jest.fn(async () =>
      Promise.reject(new Error('the runs components do not read evaluations')),
    ),
    checkRegistry: jest.fn(async () =>
      Promise.reject(new Error('the runs components do not check registries')),
    ),
    ...api,
  };
  const permissions = mockApis.permission({
    authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  });
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [modelopsApiRef, modelops],
        [permissionApiRef, permissions],
        [signalApiRef, signals],
      ]}
    >
      <EntityProvider entity={entity}>{children}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { modelops, ...rendered };
}
