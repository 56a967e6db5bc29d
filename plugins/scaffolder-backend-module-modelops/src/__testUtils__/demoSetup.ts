import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  buildEntities,
  ModelRegistryEntityProvider,
} from '@private-ai/plugin-catalog-backend-module-modelops';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { ModelOpsTargets } from '../service/ModelOpsTargets';

/** The time the demo scenario is built at in these tests. */
export const NOW = Date.parse('2026-11-24T12:00:00Z');

/** The portal configuration that points the actions at a running demo environment. */
export function demoConfig(
  env: DemoEnvironment,
  overrides: { registryUrl?: string; clusterUrl?: string } = {},
) {
  return {
    app: { baseUrl: 'http://localhost:3000' },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'demo-cluster',
              url: overrides.clusterUrl ?? env.kubernetes.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: env.kubernetesToken,
              timeoutMs: 3000,
            },
          ],
        },
      ],
    },
    catalog: {
      providers: {
        modelops: {
          demo: {
            baseUrl: overrides.registryUrl ?? env.modelRegistry.url,
            token: env.registryToken,
            timeoutMs: 3000,
          },
        },
      },
    },
  };
}

/** Targets over the demo environment (or over a dead address, for outage tests). */
export function demoTargets(
  env: DemoEnvironment,
  overrides: { registryUrl?: string; clusterUrl?: string } = {},
) {
  return ModelOpsTargets.fromConfig(
    new ConfigReader(demoConfig(env, overrides)),
  );
}

/** The catalog entities the catalog module makes of the demo registry and cluster. */
export async function demoEntities(env: DemoEnvironment): Promise<Entity[]> {
  const provider = new ModelRegistryEntityProvider(
    {
      id: 'demo',
      baseUrl: env.modelRegistry.url,
      token: env.registryToken,
      owner: 'group:default/ai-platform',
      archived: 'show',
      clusters: ['demo-cluster'],
      timeoutMs: 3000,
    },
    [
      createClusterClient({
        name: 'demo-cluster',
        url: env.kubernetes.url,
        serviceAccountToken: env.kubernetesToken,
        skipTLSVerify: false,
        timeoutMs: 3000,
      }),
    ],
    mockServices.logger.mock(),
  );
  return buildEntities(await provider.read()).entities;
}

/** A running demo environment with its catalog entities and targets. */
export async function startDemo() {
  const env = await startDemoEnvironment({ now: NOW, taskSeconds: 0 });
  const entities = await demoEntities(env);
  return {
    env,
    entities,
    targets: demoTargets(env),
    catalog: catalogServiceMock({ entities }),
  };
}

/** A loopback address where nothing listens any more (a registry or cluster that is down). */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** The values of a good ModelCar request against the demo environment. */
export const modelCarRequest = {
  pipeline: 'modelcar' as const,
  cluster: 'demo-cluster',
  huggingFaceRepo: 'mistralai/Mistral-Small-24B-Instruct-2501',
  variant: 'quantized-w4a16',
  modelName: 'Mistral-Small-24B-Instruct',
  versionName: 'quantized-w4a16-20261125-0215',
  namespace: 'private-ai',
  internalImage:
    'image-registry.openshift-image-registry.svc:5000/private-ai/mistral-small-24b-instruct',
  quayImage: 'quay.io/private-ai/mistral-small-24b-instruct',
  hfTokenSecret: 'hf-token',
  quayAuthSecret: 'quay-push-credentials',
};

/** The values of a good evaluation request against the demo environment. */
export const evaluationRequest = {
  pipeline: 'evaluation' as const,
  modelVersion:
    'resource:default/mistral-small-24b-instruct-quantized-w4a16-2501',
  modelServer: 'component:default/mistral-24b-quantized',
  lmEvalTasks: ['mmlu', 'gsm8k'],
  guidellmProfile: 'sweep',
  minAccuracy: 0.6,
  maxTtftP90Ms: 800,
};
