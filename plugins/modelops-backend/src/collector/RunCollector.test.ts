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
  },
);
