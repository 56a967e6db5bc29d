import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  generateScale,
  scenarioRuns,
  seedCluster,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { parseLabelSelector } from '@private-ai/plugin-modelops-common';
import {
  ClusterClient,
  createClusterClient,
} from '@private-ai/plugin-modelops-node';
import { RunStore } from '../database/RunStore';
import { RunCollector } from './RunCollector';

jest.setTimeout(60_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const PR = 'tekton.dev/pipelineruns';

describe.each(databases.eachSupportedId())(
  'RunCollector on %s',
  (databaseId: TestDatabaseId) => {
    let env: DemoEnvironment;
    beforeEach(async () => {
      env = await startDemoEnvironment({
        now: Date.parse('2026-11-24T12:00:00Z'),
        taskSeconds: 0,
      });
    });
    afterEach(() => env.stop());

    /** A client of the demo cluster (as `demo`), or of another loopback API server. */
    const demoClient = (
      options: { url?: string; token?: string } = {},
    ): ClusterClient =>
      createClusterClient({
        name: 'demo',
        url: options.url ?? env.kubernetes.url,
        serviceAccountToken: options.token ?? env.kubernetesToken,
        skipTLSVerify: false,
        timeoutMs: 5000,
      });

    async function setup(token = env.kubernetesToken) {
      const knex = await databases.init(databaseId);
      await RunStore.migrate(knex);
      const store = new RunStore(knex);
      const published: string[] = [];
      const collector = (t = token) =>
        new RunCollector({
          clusters: [demoClient({ token: t })],
          store,
          logger: mockServices.logger.mock(),
          namespaces: ['private-ai'],
          publisher: { publish: async s => void published.push(s.name) },
        });
      return { store, collector, published };
    }

    it('writes every run once, then nothing while resourceVersions are unchanged, then only the changed runs', async () => {
      const { store, collector, published } = await setup();
      const first = await collector().collectOnce();
      expect(first).toMatchObject({
        listed: scenarioRuns.length,
        written: scenarioRuns.length,
        unchanged: 0,
        pruned: 0,
        failedClusters: [],
      });
      expect(published).toHaveLength(scenarioRuns.length);
      const writesAfterFirst = store.writes;
      const second = await collector().collectOnce();
      expect(second).toMatchObject({
        written: 0,
        unchanged: scenarioRuns.length,
      });
      expect(store.writes).toBe(writesAfterFirst);

      for (const run of scenarioRuns.slice(0, 3)) {
        const object = env.cluster.objects.get(PR, 'private-ai', run.name)!;
        env.cluster.objects.update(PR, {
          ...object,
          metadata: {
            ...object.metadata,
            annotations: { ...object.metadata.annotations, touched: 'yes' },
          },
        });
      }
      const mixed = await store.list(
        parseLabelSelector(
          'backstage.io/kubernetes-id in (mistral-small-24b-instruct,granite-3.1-8b-instruct),tekton.dev/pipeline!=model-evaluation',
        ),
        { limit: 100 },
      );
      expect(mixed.items.map(i => i.name).sort()).toEqual(
        scenarioRuns
          .filter(
            r =>
              [
                'mistral-small-24b-instruct',
                'granite-3.1-8b-instruct',
              ].includes(r.entity) && r.pipeline !== 'model-evaluation',
          )
          .map(r => r.name)
          .sort(),
      );
      const third = await collector().collectOnce();
      expect(third.written).toBe(3);
      expect(store.writes).toBe(writesAfterFirst + 3);
    });

    it('marks runs deleted from the cluster as pruned and keeps them listed', async () => {
      const { store, collector } = await setup();
      await collector().collectOnce();
      env.cluster.delete(PR, 'private-ai', 'mistral-24b-quantized-p3x9q');
      const stats = await collector().collectOnce();
      expect(stats.pruned).toBe(1);
      const { items } = await store.list(
        parseLabelSelector(
          'backstage.io/kubernetes-id=mistral-small-24b-instruct',
        ),
        { limit: 50 },
      );
      const pruned = items.find(i => i.name === 'mistral-24b-quantized-p3x9q')!;
      expect(pruned.pruned).toBe(true);
      expect(pruned.diagnosis?.code).toBe('workspace-permission-denied');
    });

    it('keeps the whole history when the cluster refuses the token, and says so per cluster', async () => {
      const { store, collector } = await setup();
      await collector().collectOnce();
      const stats = await collector('expired-token').collectOnce();
      expect(stats.failedClusters).toEqual(['demo']);
      const [status] = await store.clusterStatuses();
      expect(status.state).toBe('error');
      expect(status.message).toContain('HTTP 401');
      expect(status.lastSuccessAt).toBeDefined();
      const { totalCount, items } = await store.list(
        parseLabelSelector('tekton.dev/pipeline'),
        { limit: 100 },
      );
      expect(totalCount).toBe(scenarioRuns.length);
      expect(items.some(i => i.pruned)).toBe(false);
    });

    it('reads the events (of its pod and TaskRun only) and pod conditions of a task that never started, and keeps them after the pod and events are gone', async () => {
      const { store } = await setup();
      const client = demoClient();
      const list = jest.spyOn(client, 'list');
      const collector = new RunCollector({
        clusters: [client],
        store,
        logger: mockServices.logger.mock(),
        namespaces: ['private-ai'],
      });
      const name = 'granite-8b-fp16-gpu4x';
      const taskRunName = `${name}-build-image`;
      const podName = `${taskRunName}-pod`;
      const labels = {
        'tekton.dev/pipeline': 'modelcar-build-deploy-v2',
        'tekton.dev/pipelineRun': name,
        'backstage.io/kubernetes-id': 'granite-3.1-8b-instruct',
      };
      const pipelineRun = (condition: object, done: boolean) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name, namespace: 'private-ai', uid: 'uid-gpu4x', labels },
        spec: {
          pipelineRef: { name: 'modelcar-build-deploy-v2' },
          timeouts: { pipeline: '1h0m0s' },
        },
        status: {
          startTime: '2026-11-24T10:00:00Z',
          ...(done ? { completionTime: '2026-11-24T11:00:00Z' } : {}),
          conditions: [{ type: 'Succeeded', ...condition }],
          childReferences: [
            {
              apiVersion: 'tekton.dev/v1',
              kind: 'TaskRun',
              name: taskRunName,
              pipelineTaskName: 'build-image',
            },
          ],
        },
      });
      const taskRun = (condition: object, step: object) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: {
          name: taskRunName,
          namespace: 'private-ai',
          labels: { ...labels, 'tekton.dev/pipelineTask': 'build-image' },
        },
        spec: { taskRef: { name: 'build-image' } },
        status: {
          podName,
          startTime: '2026-11-24T10:00:05Z',
          conditions: [{ type: 'Succeeded', ...condition }],
          steps: [{ name: 'build', container: 'step-build', ...step }],
        },
      });
      const TR = 'tekton.dev/taskruns';
      env.cluster.objects.create(
        PR,
        pipelineRun({ status: 'Unknown', reason: 'Running' }, false),
      );
      env.cluster.objects.create(
        TR,
        taskRun(
          {
            status: 'Unknown',
            reason: 'Pending',
            message: 'pod status "PodScheduled":"False"',
          },
          { waiting: { reason: 'PodInitializing' } },
        ),
      );
      env.cluster.objects.create('core/pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: podName,
          namespace: 'private-ai',
          labels: { ...labels, 'tekton.dev/taskRun': taskRunName },
        },
        status: {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message:
                '0/6 nodes are available: 6 Insufficient nvidia.com/gpu.',
            },
          ],
        },
      });
      env.cluster.objects.create('core/events', {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${podName}.18a2b`, namespace: 'private-ai' },
        involvedObject: { kind: 'Pod', name: podName, namespace: 'private-ai' },
        type: 'Warning',
        reason: 'FailedScheduling',
        message:
          '0/6 nodes are available: 2 Insufficient nvidia.com/gpu, 4 node(s) had untolerated taint {node-role.kubernetes.io/infra: }. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.',
        count: 14,
        lastTimestamp: '2026-11-24T10:20:00Z',
      });

      await collector.collectOnce();
      const eventLists = () =>
        list.mock.calls
          .filter(([resource]) => resource.plural === 'events')
          .map(([, options]) => options);
      // Few runs ask (this one and the scenario's failed runs): not the namespace's events,
      // only those about each unfinished task's pod and TaskRun.
      const ownEvents = [podName, taskRunName].map(object => ({
        namespace: 'private-ai',
        fieldSelector: `involvedObject.name=${object}`,
      }));
      expect(eventLists()).toEqual(expect.arrayContaining(ownEvents));
      expect(eventLists().every(o => o?.fieldSelector)).toBe(true);
      const firstSync = eventLists().length;
      const key = { cluster: 'demo', namespace: 'private-ai', name };
      const running = await store.get(key);
      expect(running?.tasks[0].events?.[0]).toMatchObject({
        reason: 'FailedScheduling',
      });

      // The run times out; Tekton deletes the pod and the cluster forgets the event.
      env.cluster.delete('core/pods', 'private-ai', podName);
      env.cluster.delete('core/events', 'private-ai', `${podName}.18a2b`);
      const timedOut = env.cluster.objects.get(TR, 'private-ai', taskRunName)!;
      env.cluster.objects.update(TR, {
        ...timedOut,
        ...taskRun(
          {
            status: 'False',
            reason: 'TaskRunTimeout',
            message: `TaskRun "${taskRunName}" failed to finish within "1h0m0s"`,
          },
          {
            terminated: {
              exitCode: 1,
              reason: 'TaskRunTimeout',
              finishedAt: '2026-11-24T11:00:00Z',
            },
          },
        ),
        metadata: timedOut.metadata,
      });
      const run = env.cluster.objects.get(PR, 'private-ai', name)!;
      env.cluster.objects.update(PR, {
        ...pipelineRun(
          {
            status: 'False',
            reason: 'PipelineRunTimeout',
            message: `PipelineRun "${name}" failed to finish within "1h0m0s"`,
          },
          true,
        ),
        metadata: run.metadata,
      });
      await collector.collectOnce();
      expect(eventLists().slice(firstSync)).toEqual(ownEvents);
      const stored = await store.get(key);
      expect(stored?.status).toBe('TimedOut');
      expect(stored?.diagnosis).toMatchObject({
        code: 'pod-unschedulable',
        source: 'built-in',
        evidence: expect.arrayContaining([
          expect.objectContaining({
            source: 'event',
            task: 'build-image',
            reason: 'FailedScheduling',
          }),
        ]),
      });
      expect(stored?.diagnosis?.explanation).toMatch(/nvidia\.com\/gpu/);
    });

    it("reads a failed step's log once while its container stays as it ended, and again after it ran again", async () => {
      const { store } = await setup();
      const client = demoClient();
      const podLog = jest.spyOn(client, 'podLog');
      const collector = new RunCollector({
        clusters: [client],
        store,
        logger: mockServices.logger.mock(),
        namespaces: ['private-ai'],
      });
      const name = 'mistral-24b-quantized-p3x9q';
      const podName = `${name}-push-to-internal-pod`;
      const key = { cluster: 'demo', namespace: 'private-ai', name };
      const touch = (o: any, value: string) => ({
        ...o,
        metadata: {
          ...o.metadata,
          annotations: { ...o.metadata.annotations, touched: value },
        },
      });
      const summarize = async (value: string) => {
        const run = env.cluster.objects.update(
          PR,
          touch(env.cluster.objects.get(PR, 'private-ai', name)!, value),
        )!;
        await collector.summarizeAndStore(
          client,
          [run],
          `2026-11-24T12:0${value}:00Z`,
        );
        return (await store.get(key))!;
      };
      const logReads = () =>
        podLog.mock.calls.map(([, pod, container]) => `${pod}/${container}`);

      const first = await summarize('1');
      expect(logReads()).toEqual([`${podName}/step-push`]);
      expect(first.diagnosis?.evidence).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            source: 'log',
            logLines: expect.arrayContaining([
              expect.stringMatching(/Permission denied/),
            ]),
          }),
        ]),
      );

      // The run changes again; the container it failed in did not: same log, not read again.
      const second = await summarize('2');
      expect(logReads()).toHaveLength(1);
      expect(second.resourceVersion).not.toBe(first.resourceVersion);
      expect(second.diagnosis).toEqual(first.diagnosis);

      // The step ran again (a restart: another container id, a later end): its log is read.
      const pod = env.cluster.objects.get('core/pods', 'private-ai', podName)!;
      const status = pod.status as { containerStatuses: any[] };
      env.cluster.objects.update('core/pods', {
        ...pod,
        status: {
          ...status,
          containerStatuses: status.containerStatuses.map(c =>
            c.name === 'step-push'
              ? {
                  ...c,
                  restartCount: 1,
                  state: {
                    terminated: {
                      ...c.state.terminated,
                      containerID: 'cri-o://restarted',
                      finishedAt: '2026-11-24T11:59:00Z',
                    },
                  },
                }
              : c,
          ),
        },
      });
      const third = await summarize('3');
      expect(logReads()).toEqual([
        `${podName}/step-push`,
        `${podName}/step-push`,
      ]);
      expect(third.diagnosis?.code).toBe(first.diagnosis?.code);
    });

    it('syncs many runs with one paged list per resource, and reads logs only of failed runs whose pods exist', async () => {
      const knex = await databases.init(databaseId);
      await RunStore.migrate(knex);
      const store = new RunStore(knex);
      const scaled = await startDemoEnvironment({
        scenario: false,
        taskSeconds: 0,
      });
      // 60 runs (24 failed), with the pods and logs of their tasks.
      const data = generateScale({
        runs: 60,
        models: 3,
        withPods: true,
        now: Date.parse('2026-11-24T12:00:00Z'),
      });
      seedCluster(scaled.cluster, data.objects, data.logs);
      // Tekton (or a pruner) deleted the pods of one failed run: its logs are gone too.
      const podless = data.objects.find(
        o => o.kind === 'PipelineRun' && o.metadata.name.endsWith('6'),
      )!.metadata.name;
      for (const pod of data.objects.filter(
        o =>
          o.kind === 'Pod' &&
          o.metadata.labels?.['tekton.dev/pipelineRun'] === podless,
      ))
        scaled.cluster.delete('core/pods', 'private-ai', pod.metadata.name);
      const requests: string[] = [];
      scaled.kubernetes.server.on('request', r => requests.push(r.url ?? ''));
      try {
        const collector = new RunCollector({
          clusters: [
            demoClient({
              url: scaled.kubernetes.url,
              token: scaled.kubernetesToken,
            }),
          ],
          store,
          logger: mockServices.logger.mock(),
          namespaces: ['private-ai'],
          pageSize: 25,
        });
        const stats = await collector.collectOnce();
        expect(stats).toMatchObject({ listed: 60, written: 60 });
        const lists = (plural: string) =>
          requests.filter(r => r.split('?')[0].endsWith(`/${plural}`));
        const perRun = (plural: string) =>
          lists(plural).filter(r => r.includes('pipelineRun%3D'));
        expect(lists('pipelineruns')).toHaveLength(3);
        // Nothing stored yet: the TaskRun list is asked for with the first page of runs, not
        // one round trip after it.
        expect(
          requests.slice(0, 2).map(r => r.split('?')[0].split('/').pop()),
        ).toEqual(expect.arrayContaining(['pipelineruns', 'taskruns']));
        // 25 changed runs on the first page: TaskRuns come from one paged list.
        expect(perRun('taskruns')).toEqual([]);
        expect(lists('taskruns')).toHaveLength(
          Math.ceil(data.counts.taskRuns / 25),
        );
        // Pods of the first 20 failed runs one by one, then one paged list.
        expect(perRun('pods')).toHaveLength(20);
        expect(lists('pods').length - perRun('pods').length).toBe(
          Math.ceil(data.objects.filter(o => o.kind === 'Pod').length / 25),
        );
        // Events of the first 20 failed runs' failed tasks (pod and TaskRun) one by one, then
        // the namespace's events once.
        const eventsOf = lists('events').filter(r =>
          r.includes('fieldSelector='),
        );
        expect(eventsOf.length).toBeGreaterThanOrEqual(2 * 20);
        expect(eventsOf.every(r => r.includes('involvedObject.name%3D'))).toBe(
          true,
        );
        expect(lists('events').length - eventsOf.length).toBe(1);
        const failed = new Set(
          (
            await store.list(parseLabelSelector('tekton.dev/pipeline'), {
              limit: 100,
            })
          ).items
            .filter(i => i.status === 'Failed')
            .map(i => i.name),
        );
        expect(failed.size).toBe(24);
        // 20 failed runs' logs are read before they are written, the others' afterwards.
        await collector.logsRead();
        const logs = requests.filter(r => r.split('?')[0].endsWith('/log'));
        const runOfLog = (path: string) =>
          [...failed].find(name => path.includes(`/pods/${name}-`));
        expect(logs.every(runOfLog)).toBe(true);
        expect(failed.has(podless)).toBe(true);
        expect(new Set(logs.map(runOfLog))).toEqual(
          new Set([...failed].filter(name => name !== podless)),
        );
        // With the runs stored and unchanged, the next sync lists only the runs.
        requests.length = 0;
        expect(await collector.collectOnce()).toMatchObject({
          listed: 60,
          written: 0,
        });
        expect(requests.map(r => r.split('?')[0].split('/').pop())).toEqual([
          'pipelineruns',
          'pipelineruns',
          'pipelineruns',
        ]);
      } finally {
        await scaled.stop();
      }
    });

    it('writes failed runs before their logs are read, then diagnoses them from the logs; a log that cannot be read loses nothing', async () => {
      const client = demoClient();
      const diagnoses = async (options: {
        inlineLogRuns?: number;
        backgroundLogRuns?: number;
      }) => {
        const knex = await databases.init(databaseId);
        await RunStore.migrate(knex);
        const store = new RunStore(knex);
        const published: string[] = [];
        const collector = new RunCollector({
          clusters: [client],
          store,
          logger: mockServices.logger.mock(),
          namespaces: ['private-ai'],
          publisher: { publish: async s => void published.push(s.name) },
          ...options,
        });
        await collector.collectOnce();
        const read = async () => {
          const { items } = await store.list(
            parseLabelSelector('tekton.dev/pipeline'),
            { limit: 100 },
          );
          const byName = new Map<string, unknown>();
          for (const item of items.filter(i => i.diagnosis))
            byName.set(
              item.name,
              (await store.get({
                cluster: 'demo',
                namespace: 'private-ai',
                name: item.name,
              }))!.diagnosis,
            );
          return byName;
        };
        return { collector, read, published };
      };
      // Logs read before writing (every failed run of the scenario fits the inline 20).
      const reference = await (await diagnoses({})).read();
      expect([...reference.values()].some(d => (d as any).logsNotRead)).toBe(
        false,
      );

      // No log read at all: diagnoses made without them, and marked so.
      const withoutLogs = await (
        await diagnoses({ inlineLogRuns: 0, backgroundLogRuns: 0 })
      ).read();
      expect([...withoutLogs.keys()]).toEqual([...reference.keys()]);
      const changedByLogs = [...reference.keys()].filter(
        name =>
          (reference.get(name) as any).code !==
          (withoutLogs.get(name) as any).code,
      );
      // Runs whose cause is only in their log.
      expect(changedByLogs.length).toBeGreaterThan(0);
      for (const name of changedByLogs)
        expect(withoutLogs.get(name)).toMatchObject({ logsNotRead: true });

      // Read in the background: the same diagnoses as reading them first, signalled again.
      const later = await diagnoses({ inlineLogRuns: 0 });
      await later.collector.logsRead();
      expect(await later.read()).toEqual(reference);
      for (const name of changedByLogs)
        expect(
          later.published.filter(published => published === name),
        ).toHaveLength(2);

      // The log endpoint refuses every container: the runs stay, diagnosed from the rest
      // as when a log cannot be read before writing.
      for (const pod of [...env.cluster.objects.values('core/pods')])
        env.cluster.objects.update('core/pods', {
          ...pod,
          spec: { ...(pod.spec as object), containers: [] },
        });
      const refused = await diagnoses({ inlineLogRuns: 0 });
      await refused.collector.logsRead();
      const kept = await refused.read();
      expect([...kept.keys()]).toEqual([...reference.keys()]);
      for (const name of changedByLogs)
        expect(kept.get(name)).toEqual({
          ...(withoutLogs.get(name) as object),
          logsNotRead: undefined,
        });
    });

    it('fails the collection, writing nothing of the page, when a TaskRun page fails after some runs got theirs', async () => {
      const { store } = await setup();
      const client = demoClient();
      const taskRunPages: number[] = [];
      const failing: ClusterClient = {
        ...client,
        async *listPages(resource, options) {
          let pages = 0;
          for await (const page of client.listPages(resource, options)) {
            if (resource.plural === 'taskruns') {
              taskRunPages.push(page.items.length);
              if (++pages === 2)
                throw new Error(
                  'cluster demo: list taskruns in private-ai: HTTP 500: etcd timeout',
                );
            }
            yield page as any;
          }
        },
      };
      const stats = await new RunCollector({
        clusters: [failing],
        store,
        logger: mockServices.logger.mock(),
        namespaces: ['private-ai'],
        pageSize: 25,
      }).collectOnce();
      // The 21 runs of the scenario ask for the namespace's TaskRuns at once; the first page
      // of 25 served some of them before the second failed.
      expect(taskRunPages).toEqual([25, 25]);
      expect(stats).toMatchObject({ failedClusters: ['demo'], written: 0 });
      expect((await store.clusterStatuses())[0].message).toContain(
        'HTTP 500: etcd timeout',
      );
      expect((await store.versions('demo')).size).toBe(0);
    });

    it('prunes nothing when a later page fails after earlier pages were written, and says what failed', async () => {
      const { store, collector } = await setup();
      await collector().collectOnce();
      env.cluster.delete(PR, 'private-ai', 'mistral-24b-quantized-p3x9q');
      const client = demoClient();
      const failing: ClusterClient = {
        ...client,
        async *listPages(resource, options) {
          let pages = 0;
          for await (const page of client.listPages(resource, options)) {
            if (resource.plural === 'pipelineruns' && ++pages === 2)
              throw new Error(
                'cluster demo: list pipelineruns in private-ai: HTTP 500: etcd timeout',
              );
            yield page as any;
          }
        },
      };
      const partial = new RunCollector({
        clusters: [failing],
        store,
        logger: mockServices.logger.mock(),
        namespaces: ['private-ai'],
        pageSize: 5,
      });
      const stats = await partial.collectOnce();
      expect(stats).toMatchObject({ pruned: 0, failedClusters: ['demo'] });
      const [status] = await store.clusterStatuses();
      expect(status).toMatchObject({ state: 'error' });
      expect(status.message).toContain('HTTP 500: etcd timeout');
      const key = {
        cluster: 'demo',
        namespace: 'private-ai',
        name: 'mistral-24b-quantized-p3x9q',
      };
      expect((await store.get(key))?.pruned).toBe(false);

      expect(await collector().collectOnce()).toMatchObject({ pruned: 1 });
      expect((await store.get(key))?.pruned).toBe(true);
    });
  },
);
