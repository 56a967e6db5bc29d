import { FakeCluster } from './FakeCluster';
import {
  RunningKubernetesApi,
  startKubernetesApi,
} from './KubernetesApiServer';
import { KubeObject } from './types';

const TOKEN = 'watch-test-token';
const PR = 'tekton.dev/pipelineruns';
const PATH = '/apis/tekton.dev/v1/namespaces/team-a/pipelineruns';

function pipelineRun(name: string, labels: Record<string, string> = {}) {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name, namespace: 'team-a', labels },
    spec: { pipelineRef: { name: 'modelcar-build-deploy-v2' } },
  } as KubeObject;
}

interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    code?: number;
    reason?: string;
    metadata?: { name?: string; resourceVersion?: string };
  };
}

/** Reads a watch stream line by line until `done` says stop or the server ends it. */
async function readWatch(
  url: string,
  done: (events: WatchEvent[]) => boolean = () => false,
): Promise<{ events: WatchEvent[]; ended: boolean }> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${TOKEN}` },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const events: WatchEvent[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = response.body!.getReader();
  for (;;) {
    const { value, done: ended } = await reader.read();
    if (ended) return { events, ended: true };
    buffered += decoder.decode(value, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      events.push(JSON.parse(buffered.slice(0, newline)));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
    if (done(events)) {
      controller.abort();
      return { events, ended: false };
    }
  }
}

describe('watches of the demo Kubernetes API', () => {
  let cluster: FakeCluster;
  let api: RunningKubernetesApi;
  const get = (path: string) =>
    fetch(`${api.url}${path}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });

  beforeEach(async () => {
    cluster = new FakeCluster();
    api = await startKubernetesApi({
      cluster,
      token: TOKEN,
      port: 0,
      host: '127.0.0.1',
      watchBookmarkIntervalMs: 50,
    });
    cluster.objects.create(PR, pipelineRun('build-1', { team: 'a' }));
    cluster.objects.create(PR, pipelineRun('build-2', { team: 'b' }));
  });
  afterEach(() => api.stop());

  it('resumes from the resourceVersion of a list, in order, with the label selector', async () => {
    const list = await (await get(`${PATH}?labelSelector=team%3Da`)).json();
    const listed = list.metadata.resourceVersion;
    expect(listed).toBe(String(cluster.objects.resourceVersion()));
    expect(list.items.map((i: KubeObject) => i.metadata.name)).toEqual([
      'build-1',
    ]);

    // Changes after the list, before the watch starts: the watch must still see them.
    const changed = cluster.objects.update(PR, {
      ...pipelineRun('build-1', { team: 'a' }),
      status: { conditions: [{ type: 'Succeeded', status: 'True' }] },
    })!;
    cluster.objects.update(PR, {
      ...pipelineRun('build-2', { team: 'b' }),
      status: {},
    });
    cluster.objects.create(PR, pipelineRun('build-3', { team: 'a' }));
    const changes = (events: WatchEvent[]) =>
      events.filter(e => e.type !== 'BOOKMARK');
    const watching = readWatch(
      `${api.url}${PATH}?watch=1&labelSelector=team%3Da&resourceVersion=${listed}`,
      events => changes(events).length === 3,
    );
    setTimeout(() => cluster.delete(PR, 'team-a', 'build-1'), 20);
    const events = changes((await watching).events);
    expect(events.map(e => [e.type, e.object.metadata?.name])).toEqual([
      ['MODIFIED', 'build-1'],
      ['ADDED', 'build-3'],
      ['DELETED', 'build-1'],
    ]);
    const versions = events.map(e =>
      Number(e.object.metadata?.resourceVersion),
    );
    expect(versions[0]).toBe(Number(changed.metadata.resourceVersion));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('sends bookmarks with the current resourceVersion only when asked', async () => {
    const rv = cluster.objects.resourceVersion();
    const { events } = await readWatch(
      `${api.url}${PATH}?watch=true&allowWatchBookmarks=true&resourceVersion=${rv}`,
      seen => seen.length >= 2,
    );
    expect(events[0]).toEqual({
      type: 'BOOKMARK',
      object: {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { resourceVersion: String(rv) },
      },
    });

    const without = await readWatch(
      `${api.url}${PATH}?watch=true&resourceVersion=${rv}&timeoutSeconds=1`,
    );
    expect(without).toEqual({ events: [], ended: true });
  });

  it('answers a watch from a compacted resourceVersion with 410 Expired and ends it', async () => {
    const old = cluster.objects.resourceVersion() - 1;
    cluster.objects.create(PR, pipelineRun('build-3'));
    cluster.compact();
    const { events, ended } = await readWatch(
      `${api.url}${PATH}?watch=1&resourceVersion=${old}`,
    );
    expect(ended).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('ERROR');
    expect(events[0].object).toMatchObject({
      kind: 'Status',
      code: 410,
      reason: 'Expired',
    });

    // The current resourceVersion still resumes.
    const current = cluster.objects.resourceVersion();
    const resumed = readWatch(
      `${api.url}${PATH}?watch=1&resourceVersion=${current}`,
      seen => seen.length === 1,
    );
    setTimeout(() => cluster.objects.create(PR, pipelineRun('build-4')), 20);
    expect((await resumed).events[0].object.metadata?.name).toBe('build-4');
  });

  it('answers a list page with a continue token from before a compaction 410', async () => {
    const first = await (await get(`${PATH}?limit=1`)).json();
    expect(first.metadata.continue).toBeDefined();
    cluster.objects.create(PR, pipelineRun('build-3'));
    cluster.compact();
    const next = await get(
      `${PATH}?limit=1&continue=${encodeURIComponent(first.metadata.continue)}`,
    );
    expect(next.status).toBe(410);
    expect(await next.json()).toMatchObject({ code: 410, reason: 'Expired' });
  });

  it('ends a watch after timeoutSeconds', async () => {
    const started = Date.now();
    const { ended } = await readWatch(
      `${
        api.url
      }${PATH}?watch=1&resourceVersion=${cluster.objects.resourceVersion()}&timeoutSeconds=1`,
    );
    expect(ended).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
