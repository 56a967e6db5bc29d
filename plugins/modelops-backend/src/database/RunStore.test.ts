import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  interpretPipelineRun,
  parseLabelSelector,
} from '@private-ai/plugin-modelops-common';
import { replaceLabels } from './labelSelectorQuery';
import { RunStore } from './RunStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

/** A PipelineRun as a cluster returns it, interpreted the way the collector does. */
function summary(
  name: string,
  labels: Record<string, string>,
  startTime: string | undefined,
  reason = 'Succeeded',
) {
  return interpretPipelineRun(
    {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: {
        name,
        namespace: 'private-ai',
        uid: `uid-${name}`,
        resourceVersion: '100',
        labels,
      },
      spec: { pipelineRef: { name: 'modelcar-build-deploy-v2' } },
      status: {
        ...(startTime ? { startTime } : {}),
        conditions: [
          {
            type: 'Succeeded',
            status: reason === 'Running' ? 'Unknown' : 'True',
            reason,
          },
        ],
      },
    },
    [],
    { cluster: 'demo-cluster' },
  );
}

const pipeline = { 'tekton.dev/pipeline': 'modelcar-build-deploy-v2' };
const mistral = { ...pipeline, 'backstage.io/kubernetes-id': 'mistral' };
const granite = { ...pipeline, 'backstage.io/kubernetes-id': 'granite' };
const runs = [
  summary('mistral-a', mistral, '2026-11-20T10:00:00Z'),
  summary('mistral-b', mistral, '2026-11-22T10:00:00Z'),
  summary('mistral-pending', mistral, undefined, 'Running'),
  summary('granite-a', granite, '2026-11-21T10:00:00Z'),
  summary('plain-a', pipeline, '2026-11-23T10:00:00Z'),
];
const names = (r: { items: Array<{ name: string }> }) =>
  r.items.map(i => i.name);

