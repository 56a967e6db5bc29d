import { mockServices } from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import {
  createClusterClient,
  ModelRegistryClient,
} from '@private-ai/plugin-modelops-node';
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { readFileSync } from 'node:fs';
import { Server } from 'node:http';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { buildEntities } from './buildEntities';
import { ModelRegistryEntityProvider } from './ModelRegistryEntityProvider';

jest.setTimeout(30_000);
const FIXTURES = resolve(__dirname, '../../../fixtures/model-registry');
/**
 * The spec as published, with two changes the validator needs: response `links` (documentation
 * it cannot compile) are dropped, and `oneOf` with a `discriminator` becomes `anyOf` of the same
 * schemas, because the validator does not apply discriminators to responses and the artifact
 * schemas all accept each other's objects.
 */
function withoutLinks(node: any): any {
  if (Array.isArray(node)) return node.map(withoutLinks);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(([key]) => key !== 'links');
  const discriminated = 'discriminator' in node && 'oneOf' in node;
  return Object.fromEntries(
    entries
      .filter(([key]) => !(discriminated && key === 'discriminator'))
      .map(([key, value]) => [
        discriminated && key === 'oneOf' ? 'anyOf' : key,
        withoutLinks(value),
      ]),
  );
}
const spec = withoutLinks(
  parse(readFileSync(`${FIXTURES}/openapi-model-registry.yaml`, 'utf8')),
);

/**
 * An HTTP server that checks every request and every response against the Model Registry's
 * OpenAPI spec (express-openapi-validator) and answers from `answer`.
 */
async function validatingRegistry(
  answer: (req: express.Request) => Promise<{ status: number; body: unknown }>,
  validateResponses = true,
) {
  const app = express();
  app.use(
    OpenApiValidator.middleware({
      apiSpec: spec,
      validateRequests: true,
      validateResponses,
      validateSecurity: false,
    }),
  );
  app.use(async (req, res, next) => {
    try {
      const { status, body } = await answer(req);
      res.status(status).json(body);
    } catch (error) {
      next(error);
    }
  });
  const violations: string[] = [];
  app.use(
    (
      error: any,
      req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      violations.push(
        `${req.method} ${req.originalUrl}: ${error.status} ${error.message}`,
      );
      res
        .status(error.status ?? 500)
        .json({ code: String(error.status ?? 500), message: error.message });
    },
  );
  const server: Server = await new Promise(r => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    violations,
    close: () => new Promise(r => server.close(r)),
  };
}

