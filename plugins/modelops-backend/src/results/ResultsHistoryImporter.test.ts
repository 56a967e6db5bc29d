import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  generateScale,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import {
  createClusterClient,
  TektonResultsClient,
} from '@private-ai/plugin-modelops-node';
import { Knex } from 'knex';
import { RunCollector } from '../collector/RunCollector';
import { RunStore } from '../database/RunStore';
import { ResultsHistoryImporter } from './ResultsHistoryImporter';
import { ResultsWatermarkStore } from './ResultsWatermarkStore';

jest.setTimeout(60_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const PR = 'tekton.dev/pipelineruns';
const PRUNED = 30;

describe.each(databases.eachSupportedId())(
  'ResultsHistoryImporter on %s',
  (databaseId: TestDatabaseId) => {
    let env: DemoEnvironment;
    let knex: Knex;
    beforeEach(async () => {
      env = await startDemoEnvironment({
        now: Date.parse('2026-11-24T12:00:00Z'),
        taskSeconds: 0,
        results: { prunedRuns: PRUNED },
      });
      knex = await databases.init(databaseId);
      await RunStore.migrate(knex);
    });
    afterEach(() => env.stop());

    const resultsClient = (cluster = 'demo', token = env.results!.token) =>
      new TektonResultsClient({
        cluster,
        url: env.results!.api.url,
        token,
        parent: '-',
        skipTLSVerify: false,
        timeoutMs: 5000,
        pageSize: 10,
      });
    const importer = (store: RunStore, source = resultsClient()) =>
      new ResultsHistoryImporter({
        sources: [source],
        store,
        watermarks: new ResultsWatermarkStore(knex),
        logger: mockServices.logger.mock(),
      });
    const collector = (store: RunStore, cluster = 'demo') =>
      new RunCollector({
        clusters: [
          createClusterClient({
            name: cluster,
            url: env.kubernetes.url,
            serviceAccountToken: env.kubernetesToken,
            skipTLSVerify: false,
            timeoutMs: 5000,
          }),
        ],
        store,
        logger: mockServices.logger.mock(),
      });
    const archivedRuns = () =>
      env.results!.archive.records.filter(
        r => r.dataType === 'tekton.dev/v1.PipelineRun',
      );

    it('fills an empty history from Results as pruned runs, then reads only what changed', async () => {
      const store = new RunStore(knex);
      const stats = await importer(store).importOnce();
      const archived = archivedRuns();
      expect(archived.length).toBeGreaterThan(PRUNED);
      expect(stats).toMatchObject({
        read: archived.length,
        written: archived.length,
        failedClusters: [],
      });
      const pruned = await store.get({
        cluster: 'demo',
        namespace: 'private-ai',
        name: archived.find(r =>
          String(r.data.metadata?.name).startsWith('pruned-'),
        )!.data.metadata!.name as string,
      });
      expect(pruned).toMatchObject({ pruned: true, historySource: 'results' });
      expect(pruned!.tasks.length).toBeGreaterThan(0);
      expect(await new ResultsWatermarkStore(knex).get('demo')).toBe(
        archived
          .map(r => r.updateTime)
          .sort((a, b) => Date.parse(a) - Date.parse(b))
          .pop(),
      );

      const requests = env.results!.api.requests;
      const writes = store.writes;
      const again = await importer(store).importOnce();
      expect(again.written).toBe(0);
      expect(store.writes).toBe(writes);
      // one page from the watermark, no TaskRun or log reads
      expect(env.results!.api.requests - requests).toBe(1);

      // A run archived later: read with its TaskRuns from its own Result.
      const late = generateScale({
        runs: 7,
        models: 1,
        withLogs: true,
        runNamePrefix: 'late-',
        now: Date.now() + 3_600_000,
      });
      const failedLate = late.objects.filter(o => o.kind === 'PipelineRun')[6];
      env.results!.archive.addObjects(
        late.objects.filter(
          o =>
            o === failedLate ||
            o.metadata.labels?.['tekton.dev/pipelineRun'] ===
              failedLate.metadata.name,
        ),
        late.logs,
      );
      const beforeLate = env.results!.api.requests;
      expect(await importer(store).importOnce()).toMatchObject({ written: 1 });
      // a page of runs, its TaskRun records, the failed TaskRun's log
      expect(env.results!.api.requests - beforeLate).toBe(3);
      const lateRun = await store.get({
        cluster: 'demo',
        namespace: 'private-ai',
        name: failedLate.metadata.name,
      });
      expect(lateRun).toMatchObject({ status: 'Failed', pruned: true });
      expect(lateRun!.tasks[0]).toMatchObject({
        name: 'download-model',
        status: 'Failed',
        taskRunName: expect.any(String),
      });
      expect(lateRun!.diagnosis).toBeDefined();
    });

    it('interprets and diagnoses a run read from Results as the collector does from the cluster', async () => {
      const store = new RunStore(knex);
      await collector(store, 'live').collectOnce();
      await importer(store, resultsClient('archive')).importOnce();
      const live = (await knex('modelops_runs').where({ cluster: 'live' })).map(
        r => JSON.parse(r.summary),
      );
      let compared = 0;
      let diagnosed = 0;
      for (const run of live.filter(r => r.finishedAt)) {
        const archived = await store.get({
          cluster: 'archive',
          namespace: run.namespace,
          name: run.name,
        });
        expect(archived).toBeDefined();
        expect(archived!.status).toBe(run.status);
        expect(archived!.tasks.map(t => [t.name, t.status])).toEqual(
          run.tasks.map((t: any) => [t.name, t.status]),
        );
        expect(archived!.digests).toEqual(run.digests);
        // The archive keeps no pods or their events: a cause only they show is not found.
        const expected =
          run.diagnosis?.code === 'pod-unschedulable'
            ? 'timeout'
            : run.diagnosis?.code;
        expect(archived!.diagnosis?.code).toBe(expected);
        compared++;
        if (run.diagnosis) diagnosed++;
      }
      expect(compared).toBeGreaterThan(5);
      expect(diagnosed).toBeGreaterThan(8);
    });

    it('never overwrites a run the cluster still has, nor a newer stored version', async () => {
      const store = new RunStore(knex);
      await collector(store).collectOnce();
      const liveName = archivedRuns().find(
        r => !String(r.data.metadata?.name).startsWith('pruned-'),
      )!.data.metadata!.name as string;
      const liveBefore = await store.get({
        cluster: 'demo',
        namespace: 'private-ai',
        name: liveName,
      });
      await importer(store).importOnce();
      expect(
        await store.get({
          cluster: 'demo',
          namespace: 'private-ai',
          name: liveName,
        }),
      ).toEqual(liveBefore);

      // The run is pruned from the cluster and the archive gets an older copy of it.
      env.cluster.objects.delete(PR, 'private-ai', liveName);
      await collector(store).collectOnce();
      const prunedBefore = await store.get({
        cluster: 'demo',
        namespace: 'private-ai',
        name: liveName,
      });
      expect(prunedBefore!.pruned).toBe(true);
      const record = archivedRuns().find(
        r => r.data.metadata?.name === liveName,
      )!;
      const older = {
        ...(record.data as any),
        metadata: {
          ...record.data.metadata,
          resourceVersion: '1',
        },
        status: { ...(record.data as any).status, conditions: [] },
      };
      // archived later (a later update time), so the import reads it
      const later = new Date(Date.now() + 60_000).toISOString();
      env.results!.archive.addRun(older, [], [], { updateTime: later });
      const stats = await importer(store).importOnce();
      expect(stats).toMatchObject({ written: 0 });
      expect(stats.skipped).toBeGreaterThan(0);
      expect(
        await store.get({
          cluster: 'demo',
          namespace: 'private-ai',
          name: liveName,
        }),
      ).toEqual(prunedBefore);

      // A newer version of it (a higher resourceVersion) replaces the stored one.
      const newer = {
        ...(record.data as any),
        metadata: {
          ...record.data.metadata,
          resourceVersion: String(Number(prunedBefore!.resourceVersion) + 100),
          labels: {
            ...(record.data.metadata?.labels as Record<string, string>),
            'modelops.io/relabelled': 'yes',
          },
        },
      };
      env.results!.archive.addRun(newer, [], [], {
        updateTime: new Date(Date.now() + 120_000).toISOString(),
      });
      expect(await importer(store).importOnce()).toMatchObject({ written: 1 });
      expect(
        await store.get({
          cluster: 'demo',
          namespace: 'private-ai',
          name: liveName,
        }),
      ).toMatchObject({
        pruned: true,
        historySource: 'results',
        labels: { 'modelops.io/relabelled': 'yes' },
      });
    });

    it('fails an import on a refused token and keeps the history and watermark as they were', async () => {
      const store = new RunStore(knex);
      const stats = await importer(
        store,
        resultsClient('demo', 'wrong'),
      ).importOnce();
      expect(stats).toMatchObject({ written: 0, failedClusters: ['demo'] });
      expect(await new ResultsWatermarkStore(knex).get('demo')).toBeUndefined();
      const [{ n }] = await knex('modelops_runs').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });
  },
);