describe.each(databases.eachSupportedId())(
  'RunStore on %s',
  (databaseId: TestDatabaseId) => {
    async function store() {
      const knex = await databases.init(databaseId);
      const created = await RunStore.create(mockServices.database({ knex }));
      await created.upsert(runs, '2026-11-24T12:00:00Z');
      return created;
    }

    it('keeps each run whole and lists runs not started yet first, then newest first', async () => {
      const s = await store();
      const stored = await s.get({
        cluster: 'demo-cluster',
        namespace: 'private-ai',
        name: 'mistral-b',
      });
      expect(stored).toMatchObject({
        name: 'mistral-b',
        status: 'Succeeded',
        labels: mistral,
        pruned: false,
        lastSeenAt: '2026-11-24T12:00:00Z',
      });
      const all = await s.list(parseLabelSelector('tekton.dev/pipeline'), {
        limit: 10,
      });
      expect(names(all)).toEqual([
        'mistral-pending',
        'plain-a',
        'mistral-b',
        'granite-a',
        'mistral-a',
      ]);
      expect(all.totalCount).toBe(5);
    });

    it('answers equality in SQL and other operators in code alike, page by page', async () => {
      const s = await store();
      const equality = await s.list(
        parseLabelSelector('backstage.io/kubernetes-id=mistral'),
        { limit: 2, offset: 1 },
      );
      expect(names(equality)).toEqual(['mistral-b', 'mistral-a']);
      expect(equality.totalCount).toBe(3);
      const notIn = await s.list(
        parseLabelSelector(
          'tekton.dev/pipeline,backstage.io/kubernetes-id notin (mistral)',
        ),
        { limit: 10 },
      );
      expect(names(notIn)).toEqual(['plain-a', 'granite-a']);
      const absent = await s.list(
        parseLabelSelector('tekton.dev/pipeline,!backstage.io/kubernetes-id'),
        { limit: 10 },
      );
      expect(names(absent)).toEqual(['plain-a']);
      const beyond = await s.list(
        parseLabelSelector('backstage.io/kubernetes-id=mistral'),
        { limit: 2, offset: 10 },
      );
      expect(beyond).toMatchObject({ items: [], totalCount: 3 });
      expect(beyond.next).toBeUndefined();
    });

    it('rewrites the labels of every run written again, and only theirs', async () => {
      const knex = await databases.init(databaseId);
      const s = await RunStore.create(mockServices.database({ knex }));
      const many = (id: string, count: number) =>
        Array.from({ length: count }, (_, i) =>
          summary(
            `run-${String(i).padStart(3, '0')}`,
            { ...pipeline, 'backstage.io/kubernetes-id': id },
            '2026-11-20T10:00:00Z',
          ),
        );
      await s.upsert(many('mistral', 250), '2026-11-24T12:00:00Z');
      // Runs 0-209 move to granite (more than one write chunk); 210-249 keep mistral.
      await s.upsert(many('granite', 210), '2026-11-24T12:01:00Z');
      const count = async (id: string) =>
        (
          await s.list(parseLabelSelector(`backstage.io/kubernetes-id=${id}`), {
            limit: 1,
          })
        ).totalCount;
      expect(await count('granite')).toBe(210);
      expect(await count('mistral')).toBe(40);
      const rows = await knex('modelops_run_labels')
        .where({ key: 'backstage.io/kubernetes-id' })
        .select('name', 'value')
        .orderBy('name');
      expect(rows).toHaveLength(250);
      expect(rows[0]).toEqual({ name: 'run-000', value: 'granite' });
      expect(rows[209]).toEqual({ name: 'run-209', value: 'granite' });
      expect(rows[210]).toEqual({ name: 'run-210', value: 'mistral' });
      const labelRows = async () =>
        Number((await knex('modelops_run_labels').count({ n: '*' }))[0].n);
      expect(await labelRows()).toBe(500);
      // More objects than one delete statement takes, in one call.
      await knex.transaction(tx =>
        replaceLabels(tx, 'modelops_run_labels', many('llama', 250)),
      );
      expect(await count('llama')).toBe(250);
      expect(await count('granite')).toBe(0);
      expect(await labelRows()).toBe(500);
    });

    it('leaves out runs of ids the caller may not read, in SQL and in code, counted right', async () => {
      const s = await store();
      const only = { key: 'backstage.io/kubernetes-id', values: ['granite'] };
      for (const selector of [
        'tekton.dev/pipeline=modelcar-build-deploy-v2',
        'tekton.dev/pipeline in (modelcar-build-deploy-v2,model-evaluation)',
      ]) {
        const page = await s.list(parseLabelSelector(selector), {
          limit: 1,
          only,
        });
        expect([selector, names(page), page.totalCount]).toEqual([
          selector,
          ['plain-a'],
          2,
        ]);
      }
      const none = await s.list(parseLabelSelector('tekton.dev/pipeline'), {
        limit: 10,
        only: { key: 'backstage.io/kubernetes-id', values: [] },
      });
      expect(names(none)).toEqual(['plain-a']);
    });

    it('pages through 1,000 runs by keyset, each once in order, while newer runs arrive', async () => {
      const knex = await databases.init(databaseId);
      const s = await RunStore.create(mockServices.database({ knex }));
      // Five runs share each start time (ties broken by name); ten have not started yet.
      const many = Array.from({ length: 1000 }, (_, i) =>
        summary(
          `run-${String(i).padStart(4, '0')}`,
          i % 7 === 0 ? granite : mistral,
          i < 10
            ? undefined
            : new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 5) * 60_000)
                .toISOString()
                .replace('.000', ''),
          i < 10 ? 'Running' : 'Succeeded',
        ),
      );
      await s.upsert(many, '2026-11-24T12:00:00Z');
      const expected = (
        await s.list(parseLabelSelector('tekton.dev/pipeline'), {
          limit: 1000,
        })
      ).items.map(i => i.name);
      expect(expected).toHaveLength(1000);
      expect(expected.slice(0, 10)).toEqual(many.slice(0, 10).map(r => r.name));
      expect(expected.slice(10, 15)).toEqual([
        'run-0995',
        'run-0996',
        'run-0997',
        'run-0998',
        'run-0999',
      ]);
      for (const selector of [
        'tekton.dev/pipeline',
        'tekton.dev/pipeline in (modelcar-build-deploy-v2,other)',
      ]) {
        // What the list holds when paging starts (the second round also sees the first's arrivals).
        const atStart = names(
          await s.list(parseLabelSelector(selector), { limit: 2000 }),
        );
        expect(atStart.filter(n => n.startsWith('run-'))).toEqual(expected);
        const seen: string[] = [];
        let after;
        let pages = 0;
        do {
          const page = await s.list(parseLabelSelector(selector), {
            limit: 37,
            after,
          });
          seen.push(...names(page));
          after = page.next;
          // A newer run (and one not started yet) arrives between pages.
          await s.upsert(
            [
              summary(
                `new-${selector.length}-${pages}`,
                mistral,
                // Each newer than the last: a run starts after those before it.
                `2027-01-01T${String(selector.length).padStart(
                  2,
                  '0',
                )}:${String(pages).padStart(2, '0')}:00Z`,
              ),
              summary(
                `pending-${selector.length}-${pages}`,
                mistral,
                undefined,
                'Running',
              ),
            ],
            '2026-11-24T12:00:00Z',
          );
          pages++;
        } while (after);
        expect([selector, pages]).toEqual([
          selector,
          Math.ceil(atStart.length / 37),
        ]);
        expect(seen).toEqual(atStart);
      }
      const counted = await s.list(parseLabelSelector('tekton.dev/pipeline'), {
        limit: 1,
      });
      expect([counted.totalCount, counted.totalCountCapped]).toEqual([
        1000,
        true,
      ]);
      const onlyGranite = {
        key: 'backstage.io/kubernetes-id',
        values: ['granite'],
      };
      const restricted: string[] = [];
      let after;
      do {
        const page = await s.list(
          parseLabelSelector('tekton.dev/pipeline=modelcar-build-deploy-v2'),
          { limit: 50, after, only: onlyGranite },
        );
        restricted.push(...names(page));
        after = page.next;
      } while (after);
      expect(restricted).toEqual(
        expected.filter(n => Number(n.slice(4)) % 7 === 0),
      );
    });

    it('marks pruned runs and keeps them; a new upsert brings them back', async () => {
      const s = await store();
      const key = {
        cluster: 'demo-cluster',
        namespace: 'private-ai',
        name: 'granite-a',
      };
      expect(await s.markPruned([key, { ...key, name: 'never-stored' }])).toBe(
        1,
      );
      expect(await s.markPruned([key])).toBe(0);
      expect((await s.get(key))?.pruned).toBe(true);
      const listed = await s.list(
        parseLabelSelector('backstage.io/kubernetes-id=granite'),
        { limit: 10 },
      );
      expect(listed.items[0]).toMatchObject({
        name: 'granite-a',
        pruned: true,
      });
      expect(
        (await s.versions('demo-cluster')).get(
          'demo-cluster/private-ai/granite-a',
        ),
      ).toEqual({
        uid: 'uid-granite-a',
        resourceVersion: '100',
        pruned: true,
      });
      await s.upsert([runs[3]], '2026-11-24T13:00:00Z');
      expect((await s.get(key))?.pruned).toBe(false);
    });

    it('moves a run to a newer version only from the version the caller knows, summary otherwise unchanged', async () => {
      const s = await store();
      const key = {
        cluster: 'demo-cluster',
        namespace: 'private-ai',
        name: 'mistral-a',
      };
      const before = (await s.get(key))!;
      const writes = s.writes;
      expect(
        await s.advanceVersion(key, '99', '101', '2026-11-24T13:00:00Z'),
      ).toBe(false);
      expect(
        await s.advanceVersion(key, '100', '101', '2026-11-24T13:00:00Z'),
      ).toBe(true);
      expect(s.writes - writes).toBe(1);
      expect(await s.get(key)).toEqual({
        ...before,
        resourceVersion: '101',
        lastSeenAt: '2026-11-24T13:00:00Z',
      });
      expect(
        (await s.versions('demo-cluster')).get(
          'demo-cluster/private-ai/mistral-a',
        )?.resourceVersion,
      ).toBe('101');
      // A diagnosis whose logs are still to be read: the run is summarized again instead.
      await s.replaceDiagnosis(key, '101', {
        code: 'unknown',
        title: 'Failed for a reason not recognised',
        explanation: 'The logs are read after the sync.',
        remediation: 'Wait for the logs.',
        evidence: [],
        logsNotRead: true,
      });
      expect(
        await s.advanceVersion(key, '101', '102', '2026-11-24T14:00:00Z'),
      ).toBe(false);
      await s.markPruned([key]);
      expect(
        await s.advanceVersion(key, '101', '102', '2026-11-24T14:00:00Z'),
      ).toBe(false);
      expect(
        await s.advanceVersion(
          { ...key, name: 'never-stored' },
          '1',
          '2',
          '2026-11-24T14:00:00Z',
        ),
      ).toBe(false);
    });

    it('keeps the last read status per cluster', async () => {
      const s = await store();
      await s.setClusterStatus({
        cluster: 'demo-cluster',
        state: 'ok',
        lastSuccessAt: '2026-11-24T12:00:00Z',
        lastAttemptAt: '2026-11-24T12:00:00Z',
      });
      await s.setClusterStatus({
        cluster: 'demo-cluster',
        state: 'error',
        message: 'connect ECONNREFUSED',
        lastSuccessAt: '2026-11-24T12:00:00Z',
        lastAttemptAt: '2026-11-24T12:05:00Z',
      });
      expect(await s.clusterStatuses()).toEqual([
        {
          cluster: 'demo-cluster',
          state: 'error',
          message: 'connect ECONNREFUSED',
          lastSuccessAt: '2026-11-24T12:00:00Z',
          lastAttemptAt: '2026-11-24T12:05:00Z',
        },
      ]);
    });

    it('leaves the schema alone when database.migrations.skip is set', async () => {
      const knex = await databases.init(databaseId);
      await RunStore.create(
        mockServices.database({ knex, migrations: { skip: true } }),
      );
      expect(await knex.schema.hasTable('modelops_runs')).toBe(false);
      expect(await knex.schema.hasTable('modelops_knex_migrations')).toBe(
        false,
      );
    });
  },
);
