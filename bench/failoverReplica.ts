/*
 * One backend replica for failover.bench.ts: the real Backstage scheduler on a shared
 * PostgreSQL database, holding the watcher's global task with the production settings
 * (frequency 1 s, timeout `leaderLockTimeout`, a slice of the timeout minus 10 s). Prints
 * `slice <name> <epoch ms>` when it becomes (or stays) the leader. Not a test: NODE_ENV is not
 * `test`, so the scheduler's janitor runs, as in production.
 */
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import knexFactory from 'knex';
import { watchSliceMs } from '../plugins/modelops-backend/src/collector/watchSlice';
import { benchLogger } from './logger';

const [name, connection, timeoutSeconds] = process.argv.slice(2);
const timeout = { seconds: Number(timeoutSeconds) };
const logger = benchLogger({ warnings: false });
const noMetrics: any = new Proxy(() => noMetrics, {
  get: () => noMetrics,
  apply: () => noMetrics,
});

const knex = knexFactory({ client: 'pg', connection });
const scheduler = DefaultSchedulerService.create({
  database: { getClient: async () => knex } as any,
  logger,
  metrics: noMetrics,
  rootLifecycle: {
    addStartupHook() {},
    addBeforeShutdownHook() {},
    addShutdownHook() {},
  } as any,
  httpRouter: { use() {}, addAuthPolicy() {} } as any,
  pluginMetadata: { getId: () => 'modelops' },
});
scheduler
  .scheduleTask({
    id: 'modelops-run-watcher',
    frequency: { seconds: 1 },
    timeout,
    scope: 'global',
    fn: async signal => {
      console.log(`slice ${name} ${Date.now()}`);
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, watchSliceMs(timeout));
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  })
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
