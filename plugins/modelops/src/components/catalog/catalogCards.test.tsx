import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { screen } from '@testing-library/react';
import { EvaluationResponse } from '@private-ai/plugin-modelops-common';
import { modelopsApiRef } from '../../api/ModelOpsApi';
import { EntityModelOpsWarnings } from './EntityModelOpsWarnings';
import { EntityModelServerCard } from './EntityModelServerCard';
import { EntityModelVersionsCard } from './EntityModelVersionsCard';

const model: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'mistral-small-24b-instruct',
    namespace: 'default',
    title: 'Mistral-Small-24B-Instruct',
    annotations: {
      'modelops.io/registry': 'demo',
      'modelops.io/registered-model-id': '1',
    },
  },
  spec: { type: 'ai-model', owner: 'ai-platform' },
};
const version = (
  name: string,
  created: string,
  extra: Record<string, string> = {},
  relations: Entity['relations'] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `mistral-small-24b-instruct-${name}`,
    namespace: 'default',
    annotations: {
      'modelops.io/registry': 'demo',
      'modelops.io/registered-model-id': '1',
      'modelops.io/model-version-id': `id-${name}`,
      'modelops.io/version-name': name,
      'modelops.io/created': created,
      'modelops.io/version-state': 'LIVE',
      ...extra,
    },
  },
  spec: { type: 'ai-model-version', owner: 'ai-platform' },
  relations,
});
const server: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'qwen25-7b-instruct',
    namespace: 'default',
    annotations: {
      'modelops.io/server-ready':
        "False: PredictorReady (ModelLoadFailed): Container kserve-container exited with code 1: ValueError: The model's max seq len (32768) is larger than the maximum number of tokens that can be stored in KV cache (21344).",
      'modelops.io/server-url':
        'https://qwen25-7b-instruct-private-ai.apps.example.com',
      'modelops.io/runtime': 'vllm-cuda-runtime',
      'modelops.io/warnings': JSON.stringify([
        'not ready: False: PredictorReady (ModelLoadFailed)',
        'serves model version 99, which this registry (demo) does not have',
      ]),
    },
  },
  spec: { type: 'model-server', owner: 'ai-platform', lifecycle: 'production' },
  relations: [],
};

const gate = (status: 'pass' | 'fail' | 'not-evaluated', summary: string) => ({
  status,
  summary,
  checks: [],
});
const evaluations: EvaluationResponse = {
  model: { name: 'Mistral-Small-24B-Instruct' },
  thresholds: [],
  thresholdsSource: 'config',
  thresholdProblems: [],
  versions: [
    {
      versionName: 'quantized-w4a16-2501',
      versionId: 'id-quantized-w4a16-2501',
      metrics: { mmlu: 79.6 },
      accuracy: [],
      performance: [],
      sources: [],
      gate: gate('pass', 'passes all 4 thresholds'),
    },
    {
      versionName: 'full-fp16-20261121-0900',
      versionId: 'id-full-fp16-20261121-0900',
      metrics: { ttft_p90: 396 },
      accuracy: [],
      performance: [],
      sources: [],
      gate: gate('fail', 'fails: ttft_p90 396 (needs <= 300)'),
    },
  ],
};

/** What `/api/catalog/modelops-registries` answers in a test. */
let registryStatus: { status: number; body: unknown } = {
  status: 200,
  body: { items: [] },
};
const fetchedUrls: string[] = [];
const fetchApi = {
  fetch: async (url: RequestInfo | URL) => {
    fetchedUrls.push(String(url));
    return new Response(JSON.stringify(registryStatus.body), {
      status: registryStatus.status,
      headers: { 'content-type': 'application/json' },
    });
  },
};
const discoveryApi = {
  getBaseUrl: async (plugin: string) => `http://backstage/api/${plugin}`,
};

