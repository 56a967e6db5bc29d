import { startAnswerServer } from '../__testUtils__/startAnswerServer';
import { startBigLogServer } from '../__testUtils__/startBigLogServer';
import { ClusterRequestError } from './ClusterRequestError';
import { createClusterClient } from './createClusterClient';
import { RESOURCES } from './types';

const run = (name: string) => ({
  metadata: { name, namespace: 'private-ai', uid: name },
});
const list = (items: unknown[], cont?: string) =>
  JSON.stringify({
    kind: 'PipelineRunList',
    apiVersion: 'tekton.dev/v1',
    metadata: { resourceVersion: '7', ...(cont ? { continue: cont } : {}) },
    items,
  });

async function listFrom(
  answer: (path: string) => { status: number; body: string },
) {
  const server = await startAnswerServer(answer);
  try {
    return await createClusterClient({
      name: 'hub',
      url: server.url,
      skipTLSVerify: false,
      timeoutMs: 2000,
    })
      .list(RESOURCES.pipelineRuns, { namespace: 'private-ai' })
      .then(
        result => ({ result, error: undefined, paths: server.paths }),
        (error: ClusterRequestError) => ({
          result: undefined,
          error,
          paths: server.paths,
        }),
      );
  } finally {
    await server.stop();
  }
}

describe('ClusterClient.list against bad answers', () => {
  it('reads a well-formed list', async () => {
    const { result } = await listFrom(() => ({
      status: 200,
      body: list([run('a'), run('b')]),
    }));
    expect(result?.items.map(i => i.metadata?.name)).toEqual(['a', 'b']);
    expect(result?.resourceVersion).toBe('7');
  });

  it.each([
    ['{}', '{}', "the answer's kind is undefined, not a Kubernetes list"],
    [
      '{"items": null}',
      '{"kind":"PipelineRunList","items":null}',
      '"items" is not a list (null)',
    ],
    [
      'items that are not an array',
      '{"kind":"PipelineRunList","items":{}}',
      '"items" is not a list',
    ],
    [
      'an item without metadata.name',
      list([{ metadata: { namespace: 'private-ai' } }]),
      'an item without metadata.name and metadata.namespace',
    ],
    [
      'an item without namespace',
      list([{ metadata: { name: 'a' } }]),
      'an item without metadata.name and metadata.namespace',
    ],
    [
      'a Status object instead of a list',
      '{"kind":"Status","status":"Success","items":[]}',
      `the answer's kind is "Status"`,
    ],
  ])(
    'fails on %s, naming the cluster and the request',
    async (_what, body, problem) => {
      const { result, error } = await listFrom(() => ({ status: 200, body }));
      expect(result).toBeUndefined();
      expect(error).toBeInstanceOf(ClusterRequestError);
      expect(error!.message).toMatch(
        /^cluster hub: list pipelineruns in private-ai: unexpected answer: /,
      );
      expect(error!.message).toContain(problem);
    },
  );

  it.each([
    [
      'a failed second page',
      { status: 500, body: '{"kind":"Status","message":"etcd timeout"}' },
      'HTTP 500: etcd timeout',
    ],
    [
      'a garbled second page',
      { status: 200, body: '{"items":null}' },
      'unexpected answer on page 2',
    ],
    [
      'an expired continue token (410)',
      {
        status: 410,
        body: '{"kind":"Status","reason":"Expired","message":"The provided continue parameter is too old"}',
      },
      'HTTP 410 (the continue token expired; the whole list is read again next time)',
    ],
  ])(
    'fails the whole list on %s: no partial list',
    async (_what, second, problem) => {
      const { result, error, paths } = await listFrom(path =>
        path.includes('continue=')
          ? second
          : { status: 200, body: list([run('a')], 'page-2') },
      );
      expect(paths).toHaveLength(2);
      expect(result).toBeUndefined();
      expect(error!.message).toContain('cluster hub: list pipelineruns');
      expect(error!.message).toContain(problem);
    },
  );
});

