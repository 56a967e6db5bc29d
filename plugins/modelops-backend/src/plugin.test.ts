import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  scenarioRuns,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import {
  isOpenedFailure,
  NotebookJobListResponse,
  RunListResponse,
} from '@private-ai/plugin-modelops-common';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { DiagnosisRule } from '@private-ai/plugin-modelops-common';
import { modelopsDiagnosisExtensionPoint } from '@private-ai/plugin-modelops-node';
import {
  permissionsAllowedWhile,
  startModelOpsTestBackend,
} from './__testUtils__/startModelOpsTestBackend';

/** A rule a platform team adds for its own failure: the OOMKilled build of this one run. */
const teamRule: DiagnosisRule = {
  code: 'team-known-oom',
  title: 'Known: fp16 builds need the large build node pool',
  explanation: 'Team rule.',
  remediation: 'Label the run with build-pool=large.',
  match: facts =>
    facts.summary.name === 'mistral-24b-fp16-m9q3z'
      ? [{ source: 'condition', message: 'team rule' }]
      : undefined,
};
const teamRules = createBackendModule({
  pluginId: 'modelops',
  moduleId: 'team-rules',
  register(env) {
    env.registerInit({
      deps: { diagnosis: modelopsDiagnosisExtensionPoint },
      async init({ diagnosis }) {
        diagnosis.addDiagnosisRules(teamRule);
      },
    });
  },
});

const NOW = Date.parse('2026-11-24T12:00:00Z');

jest.setTimeout(60_000);

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
      name: 'broken-selector',
      namespace: 'default',
      annotations: { 'modelops.io/pipeline-selector': 'a in (b' },
    },
    spec: { type: 'pipeline', owner: 'x', lifecycle: 'production' },
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
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'no-annotations', namespace: 'default' },
    spec: { type: 'service', owner: 'x', lifecycle: 'production' },
  },
];

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

it('runs the database tests on PostgreSQL whenever CI is set (scripts/test starts it)', () => {
  expect(databases.supports('POSTGRES_15') || !process.env.CI).toBe(true);
});

