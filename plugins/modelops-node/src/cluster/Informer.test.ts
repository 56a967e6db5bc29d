import { mockServices } from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  KubeObject,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { createClusterClient } from './createClusterClient';
import { Informer, InformerChange } from './Informer';
import { KubernetesObject, RESOURCES } from './types';

jest.setTimeout(30_000);
const PR = 'tekton.dev/pipelineruns';
const NAMESPACE = 'watch-test';

function pipelineRun(name: string, status: object = {}): KubeObject {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name, namespace: NAMESPACE, labels: { suite: 'informer' } },
    spec: { pipelineRef: { name: 'modelcar-build-deploy-v2' } },
    status,
  };
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms)
      throw new Error(`timed out waiting: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

describe('Informer against the demo Kubernetes API', () => {
  let env: DemoEnvironment;
  let stop: AbortController;
  let running: Promise<void>;
  const lists: Array<{ names: string[]; gone: string[] }> = [];
  const changes: Array<InformerChange<KubernetesObject>> = [];
  let informer: Informer;
  const names = (type: string) =>
    changes.filter(c => c.type === type).map(c => c.object.metadata?.name);

  beforeEach(async () => {
    lists.length = 0;
    changes.length = 0;
    env = await startDemoEnvironment({
      scenario: false,
      taskSeconds: 0,
      watchBookmarkIntervalMs: 100,
    });
    env.cluster.objects.create(PR, pipelineRun('build-1'));
    env.cluster.objects.create(PR, pipelineRun('build-2'));
    informer = new Informer({
      client: createClusterClient({
        name: 'demo',
        url: env.kubernetes.url,
        serviceAccountToken: env.kubernetesToken,
        skipTLSVerify: false,
        timeoutMs: 5000,
      }),
      resource: RESOURCES.pipelineRuns,
      namespace: NAMESPACE,
      labelSelector: 'suite=informer',
      pageSize: 1,
      logger: mockServices.logger.mock(),
      backoff: { initialMs: 20, maxMs: 100 },
      handler: {
        listed: async (objects, gone) => {
          lists.push({
            names: objects.map(o => o.metadata!.name!),
            gone: gone.map(o => o.metadata!.name!),
          });
        },
        changed: async change => {
          changes.push(change);
        },
      },
    });
    stop = new AbortController();
    running = informer.run(stop.signal);
    await until(() => lists.length === 1, 'the first list');
  });

  afterEach(async () => {
    stop.abort();
    await running;
    await env.stop();
  });

  it('lists once (paged), then reports each change from the watch', async () => {
    expect(lists).toEqual([{ names: ['build-1', 'build-2'], gone: [] }]);
    env.cluster.objects.create(PR, pipelineRun('build-3'));
    env.cluster.objects.update(PR, pipelineRun('build-1', { phase: 'done' }));
    env.cluster.delete(PR, NAMESPACE, 'build-2');
    await until(() => changes.length === 3, 'three changes');
    expect(changes.map(c => [c.type, c.object.metadata?.name])).toEqual([
      ['added', 'build-3'],
      ['updated', 'build-1'],
      ['deleted', 'build-2'],
    ]);
    expect(informer.size).toBe(2);
  });

  it('follows bookmarks, so a quiet watch still moves its resourceVersion on', async () => {
    const before = Number(informer.resourceVersion);
    // A change the label selector hides: only a bookmark can carry its resourceVersion.
    env.cluster.objects.create(PR, {
      ...pipelineRun('other'),
      metadata: { name: 'other', namespace: NAMESPACE },
    });
    await until(
      () => Number(informer.resourceVersion) > before,
      'a bookmark after the hidden change',
    );
    expect(changes).toEqual([]);
  });

  it('re-watches from the last resourceVersion after the server drops the connection, missing nothing', async () => {
    env.cluster.objects.create(PR, pipelineRun('build-3'));
    await until(() => changes.length === 1, 'the first change');
    env.kubernetes.dropConnections();
    // Changes while the informer is disconnected.
    env.cluster.objects.update(PR, pipelineRun('build-3', { phase: 'done' }));
    env.cluster.delete(PR, NAMESPACE, 'build-1');
    await until(() => changes.length === 3, 'the changes made while away');
    expect(changes.map(c => [c.type, c.object.metadata?.name])).toEqual([
      ['added', 'build-3'],
      ['updated', 'build-3'],
      ['deleted', 'build-1'],
    ]);
    expect(lists).toHaveLength(1); // resumed, not listed again
  });

  it('lists again after 410 Gone and reports what disappeared meanwhile', async () => {
    stop.abort();
    await running;
    // While nobody watches: a run is deleted, one is added, and etcd compacts.
    env.cluster.delete(PR, NAMESPACE, 'build-1');
    env.cluster.objects.create(PR, pipelineRun('build-3'));
    env.cluster.compact();
    stop = new AbortController();
    running = informer.run(stop.signal);
    await until(() => lists.length === 2, 'a second list');
    expect(lists[1]).toEqual({
      names: ['build-2', 'build-3'],
      gone: ['build-1'],
    });
    expect(informer.resourceVersion).toBe(
      String(env.cluster.objects.resourceVersion()),
    );
    env.cluster.objects.create(PR, pipelineRun('build-4'));
    await until(() => names('added').includes('build-4'), 'watching again');
  });
});
