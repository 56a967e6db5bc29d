import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  scenarioRuns,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { parseLabelSelector } from '@private-ai/plugin-modelops-common';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
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

    async function setup(token = env.kubernetesToken) {
      const knex = await databases.init(databaseId);
      await RunStore.migrate(knex);
      const store = new RunStore(knex);
      const published: string[] = [];
      const collector = (t = token) =>
        new RunCollector({
          clusters: [
            createClusterClient({
              name: 'demo',
              url: env.kubernetes.url,
              serviceAccountToken: t,
              skipTLSVerify: false,
              timeoutMs: 5000,
            }),
          ],
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

    it('reads the events and pod conditions of a task that never started, once per namespace, and keeps them after the pod and events are gone', async () => {
      const { store } = await setup();
      const client = createClusterClient({
        name: 'demo',
        url: env.kubernetes.url,
        serviceAccountToken: env.kubernetesToken,
        skipTLSVerify: false,
        timeoutMs: 5000,
      });
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
        list.mock.calls.filter(([resource]) => resource.plural === 'events');
      expect(eventLists()).toHaveLength(1);
      expect(eventLists()[0][1]).toMatchObject({ namespace: 'private-ai' });
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
      expect(eventLists()).toHaveLength(2);
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
  },
);
