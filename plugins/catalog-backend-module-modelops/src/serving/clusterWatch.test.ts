import { mockServices } from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import { ModelRegistryEntityProvider } from '../ModelRegistryEntityProvider';
import { startCountingProxy } from './__testUtils__/countingProxy';

jest.setTimeout(30_000);

const ISVCS = '/apis/serving.kserve.io/v1beta1';

describe('model servers and ModelCar runs read by list, then watch', () => {
  let env: DemoEnvironment;
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
  beforeAll(async () => {
    env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
    proxy = await startCountingProxy(env.kubernetes.url);
  });
  afterAll(async () => {
    await proxy.stop();
    await env.stop();
  });

  const kube = (path: string, init: RequestInit = {}) =>
    fetch(`${env.kubernetes.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${env.kubernetesToken}`,
        'content-type': 'application/json',
      },
    });

  /** A copy of a served model under another name, as a user would apply it. */
  async function createServer(name: string) {
    const list = await (await kube(`${ISVCS}/inferenceservices`)).json();
    const model = list.items.find(
      (i: any) => i.spec?.predictor?.model?.storageUri,
    );
    const created = await kube(
      `${ISVCS}/namespaces/${model.metadata.namespace}/inferenceservices`,
      {
        method: 'POST',
        body: JSON.stringify({
          apiVersion: 'serving.kserve.io/v1beta1',
          kind: 'InferenceService',
          metadata: {
            name,
            namespace: model.metadata.namespace,
            labels: model.metadata.labels,
          },
          spec: model.spec,
        }),
      },
    );
    expect(created.status).toBe(201);
    return model.metadata.namespace as string;
  }

  const start = async () => {
    const provider = new ModelRegistryEntityProvider(
      {
        id: 'demo',
        baseUrl: env.modelRegistry.url,
        token: env.registryToken,
        owner: 'group:default/ai-platform',
        archived: 'show',
        clusters: ['demo-cluster'],
        timeoutMs: 2000,
        clusterWatchMs: 300,
      },
      [
        createClusterClient({
          name: 'demo-cluster',
          url: proxy.url,
          serviceAccountToken: env.kubernetesToken,
          skipTLSVerify: false,
          timeoutMs: 2000,
        }),
      ],
      mockServices.logger.mock(),
    );
    const connection = {
      applyMutation: jest.fn(async (_: any) => {}),
      refresh: jest.fn(async () => {}),
    };
    await provider.connect(connection);
    await provider.refresh();
    expect(provider.status.state).toBe('ok');
    return { provider, connection };
  };
  const lists = () =>
    proxy.requests.filter(r => !/[?&]watch=1/.test(r.url)).map(r => r.url);
  const watches = () =>
    proxy.requests.filter(r => /[?&]watch=1/.test(r.url)).map(r => r.url);

  it('lists once, then only watches, and hands nothing when nothing changed', async () => {
    proxy.requests.length = 0;
    const { provider, connection } = await start();
    expect(lists()).toEqual([
      `${ISVCS}/inferenceservices?limit=500`,
      '/apis/tekton.dev/v1/pipelineruns?limit=500&labelSelector=backstage.io%2Fkubernetes-id',
    ]);
    const listedBytes = proxy.bytes();
    proxy.requests.length = 0;

    await provider.refresh();
    expect(provider.status).toMatchObject({ state: 'ok', handed: 0 });
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(lists()).toEqual([]);
    expect(watches()).toHaveLength(2);
    expect(watches()[0]).toMatch(/resourceVersion=\d+/);
    // Headers aside, an unchanged cluster sends nothing.
    expect(proxy.bytes()).toBeLessThan(listedBytes / 10);
  });

  it('hands a server created on the cluster, then its removal, from the watch', async () => {
    const { provider, connection } = await start();
    const namespace = await createServer('watched-llm');
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    const added = connection.applyMutation.mock.calls[1][0];
    expect(added.type).toBe('delta');
    expect(
      added.added.map((d: any) => `${d.entity.kind}:${d.entity.metadata.name}`),
    ).toEqual(['Component:watched-llm', 'API:watched-llm-openai']);

    const deleted = await kube(
      `${ISVCS}/namespaces/${namespace}/inferenceservices/watched-llm`,
      { method: 'DELETE' },
    );
    expect(deleted.status).toBe(200);
    await provider.refresh();
    const removed = connection.applyMutation.mock.calls[2][0];
    expect(removed.added).toEqual([]);
    expect(removed.removed.map((r: any) => r.entityRef).sort()).toEqual([
      'api:default/watched-llm-openai',
      'component:default/watched-llm',
    ]);
  });

  it('lists again when its resourceVersion was compacted away (410 Gone)', async () => {
    const { provider, connection } = await start();
    const namespace = await createServer('after-compaction');
    env.cluster.compact();
    proxy.requests.length = 0;
    await provider.refresh();
    expect(provider.status.state).toBe('ok');
    expect(lists()).toContain(`${ISVCS}/inferenceservices?limit=500`);
    const delta = connection.applyMutation.mock.calls[1][0];
    expect(delta.added.map((d: any) => d.entity.metadata.name)).toContain(
      'after-compaction',
    );
    await kube(
      `${ISVCS}/namespaces/${namespace}/inferenceservices/after-compaction`,
      { method: 'DELETE' },
    );
  });

  it('changes nothing while the watch fails, says so, and catches up after', async () => {
    const { provider, connection } = await start();
    proxy.failWatches(500);
    let namespace: string;
    try {
      namespace = await createServer('while-failing');
      await provider.refresh();
      expect(connection.applyMutation).toHaveBeenCalledTimes(1);
      expect(provider.status.state).toBe('error');
      expect(provider.status.message).toContain('HTTP 500');
    } finally {
      proxy.failWatches(undefined);
    }
    await provider.refresh();
    expect(provider.status.state).toBe('ok');
    const delta = connection.applyMutation.mock.calls[1][0];
    expect(delta.removed).toEqual([]);
    expect(delta.added.map((d: any) => d.entity.metadata.name)).toEqual([
      'while-failing',
      'while-failing-openai',
    ]);
    await kube(
      `${ISVCS}/namespaces/${namespace!}/inferenceservices/while-failing`,
      { method: 'DELETE' },
    );
  });

  it('a replica that ran the task before resumes its watch and hands what changed since', async () => {
    const first = await start();
    const second = await start(); // the task moved to another replica
    const namespace = await createServer('moved-task');
    await second.provider.refresh();
    expect(
      second.connection.applyMutation.mock.calls[1][0].added.map(
        (d: any) => d.entity.metadata.name,
      ),
    ).toEqual(['moved-task', 'moved-task-openai']);
    // Back on the first replica: its watch resumes from its own last resourceVersion.
    proxy.requests.length = 0;
    await first.provider.refresh();
    expect(lists()).toEqual([]);
    expect(
      first.connection.applyMutation.mock.calls[1][0].added.map(
        (d: any) => d.entity.metadata.name,
      ),
    ).toEqual(['moved-task', 'moved-task-openai']);
    await kube(
      `${ISVCS}/namespaces/${namespace}/inferenceservices/moved-task`,
      { method: 'DELETE' },
    );
  });

  it('a replica that learns the task ran elsewhere since hands a full mutation next', async () => {
    const first = await start();
    const second = await start(); // the task moved to another replica
    const namespace = await createServer('short-lived');
    await second.provider.refresh(); // hands the new server
    await kube(
      `${ISVCS}/namespaces/${namespace}/inferenceservices/short-lived`,
      { method: 'DELETE' },
    );
    // The status the second replica published reaches the first (the module's status board).
    first.provider.noteStatus(second.provider.status);
    await first.provider.refresh();
    // A delta against what the first replica handed could not remove the server the second
    // one added; a full mutation replaces everything.
    const next = first.connection.applyMutation.mock.calls[1][0];
    expect(next.type).toBe('full');
    expect(next.entities.map((d: any) => d.entity.metadata.name)).not.toContain(
      'short-lived',
    );
    expect(first.provider.status.state).toBe('ok');
    // Its own status coming back changes nothing: the refresh after is a delta again.
    first.provider.noteStatus(first.provider.status);
    await first.provider.refresh();
    expect(first.connection.applyMutation).toHaveBeenCalledTimes(2);
    expect(first.provider.status.handed).toBe(0);
  });
});
