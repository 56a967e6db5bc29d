import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { parseLabelSelector } from '@private-ai/plugin-modelops-common';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import { RunStore } from '../database/RunStore';
import { ValidationStore } from '../database/ValidationStore';
import { ValidationCollector } from './ValidationCollector';

jest.setTimeout(60_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const NVJ = 'mlops.mlops.dev/notebookvalidationjobs';
const NS = 'notebook-validation';
const selector = parseLabelSelector(
  'backstage.io/kubernetes-id=anomaly-detection-notebooks',
);

describe.each(databases.eachSupportedId())(
  'ValidationCollector on %s',
  (databaseId: TestDatabaseId) => {
    let env: DemoEnvironment;
    beforeEach(async () => {
      env = await startDemoEnvironment({
        now: Date.parse('2026-11-24T12:00:00Z'),
        taskSeconds: 0,
      });
    });
    afterEach(() => env.stop());

    async function setup(url = env.kubernetes.url) {
      const knex = await databases.init(databaseId);
      await RunStore.migrate(knex);
      const store = new ValidationStore(knex);
      const published: string[] = [];
      const collector = new ValidationCollector({
        clusters: [
          createClusterClient({
            name: 'demo',
            url,
            serviceAccountToken: env.kubernetesToken,
            skipTLSVerify: false,
            timeoutMs: 3000,
          }),
        ],
        store,
        logger: mockServices.logger.mock(),
        namespaces: [NS],
        publish: async job => void published.push(job.name),
      });
      return { store, collector, published };
    }

    it('writes every job once, then only what changed, and keeps deleted jobs as pruned history', async () => {
      const { store, collector, published } = await setup();
      expect(await collector.collectOnce()).toMatchObject({
        listed: 44,
        written: 44,
        pruned: 0,
        failedClusters: [],
      });
      expect(published).toHaveLength(44);
      expect(await collector.collectOnce()).toMatchObject({ written: 0 });

      const running = env.cluster.objects.get(
        NVJ,
        NS,
        'wave7-pod-crash-loop-healing',
      )!;
      env.cluster.objects.update(NVJ, {
        ...running,
        status: {
          ...(running.status as object),
          phase: 'Succeeded',
          results: [{ cellIndex: 0, status: 'Success', output: 'nan' }],
        },
      });
      env.cluster.objects.delete(NVJ, NS, 'wave0-00-environment-check');
      expect(await collector.collectOnce()).toMatchObject({
        listed: 43,
        written: 1,
        pruned: 1,
      });

      const { items, totalCount } = await store.list(selector, { limit: 100 });
      expect(totalCount).toBe(44);
      expect(
        items.find(i => i.name === 'wave0-00-environment-check')?.pruned,
      ).toBe(true);
      const changed = await store.get({
        cluster: 'demo',
        namespace: NS,
        name: 'wave7-pod-crash-loop-healing',
      });
      expect(changed?.phase).toBe('Succeeded');
      expect(changed?.headline).toBe(
        'Passed, but cell 0 printed NaN (a silent failure)',
      );
    });

    it('reads which image each validation pod ran, and flags the job validated before its build', async () => {
      const { store, collector } = await setup();
      await collector.collectOnce();
      const race = await store.get({
        cluster: 'demo',
        namespace: NS,
        name: 'wave3-autoencoder-anomalies',
      });
      expect(race?.gate.problems.map(p => p.code)).toEqual([
        'validation-before-build',
        'image-mismatch',
      ]);
      expect(race?.gate.validationImage).toContain(
        's2i-generic-data-science-notebook',
      );
      const ok = await store.get({
        cluster: 'demo',
        namespace: NS,
        name: 'wave0-00-environment-check',
      });
      expect(ok?.gate).toMatchObject({ state: 'ok', problems: [] });
    });

    it('keeps the history as it was when the cluster does not answer', async () => {
      const { store, collector } = await setup();
      await collector.collectOnce();
      const down = new ValidationCollector({
        clusters: [
          createClusterClient({
            name: 'demo',
            url: 'http://127.0.0.1:9',
            serviceAccountToken: 't',
            skipTLSVerify: false,
            timeoutMs: 1000,
          }),
        ],
        store,
        logger: mockServices.logger.mock(),
        namespaces: [NS],
      });
      const before = store.writes;
      expect(await down.collectOnce()).toMatchObject({
        failedClusters: ['demo'],
        written: 0,
        pruned: 0,
      });
      expect(store.writes).toBe(before);
      const [status] = await store.clusterStatuses();
      expect(status).toMatchObject({ cluster: 'demo', state: 'error' });
      expect(status.message).toMatch(
        /list notebookvalidationjobs.*unreachable/,
      );
      expect(status.lastSuccessAt).toBeDefined();
      const { items } = await store.list(selector, { limit: 100 });
      expect(items).toHaveLength(44);
      expect(items.every(i => !i.pruned)).toBe(true);
    });
  },
);
