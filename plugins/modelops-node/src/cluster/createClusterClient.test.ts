import { ConfigReader } from '@backstage/config';
import {
  DemoEnvironment,
  scenarioRuns,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { ClusterRequestError } from './ClusterRequestError';
import { createClusterClient } from './createClusterClient';
import { readClusterConfigs } from './readClusterConfigs';
import { RESOURCES } from './types';
import { ModelRegistryClient } from '../registry/ModelRegistryClient';

describe('createClusterClient against the demo cluster', () => {
  let env: DemoEnvironment;
  beforeAll(async () => {
    env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
  });
  afterAll(() => env.stop());
  const client = (token = env.kubernetesToken, url = env.kubernetes.url) =>
    createClusterClient({
      name: 'demo',
      url,
      serviceAccountToken: token,
      skipTLSVerify: false,
      timeoutMs: 2000,
    });

  it('lists by label selector across pages', async () => {
    const { items, resourceVersion } = await client().list(
      RESOURCES.pipelineRuns,
      {
        labelSelector: 'backstage.io/kubernetes-id=mistral-small-24b-instruct',
        pageSize: 2,
      },
    );
    expect(items.map(i => i.metadata?.name)).toContain(
      'mistral-24b-quantized-p3x9q',
    );
    expect(items.length).toBe(
      scenarioRuns.filter(r => r.entity === 'mistral-small-24b-instruct')
        .length,
    );
    expect(Number(resourceVersion)).toBeGreaterThan(0);
  });

  it('reads a smaller first page when asked, then pages of the usual size, every item once', async () => {
    const { items: all } = await client().list(RESOURCES.pipelineRuns);
    const sizes: number[] = [];
    const names: string[] = [];
    for await (const page of client().listPages(RESOURCES.pipelineRuns, {
      pageSize: 3,
      firstPageSize: 1,
    })) {
      sizes.push(page.items.length);
      names.push(...page.items.map(i => i.metadata?.name ?? ''));
    }
    expect(all.length).toBeGreaterThan(4);
    expect(sizes[0]).toBe(1);
    expect(sizes.slice(1, -1).every(size => size === 3)).toBe(true);
    expect(names).toEqual(all.map(i => i.metadata?.name));
  });

  it('lists by field selector: the events about one object; a field the kind does not select by fails with 400', async () => {
    const { items: all } = await client().list(RESOURCES.events, {
      namespace: 'private-ai',
    });
    const about = (all[0] as any).involvedObject.name;
    const { items } = await client().list(RESOURCES.events, {
      namespace: 'private-ai',
      fieldSelector: `involvedObject.name=${about}`,
    });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e: any) => e.involvedObject.name === about)).toBe(true);
    const error = await client()
      .list(RESOURCES.pipelineRuns, {
        namespace: 'private-ai',
        fieldSelector: `involvedObject.name=${about}`,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain(`involvedObject.name=${about}`);
  });

  it('gets one object, and undefined for a missing one', async () => {
    const run = await client().get(
      RESOURCES.pipelineRuns,
      'private-ai',
      'mistral-24b-quantized-p3x9q',
    );
    expect(run?.metadata?.uid).toBeTruthy();
    expect(
      await client().get(RESOURCES.pipelineRuns, 'private-ai', 'gone'),
    ).toBeUndefined();
  });

  it('reads the end of a container log, at most limitBytes, from a line start', async () => {
    const args = [
      'private-ai',
      'mistral-24b-quantized-p3x9q-push-to-internal-pod',
      'step-push',
    ] as const;
    const whole = await client().podLogTail(...args, { limitBytes: 1 << 20 });
    expect(whole.cutBytes).toBe(0);
    const tail = await client().podLogTail(...args, { limitBytes: 64 });
    expect(Buffer.byteLength(tail.text)).toBeLessThanOrEqual(64);
    expect(whole.text.endsWith(tail.text)).toBe(true);
    expect(tail.cutBytes + Buffer.byteLength(tail.text)).toBe(
      Buffer.byteLength(whole.text),
    );
    const log = await client().podLog(...args, { limitBytes: 300 });
    expect(Buffer.byteLength(log)).toBeLessThanOrEqual(300);
    const [marker, ...rest] = log.split('\n');
    expect(marker).toMatch(
      /^\[\.\.\. \d+ bytes of earlier output not shown: the log is read from the end \.\.\.\]$/,
    );
    expect(whole.text.endsWith(rest.join('\n'))).toBe(true);
    expect(rest.join('\n').length).toBeGreaterThan(100);
  });

  it('says the token was refused, naming the cluster and the request, never the token', async () => {
    const error = await client('wrong-token')
      .list(RESOURCES.pipelineRuns)
      .catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error.refused).toBe(true);
    expect(error.message).toMatch(
      /^cluster demo: list pipelineruns: HTTP 401 \(the cluster refused the service account token/,
    );
    expect(error.message).not.toContain('wrong-token');
  });

  it('says an unreachable cluster is unreachable', async () => {
    const server = createServer();
    const port = await new Promise<number>(resolve =>
      server.listen(0, '127.0.0.1', () =>
        resolve((server.address() as { port: number }).port),
      ),
    );
    await new Promise(resolve => server.close(resolve));
    const error = await client(undefined, `http://127.0.0.1:${port}`)
      .list(RESOURCES.pipelineRuns)
      .catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error.statusCode).toBeUndefined();
    expect(error.message).toContain('unreachable (ECONNREFUSED)');
  });

  it('says a cluster that does not answer in time did not, also when the body stalls', async () => {
    // Headers and half a list, then nothing; and a server that never answers at all.
    const server = createHttpServer((request, response) => {
      if (request.url?.includes('taskruns')) return;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"kind":"PipelineRunList","items":[');
    });
    const port = await new Promise<number>(resolve =>
      server.listen(0, '127.0.0.1', () =>
        resolve((server.address() as { port: number }).port),
      ),
    );
    try {
      const slow = createClusterClient({
        name: 'demo',
        url: `http://127.0.0.1:${port}`,
        serviceAccountToken: 't',
        skipTLSVerify: false,
        timeoutMs: 300,
      });
      for (const resource of [RESOURCES.pipelineRuns, RESOURCES.taskRuns]) {
        const error = await slow.list(resource).catch(e => e);
        expect(error).toBeInstanceOf(ClusterRequestError);
        expect(error.message).toBe(
          `cluster demo: list ${resource.plural}: no answer within 300 ms (slow or unreachable cluster)`,
        );
      }
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });

  it('says a redirect (a login page in front of the cluster) is not an answer', async () => {
    const server = createHttpServer((_request, response) => {
      response.writeHead(302, { location: '/oauth/sign_in' });
      response.end('<html>sign in</html>');
    });
    const port = await new Promise<number>(resolve =>
      server.listen(0, '127.0.0.1', () =>
        resolve((server.address() as { port: number }).port),
      ),
    );
    try {
      const error = await client(undefined, `http://127.0.0.1:${port}`)
        .list(RESOURCES.pipelineRuns)
        .catch(e => e);
      expect(error).toBeInstanceOf(ClusterRequestError);
      expect(error.message).toMatch(
        /^cluster demo: list pipelineruns: HTTP 302 \(redirected: a proxy or login page answered/,
      );
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });

  it('checks names against the Model Registry', async () => {
    const registry = new ModelRegistryClient({
      baseUrl: env.modelRegistry.url,
      token: env.registryToken,
    });
    const model = await registry.findModel('Mistral-Small-24B-Instruct');
    expect(model?.name).toBe('Mistral-Small-24B-Instruct');
    expect(await registry.versionNames(model!.id)).toContain(
      'quantized-w4a16-2501',
    );
    expect(
      await registry.findModel('Mistral-Small-24B-Instruct-2501'),
    ).toBeUndefined();
  });
});

describe('readClusterConfigs', () => {
  it('reads the Kubernetes plugin clusters and skips per-user auth providers with a reason', () => {
    const result = readClusterConfigs(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'catalog' },
            {
              type: 'config',
              clusters: [
                {
                  name: 'hub',
                  url: 'https://api.hub.example:6443',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 't',
                  caData: 'Y2E=',
                  skipTLSVerify: false,
                },
                {
                  name: 'dev',
                  url: 'https://api.dev.example:6443',
                  authProvider: 'oidc',
                },
              ],
            },
          ],
        },
      }),
    );
    expect(result.clusters).toEqual([
      {
        name: 'hub',
        url: 'https://api.hub.example:6443',
        serviceAccountToken: 't',
        caData: 'Y2E=',
        skipTLSVerify: false,
        timeoutMs: 15000,
      },
    ]);
    expect(result.skipped[0]).toMatchObject({ name: 'dev' });
    expect(result.skipped[0].reason).toContain('authProvider oidc');
  });

  it('prefers modelops.clusters and rejects a bad url by name', () => {
    expect(
      readClusterConfigs(
        new ConfigReader({
          modelops: {
            clusters: [{ name: 'a', url: 'http://x:1', timeoutMs: 5 }],
          },
        }),
      ).clusters[0].timeoutMs,
    ).toBe(5);
    expect(() =>
      readClusterConfigs(
        new ConfigReader({
          modelops: { clusters: [{ name: 'a', url: 'not a url' }] },
        }),
      ),
    ).toThrow('modelops.clusters: cluster a has an invalid url "not a url"');
  });
});
