import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { ModelRegistryEntityProvider } from '@private-ai/plugin-catalog-backend-module-modelops';
import {
  createClusterClient,
  ModelRegistryClient,
} from '@private-ai/plugin-modelops-node';
import { FAULT_CASES } from './faults';
import { FaultProxy, startFaultProxy } from './startFaultProxy';

jest.setTimeout(120_000);

/**
 * The catalog under faults: the entity provider reads the demo Model Registry and the demo
 * cluster through fault proxies. For each fault it must apply no mutation (the catalog keeps
 * every entity), and its status (what `/api/catalog/modelops-registries` and the model page
 * show) must say what failed, since when, and as of when the entities are.
 */
describe('catalog under faults', () => {
  let env: DemoEnvironment;
  let registryProxy: FaultProxy;
  let clusterProxy: FaultProxy;
  let provider: ModelRegistryEntityProvider;
  const applyMutation = jest.fn<
    ReturnType<EntityProviderConnection['applyMutation']>,
    Parameters<EntityProviderConnection['applyMutation']>
  >(async () => {});
  let baseline: number;

  beforeAll(async () => {
    env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
    registryProxy = await startFaultProxy(env.modelRegistry.url);
    clusterProxy = await startFaultProxy(env.kubernetes.url);
    provider = new ModelRegistryEntityProvider(
      {
        id: 'demo',
        baseUrl: registryProxy.url,
        owner: 'group:default/ai-platform',
        archived: 'show',
        clusters: ['demo-cluster'],
        // Every refresh reads the whole registry, so a fault on any page is met (between
        // full refreshes the provider reads only the newest page and would never reach it).
        fullRefreshMs: 0,
      },
      [
        createClusterClient({
          name: 'demo-cluster',
          url: clusterProxy.url,
          serviceAccountToken: env.kubernetesToken,
          skipTLSVerify: false,
          timeoutMs: 1000,
        }),
      ],
      mockServices.logger.mock(),
      undefined,
      new ModelRegistryClient({
        baseUrl: registryProxy.url,
        token: env.registryToken,
        timeoutMs: 1000,
      }),
    );
    await provider.connect({ applyMutation, refresh: async () => {} });
    await provider.refresh();
    baseline =
      applyMutation.mock.calls[0][0].type === 'full'
        ? (applyMutation.mock.calls[0][0] as { entities: unknown[] }).entities
            .length
        : 0;
  });
  afterAll(async () => {
    await registryProxy.stop();
    await clusterProxy.stop();
    env.stop();
  });

  it('reads the demo registry and cluster through the proxies', () => {
    expect(provider.status.state).toBe('ok');
    expect(baseline).toBeGreaterThan(20);
  });

  const targets = [
    {
      what: 'the Model Registry (registered models list)',
      proxy: () => registryProxy,
      match: /\/registered_models\?/,
      says: (c: (typeof FAULT_CASES)[number]) => c.registry,
    },
    {
      what: 'the cluster (InferenceServices list)',
      proxy: () => clusterProxy,
      match: /\/inferenceservices\?/,
      says: (c: (typeof FAULT_CASES)[number]) => c.cluster,
    },
  ];

  describe.each(targets)('$what', target => {
    it.each(FAULT_CASES)(
      'keeps every entity and says what failed on $name',
      async faultCase => {
        const mutations = applyMutation.mock.calls.length;
        const lastSuccess = provider.status.lastSuccessAt;
        target.proxy().setFault(target.match, faultCase.fault);
        try {
          await provider.refresh();
          await provider.refresh(); // still failing: errorSince stays
        } finally {
          target.proxy().setFault(target.match, undefined);
        }
        expect(applyMutation.mock.calls.length).toBe(mutations);
        expect(provider.status).toMatchObject({
          state: 'error',
          registry: 'demo',
          lastSuccessAt: lastSuccess,
        });
        expect(provider.status.message).toContain(target.says(faultCase));
        expect(
          provider.status.errorSince! <= provider.status.lastAttemptAt!,
        ).toBe(true);

        // The source answers again: the same entities, state ok.
        await provider.refresh();
        expect(provider.status.state).toBe('ok');
        expect(provider.status.errorSince).toBeUndefined();
        const last = applyMutation.mock.calls[
          applyMutation.mock.calls.length - 1
        ][0] as {
          entities: unknown[];
        };
        expect(last.entities).toHaveLength(baseline);
      },
    );
  });
});