describe('ClusterClient.listPages', () => {
  it('hands over each page before asking for the next, and fails on a bad later page', async () => {
    const server = await startAnswerServer(path =>
      path.includes('continue=page-2')
        ? { status: 500, body: '{"kind":"Status","message":"etcd timeout"}' }
        : { status: 200, body: list([run('a'), run('b')], 'page-2') },
    );
    const client = createClusterClient({
      name: 'hub',
      url: server.url,
      skipTLSVerify: false,
      timeoutMs: 2000,
    });
    const seen: Array<{ names: string[]; requests: number }> = [];
    try {
      await expect(async () => {
        for await (const page of client.listPages(RESOURCES.pipelineRuns, {
          namespace: 'private-ai',
          pageSize: 2,
        })) {
          seen.push({
            names: page.items.map(i => i.metadata!.name!),
            requests: server.paths.length,
          });
          expect(page.resourceVersion).toBe('7');
        }
      }).rejects.toThrow(
        'cluster hub: list pipelineruns in private-ai: HTTP 500: etcd timeout',
      );
    } finally {
      await server.stop();
    }
    expect(seen).toEqual([{ names: ['a', 'b'], requests: 1 }]);
    expect(server.paths).toEqual([
      '/apis/tekton.dev/v1/namespaces/private-ai/pipelineruns?limit=2',
      '/apis/tekton.dev/v1/namespaces/private-ai/pipelineruns?limit=2&continue=page-2',
    ]);
  });
});

describe('ClusterClient.podLog against a server that ignores limits', () => {
  const FIFTY_MB = 50 * 1024 * 1024;
  const filler = `${'x'.repeat(99)}\n`;

  const clientOf = (url: string) =>
    createClusterClient({
      name: 'hub',
      url,
      skipTLSVerify: false,
      timeoutMs: 20_000,
    });

  it('keeps the end of a 50 MB log in bounded memory, and says how much was cut', async () => {
    const error = 'Error: writing blob: permission denied\n';
    const server = await startBigLogServer(FIFTY_MB, error);
    try {
      global.gc?.();
      const before = process.memoryUsage();
      let peakHeap = before.heapUsed;
      let peakArrayBuffers = before.arrayBuffers;
      const timer = setInterval(() => {
        const now = process.memoryUsage();
        peakHeap = Math.max(peakHeap, now.heapUsed);
        peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers);
      }, 5);
      const tail = await clientOf(server.url).podLogTail(
        'private-ai',
        'pod',
        'step-push',
        { limitBytes: 64 * 1024 },
      );
      clearInterval(timer);
      expect(server.paths()[0]).toBe(
        '/api/v1/namespaces/private-ai/pods/pod/log?container=step-push&tailLines=2000',
      );
      expect(Buffer.byteLength(tail.text)).toBeLessThanOrEqual(64 * 1024);
      expect(tail.text.endsWith(error)).toBe(true);
      expect(tail.text.slice(0, filler.length)).toBe(filler); // cut at a line boundary
      expect(tail.cutBytes + Buffer.byteLength(tail.text)).toBe(
        FIFTY_MB + error.length,
      );
      // What the reader holds is counted, not guessed from the heap: 64 KB plus at most
      // about one chunk, never the 50 MB body.
      expect(tail.maxHeldBytes).toBeLessThan(64 * 1024 + 1024 * 1024);
      // The heap's peak also carries garbage the collector has not taken yet (20-43 MB seen,
      // depending on when it runs: too close to keeping every chunk, 66 MB, to tell them
      // apart), so it only guards against buffering the body and its string (~150 MB).
      const grown =
        peakHeap - before.heapUsed + (peakArrayBuffers - before.arrayBuffers);
      // eslint-disable-next-line no-console
      console.info(
        `50 MB log: kept ${tail.text.length} bytes, cut ${
          tail.cutBytes
        }; peak heap+buffers growth ${(grown / 1024 / 1024).toFixed(1)} MB`,
      );
      expect(grown).toBeLessThan(FIFTY_MB * 1.5);
    } finally {
      server.stop();
    }
  }, 30_000);

  it('finds the real error after 70 KB of filler', async () => {
    const error =
      'error: unauthorized: access to the requested resource is not authorized\n';
    const server = await startBigLogServer(70_000, error);
    try {
      const log = await clientOf(server.url).podLog(
        'private-ai',
        'pod',
        'step-push',
        {
          limitBytes: 64 * 1024,
        },
      );
      expect(log.slice(0, 100)).toMatch(
        /^\[\.\.\. \d+ KB of earlier output not shown: the log is read from the end \.\.\.\]\n/,
      );
      expect(log.endsWith(error)).toBe(true);
    } finally {
      server.stop();
    }
  });
});
