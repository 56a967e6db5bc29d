import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { demoValidationWatcher } from '../__testUtils__/demoValidationWatcher';
import { schedulerReplica } from '../__testUtils__/schedulerReplica';
import { until } from '../__testUtils__/until';
import { RunStore } from '../database/RunStore';
import { ValidationStore } from '../database/ValidationStore';
import { scheduleLeaderWatch } from './scheduleLeaderWatch';

jest.setTimeout(60_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const NVJ = 'mlops.mlops.dev/notebookvalidationjobs';
const NS = 'notebook-validation';

describe.each(databases.eachSupportedId())(
  'scheduleLeaderWatch on %s',
  (databaseId: TestDatabaseId) => {
    let env: DemoEnvironment;
    beforeEach(async () => {
      env = await startDemoEnvironment({
        now: Date.parse('2026-11-24T12:00:00Z'),
        taskSeconds: 0,
        watchBookmarkIntervalMs: 200,
      });
    });
    afterEach(() => env.stop());

    it('lets one replica watch the validation jobs; when it stops, the other takes over', async () => {
      const knex = await databases.init(databaseId);
      await RunStore.migrate(knex);
      const store = new ValidationStore(knex);
      const replica = (name: string) => {
        const { scheduler, stop } = schedulerReplica(knex);
        const watcher = demoValidationWatcher(env, store);
        const slices: string[] = [];
        return {
          slices,
          stop,
          start: () =>
            scheduleLeaderWatch(scheduler, {
              id: 'modelops-validation-watcher',
              // Slices of 2 s (half the lock's timeout).
              lockTimeout: { seconds: 4 },
              watcher: {
                watchFor: (signal, ms) => {
                  slices.push(name);
                  return watcher.watchFor(signal, ms);
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
      expect((await store.versions('demo')).size).toBe(44);

      await a.stop();
      const takeover = await until(
        async () => b.slices.length > 0,
        'b takes over',
      );
      expect(takeover).toBeLessThan(5000);
      const job = env.cluster.objects.get(
        NVJ,
        NS,
        'wave7-pod-crash-loop-healing',
      )!;
      const changed = env.cluster.objects.update(NVJ, {
        ...job,
        status: { ...(job.status as object), phase: 'Failed' },
      })!;
      await until(
        async () =>
          (
            await store.versions('demo')
          ).get(`demo/${NS}/wave7-pod-crash-loop-healing`)?.resourceVersion ===
          changed.metadata.resourceVersion,
        'the new leader writes the change',
      );
      await b.stop();
    });
  },
);
