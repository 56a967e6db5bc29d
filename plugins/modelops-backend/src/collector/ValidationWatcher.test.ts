import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  KubeObject,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { demoValidationWatcher } from '../__testUtils__/demoValidationWatcher';
import { until } from '../__testUtils__/until';
import { createServer, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { RunStore } from '../database/RunStore';
import { ValidationStore } from '../database/ValidationStore';

jest.setTimeout(60_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const NVJ = 'mlops.mlops.dev/notebookvalidationjobs';
const POD = 'core/pods';
const NS = 'notebook-validation';
const JOBS = 44;

describe.each(databases.eachSupportedId())(
  'ValidationWatcher on %s',
  (databaseId: TestDatabaseId) => {
    let env: DemoEnvironment;
    let store: ValidationStore;
    beforeEach(async () => {
      env = await startDemoEnvironment({
        now: Date.parse('2026-11-24T12:00:00Z'),
        taskSeconds: 0,
        watchBookmarkIntervalMs: 200,
      });
      const knex = await databases.init(databaseId);
      await RunStore.migrate(knex);
      store = new ValidationStore(knex);
    });
    afterEach(() => env.stop());

    const watcher = (published: string[] = [], token?: string) =>
      demoValidationWatcher(env, store, { published, token });
    const firstListWritten = () =>
      until(
        async () => (await store.versions('demo')).size === JOBS,
        'the first list written',
      );
    const job = (name: string) => env.cluster.objects.get(NVJ, NS, name)!;
    const stored = (name: string) =>
      store.get({ cluster: 'demo', namespace: NS, name });
    const storedVersion = async (name: string) =>
      (await store.versions('demo')).get(`demo/${NS}/${name}`);
    const touch = (o: KubeObject, value: string) => ({
      ...o,
      metadata: {
        ...o.metadata,
        annotations: { ...o.metadata.annotations, touched: value },
      },
    });

    it('writes a changed job within 2 s and nothing else, follows its pod, and prunes only on DELETED', async () => {
      const published: string[] = [];
      const stop = new AbortController();
      const running = watcher(published).watchFor(stop.signal, 60_000);
      await firstListWritten();
      // The status follows the list's writes and prunes.
      await until(
        async () => (await store.clusterStatuses())[0]?.state === 'ok',
        'the cluster read',
      );
      expect(await store.clusterStatuses()).toEqual([
        expect.objectContaining({ cluster: 'demo', state: 'ok' }),
      ]);
      const writesAfterSync = store.writes;
      published.length = 0;

      const running7 = job('wave7-pod-crash-loop-healing');
      const succeeded = env.cluster.objects.update(NVJ, {
        ...running7,
        status: {
          ...(running7.status as object),
          phase: 'Succeeded',
          results: [{ cellIndex: 0, status: 'Success', output: 'nan' }],
        },
      })!;
      const latency = await until(
        async () =>
          (
            await storedVersion('wave7-pod-crash-loop-healing')
          )?.resourceVersion === succeeded.metadata.resourceVersion,
        'the changed job written',
      );
      expect(latency).toBeLessThan(2000);
      expect(store.writes - writesAfterSync).toBe(1);
      expect(published).toEqual(['wave7-pod-crash-loop-healing']);
      expect((await stored('wave7-pod-crash-loop-healing'))?.headline).toBe(
        'Passed, but cell 0 printed NaN (a silent failure)',
      );

      // A validation pod that changes marks its job changed: the job is written with the pod.
      const pod = [...env.cluster.objects.values(POD)].find(
        p =>
          p.metadata.namespace === NS &&
          p.metadata.labels?.notebookvalidationjob ===
            'wave0-00-environment-check',
      )!;
      expect(pod).toBeDefined();
      const changedPod = env.cluster.objects.update(POD, touch(pod, 'yes'))!;
      await until(
        async () =>
          (await storedVersion('wave0-00-environment-check'))?.podVersion ===
          changedPod.metadata.resourceVersion,
        'the job of the changed pod written',
      );
      expect(store.writes - writesAfterSync).toBe(2);
      expect(published).toEqual([
        'wave7-pod-crash-loop-healing',
        'wave0-00-environment-check',
      ]);

      // The server drops every connection; a deletion meanwhile is still seen.
      env.kubernetes.dropConnections();
      env.cluster.delete(NVJ, NS, 'wave1-prometheus-metrics-collection');
      await until(
        async () =>
          (await stored('wave1-prometheus-metrics-collection'))?.pruned ===
          true,
        'the deleted job pruned',
      );
      const pruned = [...(await store.versions('demo')).values()].filter(
        v => v.pruned,
      );
      expect(pruned).toHaveLength(1);
      expect(store.writes - writesAfterSync).toBe(3);
      stop.abort();
      await running;
    });

    it('lists again after 410 Gone: prunes what went meanwhile, writes nothing unchanged', async () => {
      const w = watcher();
      let stop = new AbortController();
      let running = w.watchFor(stop.signal, 60_000);
      await firstListWritten();
      stop.abort();
      await running;
      const writes = store.writes;
      env.cluster.delete(NVJ, NS, 'wave1-prometheus-metrics-collection');
      env.cluster.compact();
      stop = new AbortController();
      running = w.watchFor(stop.signal, 60_000);
      await until(
        async () =>
          (await stored('wave1-prometheus-metrics-collection'))?.pruned ===
          true,
        'the job deleted while compacted pruned by the new list',
      );
      // The new list of pods finds nothing changed either.
      await new Promise(resolve => setTimeout(resolve, 500));
      expect(store.writes - writes).toBe(1);
      stop.abort();
      await running;
    });

    it('shows a cluster whose watch fails as failing, with the reason, and keeps the history', async () => {
      let stop = new AbortController();
      let running = watcher().watchFor(stop.signal, 60_000);
      await firstListWritten();
      stop.abort();
      await running;
      const writes = store.writes;

      stop = new AbortController();
      running = watcher([], 'wrong-token').watchFor(stop.signal, 60_000);
      await until(
        async () =>
          (await store.clusterStatuses()).some(s => s.state === 'error'),
        'an error status',
      );
      const [status] = await store.clusterStatuses();
      expect(status).toMatchObject({ cluster: 'demo', state: 'error' });
      expect(status.message).toMatch(/401/);
      expect(status.lastSuccessAt).toBeDefined();
      stop.abort();
      await running;
      expect(store.writes).toBe(writes);
      const versions = [...(await store.versions('demo')).values()];
      expect(versions).toHaveLength(JOBS);
      expect(versions.every(v => !v.pruned)).toBe(true);
    });

    it('leaves a cluster without the operator alone: no error, one request per retry period', async () => {
      // The demo API as a cluster without the NotebookValidationJob CRD answers it.
      let jobRequests = 0;
      const target = new URL(env.kubernetes.url);
      const proxy = createServer((req, res) => {
        if (req.url?.includes('/notebookvalidationjobs')) {
          jobRequests += 1;
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              message: 'the server could not find the requested resource',
              reason: 'NotFound',
              code: 404,
            }),
          );
          return;
        }
        req.pipe(
          httpRequest(
            {
              host: target.hostname,
              port: target.port,
              path: req.url,
              method: req.method,
              headers: req.headers,
            },
            answer => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(res);
            },
          ),
        );
      });
      await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = proxy.address() as AddressInfo;
        const w = demoValidationWatcher(env, store, {
          url: `http://127.0.0.1:${port}`,
          absentRetryMs: 60_000,
        });
        await w.watchFor(new AbortController().signal, 1500);
        expect(jobRequests).toBe(1);
        expect(await store.clusterStatuses()).toEqual([
          expect.objectContaining({ cluster: 'demo', state: 'ok' }),
        ]);
        expect(await store.versions('demo')).toEqual(new Map());
      } finally {
        proxy.closeAllConnections();
        await new Promise(resolve => proxy.close(resolve));
      }
    });
  },
);
