import {
  BackstageCredentials,
  BackstageUserPrincipal,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  CatalogService,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DemoEnvironment,
  scenarioRuns,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import {
  isOpenedFailure,
  RunListResponse,
} from '@private-ai/plugin-modelops-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  ModelOpsTestConfig,
  startModelOpsTestBackend,
} from '../__testUtils__/startModelOpsTestBackend';
import { createRouter } from './router';

/**
 * The permission matrix: every route of the ModelOps backend, called without a token, by a user
 * who may, by a user who sees the entity but whose permissions are denied, and by a user from
 * whom the catalog hides the entity. docs/RELIABILITY.md "Permission matrix" is this table.
 */

jest.setTimeout(120_000);

const MISTRAL = 'Mistral-Small-24B-Instruct';
const MISTRAL_ID = 'mistral-small-24b-instruct';
const MISTRAL_REF = `resource:default/${MISTRAL_ID}`;
const PIPELINE_REF = 'component:default/modelcar-build-deploy-v2';
const NOTEBOOKS_REF = 'component:default/anomaly-detection-notebooks';
const NS = 'private-ai';

/** Owns the Mistral model and the notebooks: the policy allows run actions and logs there. */
const owner = mockCredentials.user('user:default/mistral-owner');
const OWNER_GROUPS = [
  'group:default/mistral-team',
  'group:default/data-science',
];
/** Reads every entity; every ModelOps permission is denied. */
const viewer = mockCredentials.user('user:default/viewer');
/** Every permission allowed, but the catalog hides the Mistral entities and the notebooks. */
const outsider = mockCredentials.user('user:default/outsider');

const entity = (
  kind: string,
  name: string,
  owned: string,
  annotations: Record<string, string>,
  spec: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: { owner: owned, ...spec },
});

function catalogEntities(env: DemoEnvironment): Entity[] {
  const model = [...env.registry.registeredModels.values()].find(
    m => m.name === MISTRAL,
  )!;
  const version = [...env.registry.modelVersions.values()].find(
    v => v.registeredModelId === model.id,
  )!;
  const registry = {
    'modelops.io/registry': 'demo',
    'modelops.io/registered-model-id': model.id,
    'rhdh.modelcatalog.io/model-name': MISTRAL,
  };
  return [
    entity(
      'Component',
      'modelcar-build-deploy-v2',
      'group:default/ai-platform',
      {
        'modelops.io/pipeline-selector':
          'tekton.dev/pipeline=modelcar-build-deploy-v2',
      },
      { type: 'pipeline', lifecycle: 'production' },
    ),
    entity(
      'Resource',
      MISTRAL_ID,
      'group:default/mistral-team',
      {
        ...registry,
        'backstage.io/kubernetes-id': MISTRAL_ID,
        'modelops.io/pipeline-selector': `backstage.io/kubernetes-id=${MISTRAL_ID}`,
      },
      { type: 'ai-model' },
    ),
    entity(
      'Resource',
      `${MISTRAL_ID}-${version.name}`,
      'group:default/mistral-team',
      { ...registry, 'modelops.io/model-version-id': version.id },
      { type: 'ai-model-version', dependencyOf: [MISTRAL_REF] },
    ),
    ...['granite-3.1-8b-instruct', 'llama-3.1-8b-instruct'].map(id =>
      entity(
        'Resource',
        id,
        'group:default/ai-platform',
        { 'backstage.io/kubernetes-id': id },
        { type: 'ai-model' },
      ),
    ),
    entity(
      'Component',
      'anomaly-detection-notebooks',
      'group:default/data-science',
      {
        'backstage.io/kubernetes-id': 'anomaly-detection-notebooks',
        'modelops.io/validation-selector':
          'backstage.io/kubernetes-id=anomaly-detection-notebooks',
      },
      { type: 'notebooks', lifecycle: 'production' },
    ),
  ];
}

const userOf = (credentials: BackstageCredentials) =>
  (credentials.principal as BackstageUserPrincipal).userEntityRef;

/** A catalog that reads like the real one with a policy: what a user may see depends on who asks. */
function catalogFor(entities: Entity[]): CatalogService {
  const hidden = (e: Entity) =>
    e.spec?.owner === 'group:default/mistral-team' ||
    e.metadata.name === 'anomaly-detection-notebooks';
  const everything = catalogServiceMock({ entities });
  const restricted = catalogServiceMock({
    entities: entities.filter(e => !hidden(e)),
  });
  return new Proxy(everything, {
    get(target, method: keyof CatalogService) {
      if (typeof target[method] !== 'function') return target[method];
      return (req: unknown, options: { credentials: BackstageCredentials }) => {
        const catalog =
          options?.credentials?.principal &&
          userOf(options.credentials) === outsider.principal.userEntityRef
            ? restricted
            : everything;
        return (catalog[method] as Function).call(catalog, req, options);
      };
    },
  });
}

