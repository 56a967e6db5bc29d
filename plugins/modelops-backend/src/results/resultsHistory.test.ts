import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { RunListResponse } from '@private-ai/plugin-modelops-common';
import request from 'supertest';
import { modelopsPlugin } from '../plugin';

jest.setTimeout(60_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
/** Generated run 6 fails in its first task (see generateScale); it belongs to model 6. */
const ENTITY = 'scale-model-0006';
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: ENTITY,
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': ENTITY },
    },
    spec: { type: 'ai-model', owner: 'ai-platform' },
  },
];

describe.each(databases.eachSupportedId())(
  'history from Tekton Results in the backend on %s',
  (databaseId: TestDatabaseId) => {
    let env: DemoEnvironment;
    beforeEach(async () => {
      env = await startDemoEnvironment({
        now: Date.parse('2026-11-24T12:00:00Z'),
        taskSeconds: 0,
        results: { prunedRuns: 10 },
      });
    });
    afterEach(() => env.stop());

    async function startBackend(withResults: boolean) {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          modelopsPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              modelops: {
                clusters: [
                  {
                    name: 'demo-cluster',
                    url: env.kubernetes.url,
                    serviceAccountToken: env.kubernetesToken,
                  },
                ],
                tektonResults: withResults
                  ? [
                      {
                        cluster: 'demo-cluster',
                        url: env.results!.api.url,
                        token: env.results!.token,
                      },
                    ]
                  : [],
                collector: {
                  schedule: {
                    frequency: { minutes: 60 },
                    timeout: { minutes: 1 },
                    initialDelay: { seconds: 0 },
                  },
                  resultsSchedule: {
                    frequency: { minutes: 60 },
                    timeout: { minutes: 1 },
                    initialDelay: { seconds: 0 },
                  },
                },
              },
            },
          }),
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          catalogServiceMock.factory({ entities }),
        ],
      });
      return server;
    }

    async function runsOf(server: any, wait: boolean) {
      for (let i = 0; i < (wait ? 100 : 1); i++) {
        const res = await request(server)
          .get(`/api/modelops/runs?entityRef=resource:default/${ENTITY}`)
          .set('authorization', mockCredentials.user.header());
        if (res.body.items?.length || !wait) return res.body as RunListResponse;
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error('the import never wrote the runs');
    }

    it('shows runs pruned before the backend started, with their diagnosis and their logs from Results', async () => {
      const server = await startBackend(true);
      const body = await runsOf(server, true);
      expect(body.items).toHaveLength(1);
      const [run] = body.items;
      expect(run).toMatchObject({ status: 'Failed', pruned: true });
      expect(run.diagnosis?.code).toBeDefined();

      const detail = await request(server)
        .get(`/api/modelops/runs/demo-cluster/private-ai/${run.name}`)
        .set('authorization', mockCredentials.user.header());
      const task = detail.body.tasks[0];
      expect(task).toMatchObject({ name: 'download-model', status: 'Failed' });
      const logs = await request(server)
        .get(
          `/api/modelops/runs/demo-cluster/private-ai/${run.name}/logs?task=download-model&step=${task.steps[0].name}`,
        )
        .set('authorization', mockCredentials.user.header());
      expect(logs.status).toBe(200);
      const record = env.results!.archive.records.find(
        r =>
          r.dataType === 'tekton.dev/v1.TaskRun' &&
          (r.data.metadata?.labels as Record<string, string>)[
            'tekton.dev/pipelineRun'
          ] === run.name,
      )!;
      expect(logs.body.text).toBe(
        env.results!.archive.logs.get(record.wire.name),
      );
      expect(logs.body.truncated).toBe(false);
    });

    it('without a Results server the pruned history is not there, and nothing is invented', async () => {
      const server = await startBackend(false);
      // the live collection has run once the list reports the cluster read
      let body = await runsOf(server, false);
      for (let i = 0; i < 100 && !body.clusters?.length; i++) {
        await new Promise(r => setTimeout(r, 100));
        body = await runsOf(server, false);
      }
      expect(body.clusters).toEqual([
        expect.objectContaining({ cluster: 'demo-cluster', state: 'ok' }),
      ]);
      expect(body.items).toEqual([]);
    });
  },
);
