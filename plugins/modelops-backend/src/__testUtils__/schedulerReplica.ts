import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { SchedulerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

/** A no-op for every metric the scheduler records. */
const noMetrics: any = new Proxy(() => noMetrics, {
  get: () => noMetrics,
  apply: () => noMetrics,
});

/**
 * The real scheduler of one backend replica on a shared database, as each replica of a
 * deployment runs it: global tasks take the database's lock. `stop` runs its shutdown hooks
 * (a clean stop: running tasks are aborted and give their locks back).
 */
export function schedulerReplica(knex: Knex): {
  scheduler: SchedulerService;
  stop(): Promise<void>;
} {
  const hooks: Array<() => void | Promise<void>> = [];
  const scheduler = DefaultSchedulerService.create({
    database: mockServices.database.mock({ getClient: async () => knex }),
    logger: mockServices.logger.mock(),
    metrics: noMetrics,
    rootLifecycle: {
      addStartupHook: () => {},
      addBeforeShutdownHook: () => {},
      addShutdownHook: (hook: () => void) => void hooks.push(hook),
    } as any,
    httpRouter: { use: () => {}, addAuthPolicy: () => {} } as any,
    pluginMetadata: { getId: () => 'modelops' },
  });
  return {
    scheduler,
    stop: async () => {
      for (const hook of hooks) await hook();
    },
  };
}