const render = (
  entity: Entity,
  children: JSX.Element,
  entities: Entity[] = [],
) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities })],
        [modelopsApiRef, { getEvaluations: async () => evaluations }],
        [fetchApiRef, fetchApi],
        [discoveryApiRef, discoveryApi],
      ]}
    >
      <EntityProvider entity={entity}>{children}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('catalog cards', () => {
  it('a server that is not ready says so, with the failing condition, not a green check', async () => {
    await render(server, <EntityModelServerCard />);
    expect(screen.getByText('Not ready')).toBeInTheDocument();
    expect(
      screen.getByText(/PredictorReady \(ModelLoadFailed\).*KV cache/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Ready/)).not.toBeInTheDocument();
    expect(screen.getByText('no known model version')).toBeInTheDocument();
  });

  it('shows the problems the catalog module flagged', async () => {
    await render(server, <EntityModelOpsWarnings />);
    expect(
      screen.getByText(/2 problems with this model-server/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'serves model version 99, which this registry (demo) does not have',
      ),
    ).toBeInTheDocument();
  });

  it('says when the registry fails to refresh, since when, and as of when the entities are', async () => {
    registryStatus = {
      status: 200,
      body: {
        items: [
          {
            provider: 'modelops-registry:demo',
            registry: 'demo',
            state: 'error',
            message:
              'Model Registry http://registry: GET /registered_models?pageSize=100: unexpected answer: "items" is missing: not a Model Registry list answer',
            lastSuccessAt: '2026-11-30T05:25:00.000Z',
            lastAttemptAt: '2026-11-30T05:41:00.000Z',
            errorSince: '2026-11-30T05:31:00.000Z',
          },
        ],
      },
    };
    try {
      await render(model, <EntityModelOpsWarnings />);
      expect(
        await screen.findByText(
          /Model Registry demo unreachable since 2026-11-30 05:31 UTC; entities shown as of 2026-11-30 05:25 UTC$/,
        ),
      ).toBeInTheDocument();
      expect(screen.getByText(/"items" is missing/)).toBeInTheDocument();
      expect(fetchedUrls).toContain(
        'http://backstage/api/catalog/modelops-registries',
      );
    } finally {
      registryStatus = { status: 200, body: { items: [] } };
    }
  });

  it('shows nothing for a model whose registry is fine', async () => {
    registryStatus = {
      status: 200,
      body: {
        items: [{ provider: 'p', registry: 'demo', state: 'ok' }],
      },
    };
    const { container } = await render(model, <EntityModelOpsWarnings />);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(container).toBeEmptyDOMElement();
  });

  it('a ready ModelMesh server says which conditions make it ready', async () => {
    await render(
      {
        ...server,
        metadata: {
          ...server.metadata,
          annotations: {
            'modelops.io/server-ready': 'True',
            'modelops.io/server-deployment-mode': 'ModelMesh',
          },
        },
      },
      <EntityModelServerCard />,
    );
    expect(
      screen.getByText('Ready (ModelMesh: PredictorReady and Ready are true)'),
    ).toBeInTheDocument();
  });

  it('lists the versions of a model newest first with state, digest, server and problems', async () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    await render(model, <EntityModelVersionsCard />, [
      model,
      version(
        'quantized-w4a16-2501',
        '2026-10-01T00:00:00Z',
        {
          'modelops.io/artifact-uri': `oci://quay.io/x@${digest}`,
          'modelops.io/warnings': JSON.stringify([
            'version name quantized-w4a16-2501 breaks the convention',
          ]),
        },
        [
          {
            type: 'dependencyOf',
            targetRef: 'component:default/mistral-24b-quantized',
          },
        ],
      ),
      version('full-fp16-20261121-0900', '2026-11-21T09:00:00Z'),
    ]);
    expect(await screen.findByText('Versions (2)')).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('full-fp16-20261121-0900');
    expect(rows[0]).toHaveTextContent('no artifact');
    expect(rows[0]).toHaveTextContent('Failed');
    expect(rows[1]).toHaveTextContent('Passed');
    expect(rows[1]).toHaveTextContent('quantized-w4a16-2501');
    expect(rows[1]).toHaveTextContent('sha256:abababababab');
    expect(rows[1]).toHaveTextContent('mistral-24b-quantized');
    expect(
      screen.getByLabelText(
        'problems: version name quantized-w4a16-2501 breaks the convention',
      ),
    ).toBeInTheDocument();
  });
});