type Who = 'none' | 'owner' | 'viewer' | 'outsider';
const header: Record<Exclude<Who, 'none'>, string> = {
  owner: mockCredentials.user.header(owner.principal.userEntityRef),
  viewer: mockCredentials.user.header(viewer.principal.userEntityRef),
  outsider: mockCredentials.user.header(outsider.principal.userEntityRef),
};

interface Row {
  /** The route as registered, e.g. `GET /runs/:cluster/:namespace/:name`. */
  route: string;
  /** What is called. */
  url: string;
  body?: object;
  /** Expected status per caller; `none` is always 401. */
  expect: Record<Exclude<Who, 'none'>, number>;
}

const finishedRun = 'mistral-24b-quantized-p3x9q';
const runningRun = 'mistral-24b-quantized-r8n4m';
const run = (name: string, suffix = '') =>
  `/api/modelops/runs/demo-cluster/${NS}/${name}${suffix}`;
const job =
  '/api/modelops/validations/demo-cluster/notebook-validation/wave4-ensemble-anomaly-methods';

const rows = (versionRef: string): Row[] => [
  {
    route: 'GET /runs',
    url: `/api/modelops/runs?entityRef=${MISTRAL_REF}`,
    expect: { owner: 200, viewer: 200, outsider: 404 },
  },
  {
    route: 'GET /runs/:cluster/:namespace/:name',
    url: run(finishedRun),
    expect: { owner: 200, viewer: 200, outsider: 404 },
  },
  {
    route: 'GET /runs/:cluster/:namespace/:name/logs',
    url: run(finishedRun, '/logs?task=push-to-internal&step=push'),
    expect: { owner: 200, viewer: 403, outsider: 404 },
  },
  {
    route: 'POST /runs/:cluster/:namespace/:name/rerun',
    url: run(finishedRun, '/rerun'),
    expect: { owner: 201, viewer: 403, outsider: 404 },
  },
  {
    route: 'POST /runs/:cluster/:namespace/:name/cancel',
    url: run(runningRun, '/cancel'),
    expect: { owner: 202, viewer: 403, outsider: 404 },
  },
  {
    route: 'GET /validations',
    url: `/api/modelops/validations?entityRef=${NOTEBOOKS_REF}`,
    expect: { owner: 200, viewer: 200, outsider: 404 },
  },
  {
    route: 'GET /validations/:cluster/:namespace/:name',
    url: job,
    expect: { owner: 200, viewer: 200, outsider: 404 },
  },
  {
    route: 'GET /validations/:cluster/:namespace/:name/logs',
    url: `${job}/logs`,
    expect: { owner: 200, viewer: 403, outsider: 404 },
  },
  {
    route: 'GET /evaluations',
    url: `/api/modelops/evaluations?entityRef=${MISTRAL_REF}`,
    expect: { owner: 200, viewer: 200, outsider: 404 },
  },
  {
    route: 'POST /evaluations/publish',
    url: `/api/modelops/evaluations/publish?entityRef=${versionRef}`,
    body: { metrics: { gsm8k: 86.1 } },
    expect: { owner: 200, viewer: 403, outsider: 404 },
  },
  {
    route: 'GET /registry/check',
    url: `/api/modelops/registry/check?model=${MISTRAL}&version=quantized-w4a16-20261125-0215`,
    expect: { owner: 200, viewer: 200, outsider: 404 },
  },
];

/** Every route the router registers, as `METHOD /path`. */
async function registeredRoutes(): Promise<string[]> {
  const router = await createRouter({
    httpAuth: {} as any,
    permissions: {} as any,
    catalog: {} as any,
    runs: {} as any,
    validations: {} as any,
    evaluations: {} as any,
    registryCheck: {} as any,
  });
  return router.stack
    .filter(layer => layer.route)
    .flatMap(layer =>
      Object.keys((layer.route as any).methods).map(
        method => `${method.toUpperCase()} ${layer.route!.path}`,
      ),
    );
}

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