describe('ModelRegistryEntityProvider', () => {
  let env: DemoEnvironment;
  beforeAll(async () => {
    env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
  });
  afterAll(() => env.stop());

  const connection = () => ({
    applyMutation: jest.fn(async () => {}),
    refresh: jest.fn(async () => {}),
  });
  const provider = (
    options: {
      baseUrl?: string;
      token?: string;
      demo?: DemoEnvironment;
      otherRegistryUrls?: string[];
    } = {},
  ) => {
    const demo = options.demo ?? env;
    return new ModelRegistryEntityProvider(
      {
        id: 'demo',
        baseUrl: options.baseUrl ?? demo.modelRegistry.url,
        token: options.token ?? demo.registryToken,
        owner: 'group:default/ai-platform',
        archived: 'show',
        clusters: ['demo-cluster'],
        timeoutMs: 2000,
        otherRegistryUrls: options.otherRegistryUrls,
      },
      [
        createClusterClient({
          name: 'demo-cluster',
          url: demo.kubernetes.url,
          serviceAccountToken: demo.kubernetesToken,
          skipTLSVerify: false,
          timeoutMs: 2000,
        }),
      ],
      mockServices.logger.mock(),
    );
  };

  it('makes only requests the OpenAPI spec allows and accepts the answers it defines', async () => {
    const proxy = await validatingRegistry(async req => {
      const response = await fetch(
        `${env.modelRegistry.url}${req.originalUrl}`,
        { headers: { authorization: `Bearer ${env.registryToken}` } },
      );
      return { status: response.status, body: await response.json() };
    });
    try {
      const snapshot = await provider({ baseUrl: proxy.url }).read();
      expect(proxy.violations).toEqual([]);
      // The incremental refresh's newest-first lists too.
      const incremental = provider({ baseUrl: proxy.url });
      await incremental.connect(connection());
      await incremental.refresh();
      await incremental.refresh();
      expect(incremental.status).toMatchObject({ state: 'ok', handed: 0 });
      expect(proxy.violations).toEqual([]);
      expect(snapshot.models.map(m => m.name)).toContain(
        'Mistral-Small-24B-Instruct',
      );
    } finally {
      await proxy.close();
    }
  });

  it('accepts the recorded real registry responses of the fixtures', async () => {
    const file = (name: string) =>
      JSON.parse(readFileSync(`${FIXTURES}/responses/${name}`, 'utf8'));
    const proxy = await validatingRegistry(async req => {
      const path = req.path.replace('/api/model_registry/v1alpha3', '');
      if (path === '/registered_models')
        return {
          status: 200,
          body: {
            items: [1, 3, 5, 7].map(n =>
              file(`docs-logical-model-rm-${n}.json`),
            ),
            nextPageToken: '',
            pageSize: 100,
            size: 4,
          },
        };
      const versions = path.match(/^\/registered_models\/(\d+)\/versions$/);
      if (versions)
        return {
          status: 200,
          body: file(`docs-logical-model-rm-${versions[1]}-versions.json`),
        };
      const artifacts = path.match(/^\/model_versions\/(\d+)\/artifacts$/);
      if (artifacts)
        return {
          status: 200,
          body: file(`docs-logical-model-mv-${artifacts[1]}-artifacts.json`),
        };
      if (path === '/inference_services')
        return {
          status: 200,
          body: { items: [], nextPageToken: '', pageSize: 100, size: 0 },
        };
      return {
        status: 404,
        body: { code: '404', message: `no fixture for ${path}` },
      };
      // The recorded answers come from a 2024 registry whose versions lack registeredModelId,
      // which today's spec requires: requests are checked, the real answers are taken as they are.
    }, false);
    try {
      const client = new ModelRegistryClient({ baseUrl: proxy.url });
      const models = await client.listRegisteredModels();
      expect(models.map(m => m.name)).toEqual([
        'my-model-from-gh',
        ...models.slice(1).map(m => m.name),
      ]);
      const versions = await client.listModelVersions('1');
      expect(versions[0]).toMatchObject({ name: 'v1', author: 'mmortari' });
      const artifacts = await client.listArtifacts('2');
      expect(artifacts[0]).toMatchObject({
        artifactType: 'model-artifact',
        modelFormatName: 'onnx',
      });
      expect(proxy.violations).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('turns the demo registry and cluster into models, versions, servers and APIs with their relations', async () => {
    const { entities, warnings } = buildEntities(await provider().read());
    const models = entities
      .filter(e => e.spec?.type === 'ai-model')
      .map(e => `${e.kind.toLowerCase()}:${e.metadata.name}`)
      .sort();
    expect(models).toEqual([
      'resource:granite-3.1-8b-instruct',
      'resource:llama-3.1-8b-instruct',
      'resource:mistral-small-24b-instruct',
      'resource:qwen2.5-7b-instruct',
    ]);
    const mistral = entities.find(
      e => e.metadata.name === 'mistral-small-24b-instruct',
    )!;
    expect(mistral.spec).toMatchObject({ type: 'ai-model' });
    expect(mistral.metadata.annotations).toMatchObject({
      'rhdh.modelcatalog.io/model-name': 'Mistral-Small-24B-Instruct',
      'modelops.io/registry': 'demo',
    });
    const versions = entities.filter(
      e =>
        e.spec?.type === 'ai-model-version' &&
        (e.spec.dependencyOf as string[])[0] ===
          'resource:default/mistral-small-24b-instruct',
    );
    expect(
      versions
        .map(v => v.metadata.annotations!['modelops.io/version-name'])
        .sort(),
    ).toEqual(
      env
        .scenario!.registry.modelVersions.filter(
          v =>
            v.registeredModelId ===
            mistral.metadata.annotations!['modelops.io/registered-model-id'],
        )
        .map(v => v.name)
        .sort(),
    );
    const served = entities.find(
      e => e.metadata.name === 'mistral-24b-quantized',
    )!;
    expect(served.spec).toMatchObject({
      type: 'model-server',
      dependsOn: [
        'resource:default/mistral-small-24b-instruct-quantized-w4a16-2501',
      ],
      providesApis: ['api:default/mistral-24b-quantized-openai'],
    });
    expect(served.metadata.annotations!['modelops.io/server-ready']).toBe(
      'True',
    );
    const qwen = entities.find(e => e.metadata.name === 'qwen25-7b-instruct')!;
    expect(qwen.metadata.annotations!['modelops.io/server-ready']).toMatch(
      /^False: PredictorReady \(ModelLoadFailed\): .*KV cache/,
    );
    expect(
      JSON.parse(qwen.metadata.annotations!['modelops.io/warnings'])[0],
    ).toMatch(/^not ready/);
    const offConvention = entities.find(
      e =>
        e.metadata.annotations?.['modelops.io/version-name'] ===
        'llama31-8b-v2-final',
    )!;
    expect(
      JSON.parse(offConvention.metadata.annotations!['modelops.io/warnings']),
    ).toEqual([expect.stringContaining('breaks the naming convention')]);
    const ownConvention = buildEntities({
      ...(await provider().read()),
      versionNamePattern: /^[a-z0-9.-]+$/,
    });
    expect(
      ownConvention.entities.find(
        e =>
          e.metadata.annotations?.['modelops.io/version-name'] ===
          'llama31-8b-v2-final',
      )!.metadata.annotations!['modelops.io/warnings'],
    ).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('gives a model that a ModelCar run is building a page before the registry has it, and keeps the page when the run registers it', async () => {
    // Its own environment: this test registers a model.
    const own = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
    try {
      const run = (
        name: string,
        modelName: string,
        extra: Array<{ name: string; value: string }> = [],
        pipeline = 'modelcar-pipeline',
      ) =>
        own.cluster.objects.create('tekton.dev/pipelineruns', {
          apiVersion: 'tekton.dev/v1',
          kind: 'PipelineRun',
          metadata: {
            name,
            namespace: 'private-ai',
            labels: { 'backstage.io/kubernetes-id': modelName.toLowerCase() },
            creationTimestamp: `2026-11-25T0${name.slice(-1)}:00:00Z`,
          },
          spec: {
            pipelineRef: { name: pipeline },
            params: [
              { name: 'hf-repo', value: 'microsoft/Phi-4-mini-instruct' },
              { name: 'model-name', value: modelName },
              { name: 'version-name', value: 'quantized-w4a16-20261125-0100' },
              ...extra,
            ],
          },
        });
      run('phi-4-mini-instruct-quantized-run1', 'Phi-4-Mini-Instruct');
      run('phi-4-mini-instruct-quantized-run2', 'Phi-4-Mini-Instruct');
      // A build for another configured registry, and an evaluation, give no page here; a build
      // naming a registry URL no provider has (an in-cluster service name) does.
      run('other-registry-run3', 'Other-Model', [
        {
          name: 'model-registry-url',
          value: 'https://registry.elsewhere.example/',
        },
      ]);
      run('in-cluster-url-run5', 'Granite-Guardian', [
        {
          name: 'model-registry-url',
          value: 'https://model-registry.rhoai-model-registries.svc:8443',
        },
      ]);
      run(
        'eval-run4',
        'Unregistered-Eval',
        [{ name: 'vllm_model_name', value: 'x' }],
        'model-evaluation',
      );

      const pending = buildEntities(
        await provider({
          demo: own,
          otherRegistryUrls: ['https://registry.elsewhere.example'],
        }).read(),
      ).entities.filter(
        e => e.metadata.annotations?.['modelops.io/registration'] === 'pending',
      );
      expect(pending.map(e => e.metadata.title)).toEqual([
        'Granite-Guardian',
        'Phi-4-Mini-Instruct',
      ]);
      pending.shift();
      expect(pending[0]).toMatchObject({
        kind: 'Resource',
        metadata: {
          name: 'phi-4-mini-instruct',
          title: 'Phi-4-Mini-Instruct',
          annotations: {
            'rhdh.modelcatalog.io/model-name': 'Phi-4-Mini-Instruct',
            'backstage.io/kubernetes-id': 'phi-4-mini-instruct',
            'modelops.io/pipeline-selector':
              'backstage.io/kubernetes-id=phi-4-mini-instruct',
            'modelops.io/hf-repo': 'microsoft/Phi-4-mini-instruct',
          },
        },
        spec: { type: 'ai-model', owner: 'group:default/ai-platform' },
      });
      expect(
        JSON.parse(pending[0].metadata.annotations!['modelops.io/warnings']),
      ).toEqual([
        expect.stringMatching(
          /^not in the Model Registry demo yet: ModelCar run private-ai\/phi-4-mini-instruct-quantized-run2 on demo-cluster \(.+\) \(and 1 earlier run\) registers it when it succeeds$/,
        ),
      ]);

      // A failed newest run says so, and where to look.
      const failed = own.cluster.objects.get(
        'tekton.dev/pipelineruns',
        'private-ai',
        'phi-4-mini-instruct-quantized-run2',
      )!;
      own.cluster.objects.update('tekton.dev/pipelineruns', {
        ...failed,
        status: {
          conditions: [
            { type: 'Succeeded', status: 'False', reason: 'Failed' },
          ],
        },
      });
      const note = (
        await provider({ demo: own }).read().then(buildEntities)
      ).entities.find(e => e.metadata.name === 'phi-4-mini-instruct')!.metadata
        .annotations!['modelops.io/warnings'];
      expect(JSON.parse(note)).toEqual([
        expect.stringMatching(
          /phi-4-mini-instruct-quantized-run2 on demo-cluster \(Failed\) \(and 1 earlier run\) did not register it: its runs tab says why$/,
        ),
      ]);

      // The run registers the model: the same entity, now the registry's, with no pending note.
      const response = await fetch(
        `${own.modelRegistry.url}/api/model_registry/v1alpha3/registered_models`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${own.registryToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ name: 'Phi-4-Mini-Instruct' }),
        },
      );
      expect(response.status).toBe(201);
      const registered = buildEntities(
        await provider({ demo: own }).read(),
      ).entities.filter(e => e.metadata.name === 'phi-4-mini-instruct');
      expect(registered).toHaveLength(1);
      expect(registered[0].metadata.annotations).toMatchObject({
        'modelops.io/registered-model-id': expect.any(String),
      });
      expect(
        registered[0].metadata.annotations!['modelops.io/registration'],
      ).toBeUndefined();
      expect(
        registered[0].metadata.annotations!['modelops.io/warnings'],
      ).toBeUndefined();
    } finally {
      await own.stop();
    }
  });

  it('names colliding models apart and flags them', () => {
    const { entities, warnings } = buildEntities({
      registryId: 'r',
      baseUrl: 'http://r',
      owner: 'group:default/x',
      archived: 'skip',
      models: [
        { id: '1', name: 'Foo Bar' },
        { id: '2', name: 'foo-bar' },
        { id: '3', name: 'x'.repeat(80) },
        { id: '4', name: 'Old', state: 'ARCHIVED' },
      ],
      versions: new Map(),
      artifacts: new Map(),
      inferenceServices: [],
      clusterInferenceServices: [],
    });
    expect(entities.map(e => e.metadata.name)).toEqual([
      'foo-bar',
      'foo-bar-2',
      `${'x'.repeat(54)}-${entities[2].metadata.name.slice(-8)}`,
    ]);
    expect(entities[2].metadata.name.length).toBe(63);
    expect(warnings).toEqual([
      'registered model foo-bar: the entity name foo-bar is taken by registered model Foo Bar; named foo-bar-2 instead',
    ]);
    expect(
      JSON.parse(entities[1].metadata.annotations!['modelops.io/warnings']),
    ).toEqual(warnings);
  });

  it('applies a full mutation, and none when the registry fails, so the entities stay', async () => {
    const p = provider();
    const c = connection();
    await p.connect(c);
    await p.refresh();
    expect(c.applyMutation).toHaveBeenCalledTimes(1);
    expect((c.applyMutation.mock.calls[0] as any)[0]).toMatchObject({
      type: 'full',
    });
    expect(p.status).toMatchObject({ state: 'ok', entities: 22 });

    const refused = provider({ token: 'expired' });
    await refused.connect(c);
    await refused.refresh();
    expect(c.applyMutation).toHaveBeenCalledTimes(1);
    expect(refused.status.state).toBe('error');
    expect(refused.status.message).toContain('HTTP 401 (check the token)');

    const garbage = await validatingRegistry(
      async () => ({ status: 200, body: { items: 'not a list' } }),
      false,
    );
    const confused = provider({ baseUrl: garbage.url });
    await confused.connect(c);
    await confused.refresh();
    await garbage.close();
    expect(confused.status.message).toContain(
      'unexpected answer: "items" is not a list',
    );

    const broken = provider({ baseUrl: garbage.url });
    await broken.connect(c);
    await broken.refresh();
    expect(broken.status.message).toMatch(/unreachable|no answer/);
    expect(c.applyMutation).toHaveBeenCalledTimes(1);
  });
});
