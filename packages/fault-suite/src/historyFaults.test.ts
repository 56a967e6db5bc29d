import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import modelopsPlugin from '@private-ai/plugin-modelops-backend';
import request from 'supertest';
import { FAULT_CASES } from './faults';
import { FaultProxy, startFaultProxy } from './startFaultProxy';

jest.setTimeout(180_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const MODEL = 'resource:default/mistral-small-24b-instruct';
const NOTEBOOKS = 'component:default/anomaly-detection-notebooks';
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'mistral-small-24b-instruct',
      namespace: 'default',
      annotations: {
        'modelops.io/pipeline-selector':
          'backstage.io/kubernetes-id=mistral-small-24b-instruct',
      },
    },
    spec: { type: 'ai-model', owner: 'group:default/ai-platform' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'anomaly-detection-notebooks',
      namespace: 'default',
      annotations: {
        'modelops.io/validation-selector':
          'backstage.io/kubernetes-id=anomaly-detection-notebooks',
      },
    },
    spec: { type: 'notebooks', owner: 'x', lifecycle: 'production' },
  },
];

/**
 * The run history and the API the UI reads, under faults: the ModelOps backend collects from
 * the demo cluster through a fault proxy. For each fault the collection must prune nothing,
 * the cluster status (the `clusters` of `/runs` that the runs tab shows) must
 * be `error` with the message, and the run and validation lists must stay as they were.
 */
describe.each(databases.eachSupportedId())(
  'run history under faults on %s',
  (databaseId: TestDatabaseId) => {
    let env: DemoEnvironment;
    let proxy: FaultProxy;
    let server: Parameters<typeof request>[0];
    const scheduler = mockServices.scheduler() as ReturnType<
      typeof mockServices.scheduler
    > & {
      factory(options?: object): any;
    };
    const user = mockCredentials.user.header();

    beforeAll(async () => {
      env = await startDemoEnvironment({
        now: Date.parse('2026-11-24T12:00:00Z'),
        taskSeconds: 0,
      });
      proxy = await startFaultProxy(env.kubernetes.url);
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          modelopsPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              modelops: {
                clusters: [
                  {
                    name: 'demo-cluster',
                    url: proxy.url,
                    serviceAccountToken: env.kubernetesToken,
                    timeoutMs: 1000,
                  },
                ],
                collector: {
                  // These faults are about the full list; the watch has its own tests.
                  watch: false,
                  schedule: {
                    frequency: { minutes: 60 },
                    timeout: { minutes: 1 },
                  },
                },
                logs: { maxBytes: 64 * 1024 },
              },
            },
          }),
          mockServices.permissions.mock({
            authorize: async requests =>
              requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          }).factory,
          scheduler.factory(),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          catalogServiceMock.factory({ entities }),
        ],
      }));
    });
    afterAll(async () => {
      await proxy.stop();
      env.stop();
    });

    const get = (path: string) =>
      request(server).get(`/api/modelops${path}`).set('authorization', user);
    const runs = async () => {
      const res = await get(`/runs?entityRef=${MODEL}&limit=500`);
      expect(res.status).toBe(200);
      return res.body as {
        items: Array<{ name: string; pruned?: boolean }>;
        totalCount: number;
        clusters: Array<{ state: string; message?: string }>;
      };
    };
    const validations = async () => {
      const res = await get(`/validations?entityRef=${NOTEBOOKS}`);
      expect(res.status).toBe(200);
      return res.body as {
        items: Array<{ name: string; pruned?: boolean }>;
        totalCount: number;
      };
    };
    const collect = async () => {
      await scheduler.triggerTask('modelops-run-collector');
      await scheduler.triggerTask('modelops-validation-collector');
    };

    it('collects the demo runs and validations through the proxy', async () => {
      const before = await runs();
      expect(before.totalCount).toBeGreaterThan(3);
      expect(before.items.every(r => !r.pruned)).toBe(true);
      expect(before.clusters).toEqual([
        expect.objectContaining({ cluster: 'demo-cluster', state: 'ok' }),
      ]);
      expect((await validations()).totalCount).toBeGreaterThan(3);
    });

    it.each(FAULT_CASES)(
      'prunes nothing and says what failed on $name',
      async faultCase => {
        const runsBefore = await runs();
        const validationsBefore = await validations();
        const match = /\/(pipelineruns|notebookvalidationjobs)\?/;
        proxy.setFault(match, faultCase.fault);
        try {
          await collect();
        } finally {
          proxy.setFault(match, undefined);
        }
        const during = await runs();
        expect(during.totalCount).toBe(runsBefore.totalCount);
        expect(during.items.filter(r => r.pruned)).toEqual([]);
        expect(during.clusters[0]).toMatchObject({
          cluster: 'demo-cluster',
          state: 'error',
        });
        expect(during.clusters[0].message).toContain(
          'cluster demo-cluster: list pipelineruns',
        );
        expect(during.clusters[0].message).toContain(faultCase.cluster);
        const validationsDuring = await validations();
        expect(validationsDuring.totalCount).toBe(validationsBefore.totalCount);
        expect(validationsDuring.items.filter(v => v.pruned)).toEqual([]);

        await collect();
        expect((await runs()).clusters[0].state).toBe('ok');
      },
    );

    it('serves the end of a 50 MB log that the cluster sends ignoring the limits', async () => {
      const failed = (await runs()).items.find(
        r => r.name === 'mistral-24b-quantized-p3x9q',
      );
      expect(failed).toBeDefined();
      const error = 'the real error, at the end\n';
      proxy.setFault(/\/log\?/, {
        kind: 'big-body',
        bytes: 50 * 1024 * 1024,
        tail: error,
      });
      try {
        const res = await get(
          '/runs/demo-cluster/private-ai/mistral-24b-quantized-p3x9q/logs?task=push-to-internal&step=push',
        );
        expect(res.status).toBe(200);
        expect(Buffer.byteLength(res.body.text)).toBeLessThanOrEqual(64 * 1024);
        expect(res.body.text.endsWith(error)).toBe(true);
        expect(res.body).toMatchObject({ truncated: true, limitBytes: 65536 });
        expect(res.body.cutBytes).toBeGreaterThan(50 * 1024 * 1024 - 65536);
      } finally {
        proxy.setFault(/\/log\?/, undefined);
      }
    });
  },
);
