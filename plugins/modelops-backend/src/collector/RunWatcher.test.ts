import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  KubeObject,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import { Knex } from 'knex';
import { schedulerReplica } from '../__testUtils__/schedulerReplica';
import { until } from '../__testUtils__/until';
import { RunStore } from '../database/RunStore';
import { RunCollector } from './RunCollector';
import { RunWatcher } from './RunWatcher';
import { scheduleLeaderWatch } from './scheduleLeaderWatch';

jest.setTimeout(60_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const PR = 'tekton.dev/pipelineruns';
const TR = 'tekton.dev/taskruns';
const NAMESPACE = 'private-ai';

describe.each(databases.eachSupportedId())(
  'RunWatcher on %s',
  (databaseId: TestDatabaseId) => {
    let env: DemoEnvironment;
    let knex: Knex;
    let store: RunStore;
    beforeEach(async () => {
      env = await startDemoEnvironment({
        now: Date.parse('2026-11-24T12:00:00Z'),
        taskSeconds: 0,
        watchBookmarkIntervalMs: 200,
      });
      knex = await databases.init(databaseId);
      await RunStore.migrate(knex);
      store = new RunStore(knex);
    });
    afterEach(() => env.stop());

    function watcher(published: string[] = [], token = env.kubernetesToken) {
      const client = createClusterClient({
        name: 'demo',
        url: env.kubernetes.url,
        serviceAccountToken: token,
        skipTLSVerify: false,
        timeoutMs: 5000,
      });
      const logger = mockServices.logger.mock();
      const collector = new RunCollector({
        clusters: [client],
        store,
        logger,
        namespaces: [NAMESPACE],
        publisher: { publish: async s => void published.push(s.name) },
      });
      return new RunWatcher({
        clusters: [client],
        collector,
        store,
        logger,
        namespaces: [NAMESPACE],
        backoff: { initialMs: 20, maxMs: 200 },
      });
    }
    const someRun = () =>
      [...env.cluster.objects.values(PR)].find(
        o => o.metadata.namespace === NAMESPACE,
      )!;
    const stored = (run: KubeObject) =>
      store.get({
        cluster: 'demo',
        namespace: NAMESPACE,
        name: run.metadata.name,
      });

    it('writes a changed run within a second, nothing for the others, and prunes only on DELETED', async () => {
      const published: string[] = [];
      const stop = new AbortController();
      const running = watcher(published).watchFor(stop.signal, 60_000);
      const inCluster = [...env.cluster.objects.values(PR)].filter(
        o => o.metadata.namespace === NAMESPACE,
      ).length;
      await until(
        async () => (await store.versions('demo')).size === inCluster,
        'the first list written',
      );
      const writesAfterSync = store.writes;
      published.length = 0;

      // A label (the summary keeps them) changes.
      const run = someRun();
      const changed = env.cluster.objects.update(PR, {
        ...run,
        metadata: {
          ...run.metadata,
          labels: { ...run.metadata.labels, touched: 'yes' },
        },
      })!;
      const latency = await until(
        async () =>
          (
            await store.versions('demo')
          ).get(`demo/${NAMESPACE}/${run.metadata.name}`)?.resourceVersion ===
          changed.metadata.resourceVersion,
        'the changed run written',
      );
      expect(latency).toBeLessThan(1000);
      expect(store.writes - writesAfterSync).toBe(1);
      expect(published).toEqual([run.metadata.name]);

      // A TaskRun that changes (a label: the join reads them) marks its PipelineRun changed.
      const taskRun = [...env.cluster.objects.values(TR)].find(
        t =>
          t.metadata.labels?.['tekton.dev/pipelineRun'] === run.metadata.name,
      );
      expect(taskRun).toBeDefined();
      env.cluster.objects.update(TR, {
        ...taskRun!,
        metadata: {
          ...taskRun!.metadata,
          labels: { ...taskRun!.metadata.labels, touched: 'yes' },
        },
      });
      await until(async () => published.length === 2, 'the TaskRun change');
      expect(store.writes - writesAfterSync).toBe(2);

      // The server drops every connection; a deletion meanwhile is still seen.
      env.kubernetes.dropConnections();
      env.cluster.delete(PR, NAMESPACE, run.metadata.name);
      await until(
        async () => (await stored(run))?.pruned === true,
        'the deleted run pruned',
      );
      const others = [...(await store.versions('demo')).values()].filter(
        v => v.pruned,
      );
      expect(others).toHaveLength(1);
      stop.abort();
      await running;
    });

    it('summarizes from the TaskRuns the watch delivered: one TaskRun list in all; a final run: no request for a change its summary does not read, a list of its TaskRuns for one it reads', async () => {
      const requests: string[] = [];
      env.kubernetes.server.on('request', r => requests.push(r.url ?? ''));
      const taskRunLists = () =>
        requests
          .filter(
            url =>
              url.split('?')[0].endsWith('/taskruns') &&
              !url.includes('watch=') &&
              !url.includes('continue='),
          )
          .map(url =>
            new URL(url, 'http://x').searchParams.get('labelSelector'),
          );
      const stop = new AbortController();
      const running = watcher().watchFor(stop.signal, 60_000);
      const inCluster = [...env.cluster.objects.values(PR)].filter(
        o => o.metadata.namespace === NAMESPACE,
      ).length;
      await until(
        async () => (await store.versions('demo')).size === inCluster,
        'the first list written',
      );
      // The first summaries read the informer's list: no second list, none per run.
      expect(taskRunLists()).toEqual(['tekton.dev/pipelineRun']);

      // A running run's TaskRun finishes: its summary follows, from the watched TaskRun.
      const run = [...env.cluster.objects.values(PR)].find(
        o => (o.status as any)?.conditions?.[0]?.status === 'Unknown',
      )!;
      const taskRun = [...env.cluster.objects.values(TR)].find(
        t =>
          t.metadata.labels?.['tekton.dev/pipelineRun'] === run.metadata.name &&
          (t.status as any)?.conditions?.[0]?.status === 'Unknown',
      )!;
      expect(taskRun).toBeDefined();
      const before = (await stored(run))!.tasks.find(
        t => t.taskRunName === taskRun.metadata.name,
      );
      expect(before?.status).toBe('Running');
      env.cluster.objects.update(TR, {
        ...taskRun,
        status: {
          ...(taskRun.status as object),
          completionTime: '2026-11-24T12:00:30Z',
          conditions: [
            {
              type: 'Succeeded',
              status: 'True',
              reason: 'Succeeded',
              message: 'All Steps have completed executing',
              lastTransitionTime: '2026-11-24T12:00:30Z',
            },
          ],
        },
      });
      await until(
        async () =>
          (
            await stored(run)
          )?.tasks.find(t => t.taskRunName === taskRun.metadata.name)
            ?.status === 'Succeeded',
        'the finished TaskRun in the summary',
      );
      expect(taskRunLists()).toEqual(['tekton.dev/pipelineRun']);

      // A final run's TaskRuns are not kept. A change the summary does not read (an
      // annotation of a TaskRun, then of the run, as Tekton Results' watcher writes) costs no
      // request: the stored run only moves to the new version.
      const final = someRun();
      expect((final.status as any).conditions[0].status).not.toBe('Unknown');
      const untouched = (await stored(final))!;
      const finalTaskRun = [...env.cluster.objects.values(TR)].find(
        t =>
          t.metadata.labels?.['tekton.dev/pipelineRun'] === final.metadata.name,
      )!;
      const requestsBefore = requests.length;
      const writesBefore = store.writes;
      env.cluster.objects.update(TR, {
        ...finalTaskRun,
        metadata: {
          ...finalTaskRun.metadata,
          annotations: { 'results.tekton.dev/record': 'x' },
        },
      });
      const touched = env.cluster.objects.update(PR, {
        ...final,
        metadata: {
          ...final.metadata,
          annotations: {
            ...final.metadata.annotations,
            'results.tekton.dev/record': 'x',
          },
        },
      })!;
      await until(
        async () =>
          (await stored(final))?.resourceVersion ===
          touched.metadata.resourceVersion,
        'the touched final run at its new version',
      );
      expect(
        requests.slice(requestsBefore).filter(url => !url.includes('watch=')),
      ).toEqual([]);
      expect(store.writes - writesBefore).toBe(1);
      expect({
        ...(await stored(final))!,
        resourceVersion: untouched.resourceVersion,
        lastSeenAt: untouched.lastSeenAt,
      }).toEqual(untouched);

      // A change it reads (an annotation naming who started it) is summarized: its TaskRuns
      // are listed.
      const restarted = env.cluster.objects.update(PR, {
        ...touched,
        metadata: {
          ...touched.metadata,
          annotations: {
            ...touched.metadata.annotations,
            'modelops.io/triggered-by': 'user:default/someone-else',
          },
        },
      })!;
      await until(
        async () =>
          (await stored(final))?.resourceVersion ===
          restarted.metadata.resourceVersion,
        'the final run written',
      );
      expect(taskRunLists()).toEqual([
        'tekton.dev/pipelineRun',
        `tekton.dev/pipelineRun=${final.metadata.name}`,
      ]);
      const after = (await stored(final))!;
      expect(after.tasks).toEqual(untouched.tasks);
      expect(after.triggeredBy).toBe('user:default/someone-else');
      stop.abort();
      await running;
    });

    it('lists again after 410 Gone without writing unchanged runs', async () => {
      const w = watcher();
      let stop = new AbortController();
      let running = w.watchFor(stop.signal, 60_000);
      await until(
        async () => (await store.versions('demo')).size > 0,
        'the first list written',
      );
      stop.abort();
      await running;
      const writes = store.writes;
      const run = someRun();
      env.cluster.delete(PR, NAMESPACE, run.metadata.name);
      env.cluster.compact();
      stop = new AbortController();
      running = w.watchFor(stop.signal, 60_000);
      await until(
        async () => (await stored(run))?.pruned === true,
        'the run deleted while compacted pruned by the new list',
      );
      expect(store.writes - writes).toBe(1);
      stop.abort();
      await running;
    });

    it('shows a cluster whose watch fails as failing, with the reason', async () => {
      const stop = new AbortController();
      const running = watcher([], 'wrong-token').watchFor(stop.signal, 60_000);
      await until(
        async () => (await store.clusterStatuses()).length > 0,
        'a cluster status',
      );
      const [status] = await store.clusterStatuses();
      expect(status).toMatchObject({ cluster: 'demo', state: 'error' });
      expect(status.message).toMatch(/401/);
      expect(await store.versions('demo')).toEqual(new Map());
      stop.abort();
      await running;
    });

    it('only the leader watches; when it stops, the other replica takes over', async () => {
      const replica = (name: string) => {
        const { scheduler, stop } = schedulerReplica(knex);
        const slices: string[] = [];
        const w = watcher();
        return {
          slices,
          stop,
          start: () =>
            scheduleLeaderWatch(scheduler, {
              id: 'modelops-run-watcher',
              // Slices of 2 s (half the lock's timeout).
              lockTimeout: { seconds: 4 },
              watcher: {
                watchFor: (signal, ms) => {
                  slices.push(name);
                  return w.watchFor(signal, ms);
                },
              },
            }),
        };
      };
      const a = replica('a');
      const b = replica('b');
      await a.start();
      await until(async () => a.slices.length > 0, 'a leader');
      await b.start();
      await until(async () => a.slices.length >= 3, 'three slices of a');
      expect(b.slices).toEqual([]); // one leader while it lives

      await a.stop();
      const takeover = await until(
        async () => b.slices.length > 0,
        'b takes over',
      );
      expect(takeover).toBeLessThan(5000);
      const run = someRun();
      const changed = env.cluster.objects.update(PR, {
        ...run,
        metadata: { ...run.metadata, annotations: { touched: 'b' } },
      })!;
      await until(
        async () =>
          (await stored(run))?.resourceVersion ===
          changed.metadata.resourceVersion,
        'the new leader writes the change',
      );
      await b.stop();
    });
  },
);
