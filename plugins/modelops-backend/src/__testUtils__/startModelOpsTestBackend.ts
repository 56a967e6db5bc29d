import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DemoEnvironment } from '@private-ai/demo-environment';
import { Knex } from 'knex';
import { modelopsPlugin } from '../plugin';

/** `modelops` config of a test backend. */
export type ModelOpsTestConfig = { collector?: object; [key: string]: unknown };

/** Options of {@link startModelOpsTestBackend}. */
export interface ModelOpsTestBackendOptions {
  /** The demo cluster and Model Registry the backend reads (as `demo-cluster`). */
  env: DemoEnvironment;
  knex: Knex;
  /**
   * Where the Model Registry is configured: `modelops.registry` (the run collector's lineage
   * lookups) or `catalog.providers.modelops.demo` (the evaluation gate's registries).
   */
  registryAt: 'modelops' | 'catalog';
  /** More `modelops` config; `collector` keys are laid over the defaults. */
  modelops?: ModelOpsTestConfig;
  /** What the catalog holds, or a catalog service of the test's own. */
  catalog: Entity[] | BackendFeature;
  /** The permission decisions; default the mock's (allow). */
  permissions?: BackendFeature;
  /** More features: backend modules, a signals service. */
  features?: BackendFeature[];
}

/**
 * The ModelOps backend as the route, permission and signal tests start it: the plugin on the
 * test's database, reading the demo environment's cluster, with a scheduler that runs every
 * task once at start-up (the collectors fill the history before the first request) and a
 * collector that lists instead of watching (a watch slice would hold each start 20 s;
 * `RunWatcher.test` and `ValidationWatcher.test` cover the watch). Requests without a token
 * are unauthenticated.
 */
export async function startModelOpsTestBackend(
  options: ModelOpsTestBackendOptions,
) {
  const { env, knex, registryAt, modelops = {}, catalog } = options;
  const { collector, ...moreModelops } = modelops;
  const registry = { baseUrl: env.modelRegistry.url, token: env.registryToken };
  return startTestBackend({
    features: [
      modelopsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'demo-cluster',
                    url: env.kubernetes.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: env.kubernetesToken,
                  },
                ],
              },
            ],
          },
          ...(registryAt === 'catalog'
            ? { catalog: { providers: { modelops: { demo: registry } } } }
            : {}),
          modelops: {
            ...(registryAt === 'modelops' ? { registry } : {}),
            collector: {
              watch: false,
              schedule: {
                frequency: { minutes: 60 },
                timeout: { minutes: 1 },
                initialDelay: { seconds: 0 },
              },
              ...collector,
            },
            ...moreModelops,
          },
        },
      }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      Array.isArray(catalog)
        ? catalogServiceMock.factory({ entities: catalog })
        : catalog,
      ...(options.permissions ? [options.permissions] : []),
      ...(options.features ?? []),
    ],
  });
}

/** A permission service that allows every request while `allowed()` holds, and denies it otherwise. */
export function permissionsAllowedWhile(allowed: () => boolean) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({
        result: allowed() ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      })),
  }).factory;
}