describe.each(databases.eachSupportedId())(
  'modelops backend on %s',
  (databaseId: TestDatabaseId) => {
    let env: DemoEnvironment;
    let allow = true;

    beforeAll(async () => {
      env = await startDemoEnvironment({ now: NOW, taskSeconds: 0 });
    });
    afterAll(() => env.stop());

    async function startBackend(features: BackendFeature[] = []) {
      const knex = await databases.init(databaseId);
      const { server } = await startModelOpsTestBackend({
        env,
        knex,
        registryAt: 'modelops',
        modelops: { logs: { maxBytes: 200 } },
        catalog: entities,
        permissions: permissionsAllowedWhile(() => allow),
        features,
      });
      return { server, knex };
    }

    async function waitForRuns(server: any) {
      for (let i = 0; i < 100; i++) {
        const res = await request(server)
          .get(
            '/api/modelops/runs?entityRef=resource:default/mistral-small-24b-instruct',
          )
          .set('authorization', mockCredentials.user.header());
        if (res.body.items?.length) return res.body as RunListResponse;
        await new Promise(r => setTimeout(r, 100));
      }
      const res = await request(server)
        .get('/api/modelops/clusters')
        .set('authorization', mockCredentials.user.header());
      throw new Error(
        `the collector never wrote the runs: ${JSON.stringify(res.body)}`,
      );
    }

    it('lists the runs of an entity, newest first, with diagnoses, and serves detail and logs', async () => {
      const { server } = await startBackend();
      const body = await waitForRuns(server);
      const expected = scenarioRuns.filter(
        r => r.entity === 'mistral-small-24b-instruct',
      );
      expect(body.totalCount).toBe(expected.length);
      expect(body.selector).toBe(
        'backstage.io/kubernetes-id=mistral-small-24b-instruct',
      );
      expect(body.clusters).toEqual([
        expect.objectContaining({ cluster: 'demo-cluster', state: 'ok' }),
      ]);
      const starts = body.items.map(i => i.startedAt ?? '');
      expect([...starts].sort().reverse()).toEqual(starts);
      for (const run of expected) {
        const item = body.items.find(i => i.name === run.name)!;
        expect(item.diagnosis?.code).toBe(run.expectedDiagnosis);
      }
      const denied = body.items.find(
        i => i.name === 'mistral-24b-quantized-p3x9q',
      )!;
      expect(
        denied.tasks.find(t => t.name === 'push-to-internal')?.failedStep,
      ).toMatchObject({ name: 'push', exitCode: 1 });

      const detail = await request(server)
        .get(
          '/api/modelops/runs/demo-cluster/private-ai/mistral-24b-quantized-p3x9q',
        )
        .set('authorization', mockCredentials.user.header());
      expect(detail.status).toBe(200);
      expect(detail.body.params['model-name']).toBe(
        'Mistral-Small-24B-Instruct',
      );
      expect(
        detail.body.diagnosis.evidence.some(
          (e: { task?: string }) => e.task === 'push-to-internal',
        ),
      ).toBe(true);
      const page = await request(server)
        .get(
          '/api/modelops/runs?entityRef=resource:default/mistral-small-24b-instruct&limit=2&offset=2',
        )
        .set('authorization', mockCredentials.user.header());
      expect(page.body.items.map((i: { name: string }) => i.name)).toEqual(
        body.items.slice(2, 4).map(i => i.name),
      );
      expect(page.body.totalCount).toBe(expected.length);
      expect(page.body).not.toHaveProperty('newestFailure');

      // The first page carries the details of its newest failure, as the detail route has them.
      const failure = body.items.find(isOpenedFailure)!;
      expect(failure).toBeDefined();
      const failureDetail = await request(server)
        .get(
          `/api/modelops/runs/${failure.cluster}/${failure.namespace}/${failure.name}`,
        )
        .set('authorization', mockCredentials.user.header());
      expect(body.newestFailure).toEqual(failureDetail.body);

      // Keyset pages: each run once, in the order of the full list, the last page without a cursor.
      const paged: string[] = [];
      const cursorPages: RunListResponse[] = [];
      let cursor: string | undefined;
      do {
        const next = await request(server)
          .get(
            `/api/modelops/runs?entityRef=resource:default/mistral-small-24b-instruct&limit=2${
              cursor ? `&cursor=${cursor}` : ''
            }`,
          )
          .set('authorization', mockCredentials.user.header());
        expect(next.status).toBe(200);
        if (cursor) cursorPages.push(next.body);
        paged.push(...next.body.items.map((i: { name: string }) => i.name));
        cursor = next.body.nextCursor;
      } while (cursor && paged.length < 100);
      expect(paged).toEqual(body.items.map(i => i.name));
      // Only the first page carries a failure's details: on later pages the user opens runs.
      expect(cursorPages.length).toBeGreaterThan(0);
      expect(cursorPages.filter(p => 'newestFailure' in p)).toEqual([]);

      const logs = await request(server)
        .get(
          '/api/modelops/runs/demo-cluster/private-ai/mistral-24b-quantized-p3x9q/logs?task=push-to-internal&step=push',
        )
        .set('authorization', mockCredentials.user.header());
      expect(logs.status).toBe(200);
      expect(logs.body.truncated).toBe(true);
      expect(Buffer.byteLength(logs.body.text)).toBeLessThanOrEqual(200);
      // The end of the log, where the error is (Kubernetes' limitBytes would keep the head).
      expect(logs.body.text).toMatch(
        /cp: cannot open '\/workspace\/shared\/oci\/image\.tar' for reading: Permission denied\n$/,
      );
      expect(logs.body.cutBytes).toBeGreaterThan(0);
    });

    it('applies diagnosis rules that modules add through the extension point, before the defaults', async () => {
      const { server } = await startBackend([teamRules]);
      const body = await waitForRuns(server);
      expect(
        body.items.find(i => i.name === 'mistral-24b-fp16-m9q3z')?.diagnosis
          ?.code,
      ).toBe('team-known-oom');
      expect(
        body.items.find(i => i.name === 'mistral-24b-quantized-p3x9q')
          ?.diagnosis?.code,
      ).toBe('workspace-permission-denied');
    });

    it('answers 401 without credentials and 400 for bad input', async () => {
      const { server } = await startBackend();
      expect(
        (
          await request(server).get(
            '/api/modelops/runs?entityRef=resource:default/mistral-small-24b-instruct',
          )
        ).status,
      ).toBe(401);
      const user = mockCredentials.user.header();
      const missing = await request(server)
        .get('/api/modelops/runs')
        .set('authorization', user);
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('entityRef is required');
      expect(
        (
          await request(server)
            .get('/api/modelops/runs?entityRef=resource:default/x&limit=-3')
            .set('authorization', user)
        ).status,
      ).toBe(400);
      await waitForRuns(server);
      const first = await request(server)
        .get(
          '/api/modelops/runs?entityRef=resource:default/mistral-small-24b-instruct&limit=1',
        )
        .set('authorization', user);
      const cursor: string = first.body.nextCursor;
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString());
      for (const tampered of [
        `${cursor}x`,
        'not*base64',
        Buffer.from('{"a":1}').toString('base64url'),
        Buffer.from(JSON.stringify([...decoded, 'extra'])).toString(
          'base64url',
        ),
        Buffer.from(
          JSON.stringify(['yesterday', ...decoded.slice(1)]),
        ).toString('base64url'),
      ]) {
        const res = await request(server)
          .get(
            `/api/modelops/runs?entityRef=resource:default/mistral-small-24b-instruct&cursor=${tampered}`,
          )
          .set('authorization', user);
        expect([tampered, res.status]).toEqual([tampered, 400]);
        expect(res.body.error.message).toContain('cursor is not one');
      }
      const both = await request(server)
        .get(
          `/api/modelops/runs?entityRef=resource:default/mistral-small-24b-instruct&cursor=${cursor}&offset=1`,
        )
        .set('authorization', user);
      expect(both.status).toBe(400);
      const broken = await request(server)
        .get('/api/modelops/runs?entityRef=component:default/broken-selector')
        .set('authorization', user);
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toContain('is not a label selector');
      const none = await request(server)
        .get('/api/modelops/runs?entityRef=component:default/no-annotations')
        .set('authorization', user);
      expect(none.status).toBe(400);
      expect(
        (
          await request(server)
            .get('/api/modelops/runs?entityRef=resource:default/nope')
            .set('authorization', user)
        ).status,
      ).toBe(404);
      expect(
        (
          await request(server)
            .get('/api/modelops/runs/demo-cluster/private-ai/NOT_A_NAME')
            .set('authorization', user)
        ).status,
      ).toBe(400);
    });

    it('re-runs and cancels with permission, 403 without', async () => {
      const { server } = await startBackend();
      await waitForRuns(server);
      const user = mockCredentials.user.header();
      allow = false;
      const deniedRerun = await request(server)
        .post(
          '/api/modelops/runs/demo-cluster/private-ai/mistral-24b-quantized-p3x9q/rerun',
        )
        .set('authorization', user);
      expect(deniedRerun.status).toBe(403);
      expect(deniedRerun.body.error.message).toContain(
        'modelops.pipelinerun.rerun',
      );
      const deniedCancel = await request(server)
        .post(
          '/api/modelops/runs/demo-cluster/private-ai/mistral-24b-quantized-r8n4m/cancel',
        )
        .set('authorization', user);
      expect(deniedCancel.status).toBe(403);
      allow = true;
      const rerun = await request(server)
        .post(
          '/api/modelops/runs/demo-cluster/private-ai/mistral-24b-quantized-p3x9q/rerun',
        )
        .set('authorization', user);
      expect(rerun.status).toBe(201);
      expect(rerun.body.name).toMatch(/^modelcar-build-deploy-v2-/);
      const created = env.cluster.objects.get(
        'tekton.dev/pipelineruns',
        'private-ai',
        rerun.body.name,
      );
      expect(created?.metadata.annotations?.['modelops.io/rerun-of']).toBe(
        'mistral-24b-quantized-p3x9q',
      );
      expect(created?.metadata.labels?.['backstage.io/kubernetes-id']).toBe(
        'mistral-small-24b-instruct',
      );
      const finished = await request(server)
        .post(
          '/api/modelops/runs/demo-cluster/private-ai/mistral-24b-quantized-p3x9q/cancel',
        )
        .set('authorization', user);
      expect(finished.status).toBe(409);
      const cancel = await request(server)
        .post(
          '/api/modelops/runs/demo-cluster/private-ai/mistral-24b-quantized-r8n4m/cancel',
        )
        .set('authorization', user);
      expect(cancel.status).toBe(202);
      expect(
        (
          env.cluster.objects.get(
            'tekton.dev/pipelineruns',
            'private-ai',
            'mistral-24b-quantized-r8n4m',
          )?.spec as any
        ).status,
      ).toBe('Cancelled');
    });

    it('serves the notebook validation wave board, one job with its cells, and the validation pod log', async () => {
      const { server } = await startBackend();
      const user = mockCredentials.user.header();
      let body: NotebookJobListResponse | undefined;
      for (let i = 0; i < 100 && !body?.items.length; i++) {
        const res = await request(server)
          .get(
            '/api/modelops/validations?entityRef=component:default/anomaly-detection-notebooks',
          )
          .set('authorization', user);
        expect(res.status).toBe(200);
        body = res.body;
        if (!body?.items.length) await new Promise(r => setTimeout(r, 100));
      }
      expect(body!.selector).toBe(
        'backstage.io/kubernetes-id=anomaly-detection-notebooks',
      );
      expect(body!.totalCount).toBe(44);
      const waves = body!.items.map(i => i.wave);
      expect(waves).toEqual([...waves].sort((a, b) => a! - b!));
      const failedBuild = body!.items.find(
        i => i.name === 'wave3-lstm-based-prediction',
      )!;
      expect(failedBuild).toMatchObject({
        phase: 'Failed',
        wave: 3,
        gate: { state: 'failed' },
      });
      expect(failedBuild.headline).toContain('Image build failed');
      expect((failedBuild as any).cells.results).toBeUndefined();

      const detail = await request(server)
        .get(
          '/api/modelops/validations/demo-cluster/notebook-validation/wave4-ensemble-anomaly-methods',
        )
        .set('authorization', user);
      expect(detail.status).toBe(200);
      expect(detail.body.cells.results[7]).toMatchObject({
        cellIndex: 7,
        status: 'Failure',
        errorMessage: "KeyError: 'lstm_autoencoder'",
      });

      const logs = await request(server)
        .get(
          '/api/modelops/validations/demo-cluster/notebook-validation/wave4-ensemble-anomaly-methods/logs',
        )
        .set('authorization', user);
      expect(logs.status).toBe(200);
      expect(logs.body.pod).toBe(detail.body.podName);
      expect(logs.body.truncated).toBe(true);
      expect(logs.body.text).toMatch(/KeyError: 'lstm_autoencoder'\n$/);

      const notStarted = await request(server)
        .get(
          '/api/modelops/validations/demo-cluster/notebook-validation/wave10-multi-cluster-federation/logs',
        )
        .set('authorization', user);
      expect(notStarted.status).toBe(404);
      expect(notStarted.body.error.message).toContain(
        'has no validation pod yet',
      );
      expect(
        (
          await request(server)
            .get(
              '/api/modelops/validations/demo-cluster/notebook-validation/nope',
            )
            .set('authorization', user)
        ).status,
      ).toBe(404);
      expect(
        (
          await request(server).get(
            '/api/modelops/validations?entityRef=component:default/anomaly-detection-notebooks',
          )
        ).status,
      ).toBe(401);
      expect(
        (
          await request(server)
            .get(
              '/api/modelops/validations?entityRef=component:default/no-annotations',
            )
            .set('authorization', user)
        ).status,
      ).toBe(400);
    });
  },
);