describe('permission matrix', () => {
  let env: DemoEnvironment;
  let entities: Entity[];
  let knex: Knex;
  const authorized: Array<{ permission: string; resourceRef?: string }> = [];

  beforeAll(async () => {
    env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
    entities = catalogEntities(env);
    knex = await databases.init('SQLITE_3');
  });
  afterAll(() => env.stop());

  /**
   * The policy: the owner may do what the entity's owner may (a catalog condition on the
   * resource), the viewer nothing, the outsider everything.
   */
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) =>
      requests.map(r => {
        const resourceRef = 'resourceRef' in r ? r.resourceRef : undefined;
        authorized.push({ permission: r.permission.name, resourceRef });
        const user = userOf(options!.credentials);
        if (user === outsider.principal.userEntityRef)
          return { result: AuthorizeResult.ALLOW };
        if (user !== owner.principal.userEntityRef)
          return { result: AuthorizeResult.DENY };
        if (!resourceRef) return { result: AuthorizeResult.ALLOW };
        const target = entities.find(
          e => stringifyEntityRef(e) === resourceRef,
        );
        return {
          result: OWNER_GROUPS.includes(String(target?.spec?.owner))
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        };
      }),
  });

  async function startBackend(modelops: ModelOpsTestConfig = {}) {
    const { server } = await startModelOpsTestBackend({
      env,
      knex,
      registryAt: 'catalog',
      modelops,
      catalog: createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalogFor(entities),
      }),
      permissions: permissions.factory,
    });
    return server;
  }

  async function collected(server: any) {
    for (let i = 0; i < 100; i++) {
      const [runs, jobs] = await Promise.all(
        [
          `/api/modelops/runs?entityRef=${MISTRAL_REF}`,
          `/api/modelops/validations?entityRef=${NOTEBOOKS_REF}`,
        ].map(url =>
          request(server).get(url).set('authorization', header.owner),
        ),
      );
      if (runs.body.items?.length && jobs.body.items?.length) return;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error('the collectors never wrote the runs and the jobs');
  }

  it('has a row for every route the backend registers', async () => {
    const versionRef = stringifyEntityRef(
      entities.find(e => e.spec?.type === 'ai-model-version')!,
    );
    expect(
      rows(versionRef)
        .map(r => r.route)
        .sort(),
    ).toEqual((await registeredRoutes()).sort());
  });

  it('answers each route: 401 without a token, 2xx to who may, 403 to who may not, 404 to who may not see the entity', async () => {
    const server = await startBackend();
    await collected(server);
    const versionRef = stringifyEntityRef(
      entities.find(e => e.spec?.type === 'ai-model-version')!,
    );
    const call = (row: Row, who: Who) => {
      const method = row.route.startsWith('POST') ? 'post' : 'get';
      const req = request(server)[method](row.url);
      if (who !== 'none') req.set('authorization', header[who]);
      return row.body ? req.send(row.body) : req;
    };
    const answers: Record<string, Record<Who, number>> = {};
    const expected: Record<string, Record<Who, number>> = {};
    // The owner last: its re-run and cancel change the cluster.
    for (const row of rows(versionRef)) {
      answers[row.route] = {} as Record<Who, number>;
      for (const who of ['none', 'outsider', 'viewer', 'owner'] as Who[]) {
        answers[row.route][who] = (await call(row, who)).status;
      }
      expected[row.route] = { none: 401, ...row.expect };
    }
    expect(answers).toEqual(expected);
    // Run permissions are checked against the run's model entity, so "owners of this model" works.
    expect(authorized).toEqual(
      expect.arrayContaining([
        { permission: 'modelops.logs.read', resourceRef: MISTRAL_REF },
        { permission: 'modelops.pipelinerun.rerun', resourceRef: MISTRAL_REF },
        { permission: 'modelops.pipelinerun.cancel', resourceRef: MISTRAL_REF },
        { permission: 'modelops.logs.read', resourceRef: NOTEBOOKS_REF },
      ]),
    );
  });

  it("lists a pipeline's runs without the runs of models the caller may not read", async () => {
    const server = await startBackend();
    await collected(server);
    const list = async (who: 'owner' | 'outsider') =>
      (
        await request(server)
          .get(`/api/modelops/runs?entityRef=${PIPELINE_REF}&limit=100`)
          .set('authorization', header[who])
      ).body as RunListResponse;
    const modelcar = scenarioRuns.filter(
      r => r.pipeline === 'modelcar-build-deploy-v2',
    );
    const all = await list('owner');
    // Runs of a model no entity claims (Qwen here) are not shown either.
    const claimed = modelcar.filter(r => r.entity !== 'qwen2.5-7b-instruct');
    expect(all.items.map(i => i.name).sort()).toEqual(
      expect.arrayContaining(claimed.map(r => r.name)),
    );
    expect(all.items.some(i => i.name.startsWith('qwen'))).toBe(false);
    const seen = await list('outsider');
    expect(seen.items.length).toBeGreaterThan(0);
    expect(seen.items.every(i => !i.name.startsWith('mistral'))).toBe(true);
    expect(seen.totalCount).toBe(
      claimed.filter(r => r.entity !== MISTRAL_ID).length,
    );
    // The details the first page carries are those of a run it lists.
    for (const page of [all, seen]) {
      expect(page.newestFailure?.name).toBe(
        page.items.find(isOpenedFailure)?.name,
      );
    }
    expect(seen.newestFailure?.name).not.toMatch(/^mistral/);
    expect(seen.newestFailure).toBeDefined();
    // A run of a visible model is served to the outsider; the Mistral ones are "not known".
    const granite = await request(server)
      .get(run('granite-8b-quantized-b7m3k'))
      .set('authorization', header.outsider);
    expect(granite.status).toBe(200);
    const hidden = await request(server)
      .get(run(finishedRun))
      .set('authorization', header.outsider);
    expect(hidden.body.error.message).toBe(
      `run ${NS}/${finishedRun} on demo-cluster is not known`,
    );
  });

  it('re-runs and cancels only runs the history knows, on configured clusters and namespaces', async () => {
    const server = await startBackend({
      collector: {
        namespaces: ['notebook-validation'],
        schedule: {
          frequency: { minutes: 60 },
          timeout: { minutes: 1 },
          initialDelay: { minutes: 60 },
        },
      },
    });
    const post = (url: string) =>
      request(server).post(url).set('authorization', header.owner);
    const unknown = await post(run('never-existed-x1y2z', '/rerun'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('is not known');
    expect((await post(run('never-existed-x1y2z', '/cancel'))).status).toBe(
      404,
    );
    // The history (written by the previous backends) knows the run; the namespace is not configured.
    const outside = await post(run(finishedRun, '/rerun'));
    expect(outside.status).toBe(403);
    expect(outside.body.error.message).toContain(
      `namespace ${NS} is not one of modelops.collector.namespaces`,
    );
    const otherCluster = await post(
      `/api/modelops/runs/elsewhere/${NS}/${finishedRun}/rerun`,
    );
    expect(otherCluster.status).toBe(404);
  });

  it("answers the form's registry check with the model's versions, for models in the catalog only", async () => {
    const server = await startBackend();
    const check = (query: string) =>
      request(server)
        .get(`/api/modelops/registry/check?${query}`)
        .set('authorization', header.owner);
    const taken = await check(`model=${MISTRAL}&version=quantized-w4a16-2501`);
    expect(taken.body).toMatchObject({
      registry: 'demo',
      entityRef: MISTRAL_REF,
      modelExists: true,
      versionExists: true,
      conventionProblem: expect.stringContaining('naming convention'),
    });
    expect(taken.body.latestVersions).toContain('quantized-w4a16-2501');
    const free = await check(
      `model=${MISTRAL}&version=quantized-w4a16-20261125-0215`,
    );
    expect(free.body).toMatchObject({ versionExists: false });
    expect(free.body.conventionProblem).toBeUndefined();
    // Granite is in the registry but has no registered-model entity here: not answered.
    const granite = await check('model=Granite-3.1-8B-Instruct');
    expect(granite.status).toBe(404);
    expect(granite.body.error.message).toBe(
      'no registered model Granite-3.1-8B-Instruct in the catalog',
    );
    // Case matters in registry names, even though the catalog's filters ignore it.
    expect((await check('model=mistral-small-24b-instruct')).status).toBe(404);
    expect((await check('model=a%20b')).status).toBe(400);
    expect((await check('version=x')).status).toBe(400);
  });

  it('refuses malformed limits and offsets', async () => {
    const server = await startBackend();
    for (const limit of ['', '0x10', '1e3', '%205', '-1', '501', '2.5']) {
      const res = await request(server)
        .get(`/api/modelops/runs?entityRef=${MISTRAL_REF}&limit=${limit}`)
        .set('authorization', header.owner);
      expect([limit, res.status]).toEqual([limit, 400]);
    }
    const res = await request(server)
      .get(`/api/modelops/runs?entityRef=${MISTRAL_REF}&offset=1e1`)
      .set('authorization', header.owner);
    expect(res.status).toBe(400);
  });
});
