import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  interpretNotebookValidationJob,
  parseLabelSelector,
} from '@private-ai/plugin-modelops-common';
import { RunStore } from './RunStore';
import { ValidationStore } from './ValidationStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

/** A NotebookValidationJob as a cluster returns it, interpreted the way the collector does. */
function job(name: string, wave: string | undefined, phase: string) {
  return interpretNotebookValidationJob(
    {
      apiVersion: 'mlops.mlops.dev/v1alpha1',
      kind: 'NotebookValidationJob',
      metadata: {
        name,
        namespace: 'notebook-validation',
        uid: `uid-${name}`,
        resourceVersion: '7',
        labels: { 'backstage.io/kubernetes-id': 'notebooks' },
        annotations: wave ? { 'argocd.argoproj.io/sync-wave': wave } : {},
      },
      spec: { notebook: { path: `notebooks/${name}.ipynb` } },
      status: { phase },
    },
    { cluster: 'demo-cluster' },
  );
}

describe.each(databases.eachSupportedId())(
  'ValidationStore on %s',
  (databaseId: TestDatabaseId) => {
    async function store() {
      const knex = await databases.init(databaseId);
      // The validation tables come with the run history's migrations.
      await RunStore.create(mockServices.database({ knex }));
      const s = new ValidationStore(knex);
      await s.upsert(
        [
          { summary: job('w3-b', '3', 'Failed'), podVersion: 'p1' },
          { summary: job('no-wave', undefined, 'Pending') },
          { summary: job('w1-a', '1', 'Succeeded') },
          { summary: job('w3-a', '3', 'Running') },
        ],
        '2026-11-24T12:00:00Z',
      );
      return s;
    }

    it('lists jobs in wave order, jobs without a wave last, one page at a time', async () => {
      const s = await store();
      const selector = parseLabelSelector(
        'backstage.io/kubernetes-id=notebooks',
      );
      const all = await s.list(selector, { limit: 10 });
      expect(all.items.map(i => [i.name, i.wave, i.phase])).toEqual([
        ['w1-a', 1, 'Succeeded'],
        ['w3-a', 3, 'ValidationRunning'],
        ['w3-b', 3, 'Failed'],
        ['no-wave', undefined, 'Initializing'],
      ]);
      const page = await s.list(selector, { limit: 2, offset: 1 });
      expect(page.items.map(i => i.name)).toEqual(['w3-a', 'w3-b']);
      expect(page.totalCount).toBe(4);
      const hidden = await s.list(selector, {
        limit: 10,
        only: { key: 'backstage.io/kubernetes-id', values: ['other'] },
      });
      expect(hidden).toEqual({ items: [], totalCount: 0 });
    });

    it('keeps what the collector compares, and pruned jobs', async () => {
      const s = await store();
      const key = {
        cluster: 'demo-cluster',
        namespace: 'notebook-validation',
        name: 'w3-b',
      };
      expect(
        (await s.versions('demo-cluster')).get(
          'demo-cluster/notebook-validation/w3-b',
        ),
      ).toEqual({
        uid: 'uid-w3-b',
        resourceVersion: '7',
        podVersion: 'p1',
        pruned: false,
      });
      expect(await s.markPruned([key])).toBe(1);
      expect(await s.get(key)).toMatchObject({
        name: 'w3-b',
        phase: 'Failed',
        pruned: true,
      });
      expect(await s.get({ ...key, name: 'nope' })).toBeUndefined();
    });

    it('reads the versions of the jobs a watch names, and nothing else', async () => {
      const s = await store();
      const versions = await s.versionsOf('demo-cluster', [
        { namespace: 'notebook-validation', name: 'w3-b' },
        { namespace: 'notebook-validation', name: 'w1-a' },
        { namespace: 'notebook-validation', name: 'never-seen' },
        { namespace: 'other', name: 'w3-a' },
      ]);
      expect([...versions.keys()].sort()).toEqual([
        'demo-cluster/notebook-validation/w1-a',
        'demo-cluster/notebook-validation/w3-b',
      ]);
      expect(versions.get('demo-cluster/notebook-validation/w3-b')).toEqual({
        uid: 'uid-w3-b',
        resourceVersion: '7',
        podVersion: 'p1',
        pruned: false,
      });
      expect(
        await s.versionsOf('other-cluster', [
          { namespace: 'notebook-validation', name: 'w3-b' },
        ]),
      ).toEqual(new Map());
    });

    it('keeps a read status per cluster, apart from the runs', async () => {
      const s = await store();
      await s.setClusterStatus({
        cluster: 'demo-cluster',
        state: 'ok',
        lastAttemptAt: '2026-11-24T12:00:00Z',
        lastSuccessAt: '2026-11-24T12:00:00Z',
      });
      await s.setClusterStatus({
        cluster: 'demo-cluster',
        state: 'error',
        message: '403 Forbidden: cannot list notebookvalidationjobs',
        lastAttemptAt: '2026-11-24T12:01:00Z',
        lastSuccessAt: '2026-11-24T12:00:00Z',
      });
      expect(await s.clusterStatuses()).toEqual([
        {
          cluster: 'demo-cluster',
          state: 'error',
          message: '403 Forbidden: cannot list notebookvalidationjobs',
          lastAttemptAt: '2026-11-24T12:01:00Z',
          lastSuccessAt: '2026-11-24T12:00:00Z',
        },
      ]);
    });
  },
);
