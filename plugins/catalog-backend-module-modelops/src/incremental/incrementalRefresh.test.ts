import { mockServices } from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import express from 'express';
import { Server } from 'node:http';
import { ModelRegistryEntityProvider } from '../ModelRegistryEntityProvider';

jest.setTimeout(30_000);

/** A loopback proxy in front of the demo registry that records each request and can fail. */
async function recordingProxy(target: string, token: string) {
  const requests: string[] = [];
  let failing = false;
  const app = express();
  app.use(async (req, res) => {
    requests.push(`${req.method} ${req.originalUrl}`);
    if (failing) {
      res.status(500).json({ code: '500', message: 'registry down' });
      return;
    }
    const answer = await fetch(`${target}${req.originalUrl}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    res.status(answer.status).json(await answer.json());
  });
  const server: Server = await new Promise(r => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    fail: (on: boolean) => {
      failing = on;
    },
    close: () => new Promise(r => server.close(r)),
  };
}

describe('incremental refresh of the registry provider', () => {
  let env: DemoEnvironment;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  beforeAll(async () => {
    env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
    proxy = await recordingProxy(env.modelRegistry.url, env.registryToken);
  });
  afterAll(async () => {
    await proxy.close();
    await env.stop();
  });

  const start = async (fullRefreshMs?: number) => {
    const provider = new ModelRegistryEntityProvider(
      {
        id: 'demo',
        baseUrl: proxy.url,
        owner: 'group:default/ai-platform',
        archived: 'show',
        clusters: ['demo-cluster'],
        timeoutMs: 2000,
        fullRefreshMs,
      },
      [
        createClusterClient({
          name: 'demo-cluster',
          url: env.kubernetes.url,
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
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(connection.applyMutation.mock.calls[0][0].type).toBe('full');
    return { provider, connection };
  };
  const registryApi = `${'/api/model_registry/v1alpha3'}`;

  it('reads one page per collection and hands the catalog nothing when nothing changed', async () => {
    const { provider, connection } = await start();
    const fullRequests = proxy.requests.length;
    proxy.requests.length = 0;
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(proxy.requests.sort()).toEqual(
      [
        `GET ${registryApi}/artifacts?orderBy=LAST_UPDATE_TIME&sortOrder=DESC&pageSize=100`,
        `GET ${registryApi}/inference_services?pageSize=100`,
        `GET ${registryApi}/model_versions?orderBy=LAST_UPDATE_TIME&sortOrder=DESC&pageSize=100`,
        `GET ${registryApi}/registered_models?orderBy=LAST_UPDATE_TIME&sortOrder=DESC&pageSize=100`,
      ].sort(),
    );
    expect(fullRequests).toBeGreaterThan(proxy.requests.length);
    expect(provider.status).toMatchObject({ state: 'ok', handed: 0 });
  });

  it('hands over only the entity of a changed version, as a delta', async () => {
    const { provider, connection } = await start();
    const versions = await (
      await fetch(`${env.modelRegistry.url}${registryApi}/model_versions`, {
        headers: { authorization: `Bearer ${env.registryToken}` },
      })
    ).json();
    const version = versions.items[0];
    await new Promise(r => setTimeout(r, 5)); // a later last-update time
    const patched = await fetch(
      `${env.modelRegistry.url}${registryApi}/model_versions/${version.id}`,
      {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${env.registryToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ description: 'retrained on more data' }),
      },
    );
    expect(patched.status).toBe(200);
    proxy.requests.length = 0;
    await provider.refresh();

    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    const delta = connection.applyMutation.mock.calls[1][0];
    expect(delta.type).toBe('delta');
    expect(delta.removed).toEqual([]);
    expect(delta.added).toHaveLength(1);
    expect(delta.added[0].entity.metadata.description).toBe(
      'retrained on more data',
    );
    // The changed version's artifacts are read again, and nothing else per item.
    expect(
      proxy.requests.filter(r => r.includes('/artifacts?pageSize')),
    ).toEqual([
      `GET ${registryApi}/model_versions/${version.id}/artifacts?pageSize=100`,
    ]);
  });

  it('hands a model whose owner changed and each of its versions, which carry the owner', async () => {
    const { provider, connection } = await start();
    const full = connection.applyMutation.mock.calls[0][0];
    // Each entity of the full mutation is built when read: every read gives the same entity.
    expect(full.entities.map((d: any) => d.entity)).toEqual(
      full.entities.map((d: any) => d.entity),
    );
    const models = await (
      await fetch(`${env.modelRegistry.url}${registryApi}/registered_models`, {
        headers: { authorization: `Bearer ${env.registryToken}` },
      })
    ).json();
    const model = models.items[0];
    const versions = await (
      await fetch(
        `${env.modelRegistry.url}${registryApi}/registered_models/${model.id}/versions`,
        { headers: { authorization: `Bearer ${env.registryToken}` } },
      )
    ).json();
    const before = full.entities
      .map((d: any) => d.entity)
      .filter(
        (e: any) =>
          e.metadata.annotations['modelops.io/registered-model-id'] ===
          model.id,
      )
      .map((e: any) => `resource:default/${e.metadata.name}`);
    expect(before).toHaveLength(1 + versions.items.length);
    await new Promise(r => setTimeout(r, 5));
    const reowned = await fetch(
      `${env.modelRegistry.url}${registryApi}/registered_models/${model.id}`,
      {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${env.registryToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ owner: 'group:default/ml-team' }),
      },
    );
    expect(reowned.status).toBe(200);
    try {
      await provider.refresh();
      const delta = connection.applyMutation.mock.calls[1][0];
      expect(delta.type).toBe('delta');
      expect(delta.removed).toEqual([]);
      expect(
        delta.added
          .map((d: any) => `resource:default/${d.entity.metadata.name}`)
          .sort(),
      ).toEqual(before.sort());
      expect(delta.added.map((d: any) => d.entity.spec.owner)).toEqual(
        delta.added.map(() => 'group:default/ml-team'),
      );
    } finally {
      await fetch(
        `${env.modelRegistry.url}${registryApi}/registered_models/${model.id}`,
        {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${env.registryToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ owner: model.owner }),
        },
      );
    }
  });

  it('reads the whole registry when an artifact appears that it cannot place', async () => {
    const { provider, connection } = await start();
    const versions = await (
      await fetch(`${env.modelRegistry.url}${registryApi}/model_versions`, {
        headers: { authorization: `Bearer ${env.registryToken}` },
      })
    ).json();
    await new Promise(r => setTimeout(r, 5));
    // The artifact list does not say which version an artifact belongs to, and adding one
    // does not update its version.
    const added = await fetch(
      `${env.modelRegistry.url}${registryApi}/model_versions/${versions.items[1].id}/artifacts`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${env.registryToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          artifactType: 'doc-artifact',
          name: 'model-card',
          uri: 'https://example.com/model-card.md',
        }),
      },
    );
    expect(added.status).toBe(201);
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    expect(connection.applyMutation.mock.calls[1][0].type).toBe('full');
  });

  it('changes nothing while the registry fails, and says so', async () => {
    const { provider, connection } = await start();
    proxy.fail(true);
    try {
      await provider.refresh();
    } finally {
      proxy.fail(false);
    }
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(provider.status.state).toBe('error');
    expect(provider.status.message).toContain('registry down');
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(provider.status.state).toBe('ok');
  });

  it('reads the whole registry again when the full refresh is due', async () => {
    const { provider, connection } = await start(0);
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    expect(connection.applyMutation.mock.calls[1][0].type).toBe('full');
  });
});
