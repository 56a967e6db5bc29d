import { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { EvaluationResponse } from '@private-ai/plugin-modelops-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  permissionsAllowedWhile,
  startModelOpsTestBackend,
} from '../__testUtils__/startModelOpsTestBackend';

jest.setTimeout(60_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const MISTRAL = 'Mistral-Small-24B-Instruct';
const fixture = (p: string) =>
  fs.readFileSync(path.resolve(__dirname, '../../../../fixtures', p), 'utf8');

describe.each(databases.eachSupportedId())(
  'evaluation routes on %s',
  (databaseId: TestDatabaseId) => {
    let env: DemoEnvironment;
    let allow = true;
    let entities: Entity[];
    let versionIds: Record<string, string>;

    beforeAll(async () => {
      env = await startDemoEnvironment({
        now: Date.parse('2026-11-24T12:00:00Z'),
        taskSeconds: 0,
      });
      const model = [...env.registry.registeredModels.values()].find(
        m => m.name === MISTRAL,
      )!;
      const versions = [...env.registry.modelVersions.values()].filter(
        v => v.registeredModelId === model.id,
      );
      versionIds = Object.fromEntries(versions.map(v => [v.name, v.id]));
      const annotations = {
        'modelops.io/registry': 'demo',
        'modelops.io/registered-model-id': model.id,
        'rhdh.modelcatalog.io/model-name': MISTRAL,
      };
      entities = [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'mistral-small-24b-instruct',
            namespace: 'default',
            annotations: {
              ...annotations,
              'backstage.io/kubernetes-id': 'mistral-small-24b-instruct',
            },
          },
          spec: { type: 'ai-model', owner: 'group:default/ai-platform' },
        },
        ...versions.map(v => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: `mistral-small-24b-instruct-${v.name}`,
            namespace: 'default',
            title: v.name,
            annotations: {
              ...annotations,
              'modelops.io/model-version-id': v.id,
            },
          },
          spec: {
            type: 'ai-model-version',
            owner: 'group:default/ai-platform',
            dependencyOf: ['resource:default/mistral-small-24b-instruct'],
          },
        })),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'strict-version',
            namespace: 'default',
            annotations: {
              ...annotations,
              'modelops.io/model-version-id': versions[0].id,
              'modelops.io/evaluation-thresholds': 'mmlu>=99, nonsense',
            },
          },
          spec: {
            type: 'ai-model-version',
            owner: 'x',
            dependencyOf: ['resource:default/mistral-small-24b-instruct'],
          },
        },
      ];
    });
    afterAll(() => env.stop());

    async function startBackend() {
      const { server } = await startModelOpsTestBackend({
        env,
        knex: await databases.init(databaseId),
        registryAt: 'catalog',
        modelops: {
          evaluation: {
            thresholds: [
              {
                model: MISTRAL,
                criteria:
                  'mmlu>=78, gsm8k>=85, ttft_p90<=300, requests_per_second>=4',
              },
            ],
          },
        },
        catalog: entities,
        permissions: permissionsAllowedWhile(() => allow),
      });
      return server;
    }
    const user = mockCredentials.user.header();

    it('judges every version of the model against its thresholds, oldest first, from the registry', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get(
          '/api/modelops/evaluations?entityRef=resource:default/mistral-small-24b-instruct-quantized-w4a16-2501',
        )
        .set('authorization', user);
      expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
      const body = res.body as EvaluationResponse;
      expect(body.model).toMatchObject({
        name: MISTRAL,
        entityRef: 'resource:default/mistral-small-24b-instruct',
        registry: 'demo',
      });
      expect(body.focus).toBe('quantized-w4a16-2501');
      expect(body.thresholdsSource).toBe('config');
      expect(body.thresholds).toHaveLength(4);
      const byName = Object.fromEntries(
        body.versions.map(v => [v.versionName, v]),
      );
      expect(body.versions[0].versionName).toBe('quantized-w4a16-2501');
      expect(byName['quantized-w4a16-2501'].gate).toMatchObject({
        status: 'pass',
        summary: 'passes all 4 thresholds',
      });
      expect(byName['quantized-w4a16-2501'].metrics).toMatchObject({
        mmlu: 79.6,
        ttft_p90: 241.7,
        requests_per_second: 4.86,
      });
      expect(byName['quantized-w4a16-2501'].entityRef).toBe(
        'resource:default/mistral-small-24b-instruct-quantized-w4a16-2501',
      );
      const fp16 = body.versions.find(v =>
        v.versionName.startsWith('full-fp16'),
      )!;
      expect(fp16.gate.status).toBe('fail');
      expect(fp16.gate.summary).toBe(
        'fails: ttft_p90 396.2 (needs <= 300), requests_per_second 2.31 (needs >= 4)',
      );
      const notEvaluated = body.versions.filter(
        v => v.gate.status === 'not-evaluated',
      );
      expect(notEvaluated.length).toBeGreaterThan(0);
      expect(notEvaluated[0].gate.summary).toBe(
        'not evaluated yet: no evaluation results',
      );
      // a run that named a version the registry does not have is not a version
      expect(byName['quantized-w4a16-2502']).toBeUndefined();
    });

    it('takes thresholds from the entity annotation and names what it cannot read', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get(
          '/api/modelops/evaluations?entityRef=resource:default/strict-version',
        )
        .set('authorization', user);
      expect(res.body).toMatchObject({
        thresholdsSource: 'annotation',
        thresholdProblems: [
          '"nonsense" is not a threshold like mmlu>=75 or ttft_p90<=300',
        ],
      });
      expect(
        res.body.versions.find(
          (v: any) => v.versionName === 'quantized-w4a16-2501',
        ).gate.status,
      ).toBe('fail');
    });

    it('publishes lm-eval and guidellm results as typed custom properties, with permission only', async () => {
      const server = await startBackend();
      const target = Object.keys(versionIds).find(
        n =>
          n.startsWith('quantized-w4a16-') &&
          n !== 'quantized-w4a16-2501' &&
          !env.registry.modelVersions.get(versionIds[n])!.customProperties!
            .mmlu,
      )!;
      const ref = `resource:default/mistral-small-24b-instruct-${target}`;
      const body = {
        lmEval: JSON.parse(
          fixture('evaluation/lm-eval/results_hf-qwen2.5-7b_2025-03-18.json'),
        ),
        guidellm: fixture('evaluation/guidellm/benchmarks_stripped.yaml'),
        metrics: { gsm8k: 86.1, bad: 'x' },
      };
      allow = false;
      const denied = await request(server)
        .post(`/api/modelops/evaluations/publish?entityRef=${ref}`)
        .set('authorization', user)
        .send(body);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain(
        'modelops.evaluation.publish',
      );
      allow = true;
      const res = await request(server)
        .post(`/api/modelops/evaluations/publish?entityRef=${ref}`)
        .set('authorization', user)
        .send(body);
      expect(res.status).toBe(200);
      expect(res.body.published).toEqual(
        expect.arrayContaining([
          'arc_challenge',
          'gsm8k',
          'ttft_p90',
          'requests_per_second',
        ]),
      );
      expect(res.body.problems).toEqual(['metrics.bad: "x" is not a number']);
      const stored = env.registry.modelVersions.get(versionIds[target])!
        .customProperties!;
      expect(stored.arc_challenge).toEqual({
        metadataType: 'MetadataDoubleValue',
        double_value: 51.1092,
      });
      expect(stored.gsm8k).toEqual({
        metadataType: 'MetadataDoubleValue',
        double_value: 86.1,
      });
      expect(stored.image_digest).toBeDefined(); // existing properties kept

      const after = await request(server)
        .get(`/api/modelops/evaluations?entityRef=${ref}`)
        .set('authorization', user);
      expect(
        after.body.versions.find((v: any) => v.versionName === target).metrics
          .ttft_p90,
      ).toBe(18.5053);
    });

    it('refuses to publish nothing, and says so when the registry refuses the write; nothing is changed', async () => {
      const server = await startBackend();
      const ref =
        'resource:default/mistral-small-24b-instruct-quantized-w4a16-2501';
      const empty = await request(server)
        .post(`/api/modelops/evaluations/publish?entityRef=${ref}`)
        .set('authorization', user)
        .send({ lmEval: { nothing: true }, metrics: { mmlu: 'NaN' } });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toContain('nothing to publish');
      const before = JSON.stringify(
        env.registry.modelVersions.get(versionIds['quantized-w4a16-2501']),
      );
      env.registry.refuseWrites = 'read-only token';
      try {
        const refused = await request(server)
          .post(`/api/modelops/evaluations/publish?entityRef=${ref}`)
          .set('authorization', user)
          .send({ metrics: { mmlu: 80 } });
        expect(refused.status).toBe(503);
        expect(refused.body.error.message).toContain('nothing was written');
        expect(refused.body.error.message).toContain('read-only token');
      } finally {
        env.registry.refuseWrites = undefined;
      }
      expect(
        JSON.stringify(
          env.registry.modelVersions.get(versionIds['quantized-w4a16-2501']),
        ),
      ).toBe(before);
      const model = await request(server)
        .post(
          '/api/modelops/evaluations/publish?entityRef=resource:default/mistral-small-24b-instruct',
        )
        .set('authorization', user)
        .send({ metrics: { mmlu: 80 } });
      expect(model.status).toBe(400);
    });

    it('shows evaluation runs when the registry is down, with the reason', async () => {
      const server = await startBackend();
      await env.modelRegistry.stop();
      try {
        let body: EvaluationResponse | undefined;
        for (let i = 0; i < 50; i++) {
          body = (
            await request(server)
              .get(
                '/api/modelops/evaluations?entityRef=resource:default/mistral-small-24b-instruct',
              )
              .set('authorization', user)
          ).body;
          if (body?.versions?.length) break;
          await new Promise(r => setTimeout(r, 100));
        }
        expect(body!.registryError).toMatch(/unreachable|no answer/);
        const v2501 = body!.versions.find(
          v => v.versionName === 'quantized-w4a16-2501',
        )!;
        expect(v2501.sources.map(s => s.source)).toEqual(['pipelinerun']);
        expect(v2501.metrics).toMatchObject({ mmlu: 79.6 });
      } finally {
        env = await startDemoEnvironment({
          now: Date.parse('2026-11-24T12:00:00Z'),
          taskSeconds: 0,
        }).then(async fresh => {
          await env.stop().catch(() => undefined);
          return fresh;
        });
      }
    });
  },
);
