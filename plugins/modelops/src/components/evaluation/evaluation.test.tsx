import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  evaluateGate,
  EvaluationResponse,
  parseThresholds,
  readRegistryEvaluation,
  VersionEvaluation,
} from '@private-ai/plugin-modelops-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelopsApiRef } from '../../api/ModelOpsApi';
import { EntityEvaluationContent } from './EntityEvaluationContent';
import { EntityEvaluationGateCard } from './EntityEvaluationGateCard';

const CRITERIA = 'mmlu>=78, gsm8k>=85, ttft_p90<=300, requests_per_second>=4';
const { thresholds } = parseThresholds(CRITERIA);
const double = (v: number) => ({
  metadataType: 'MetadataDoubleValue',
  double_value: v,
});

function version(
  name: string,
  createdAt: string,
  numbers: Record<string, number>,
): VersionEvaluation {
  const report = readRegistryEvaluation({
    customProperties: Object.fromEntries(
      Object.entries(numbers).map(([k, v]) => [k, double(v)]),
    ),
  });
  return {
    versionName: name,
    versionId: name,
    entityRef: `resource:default/mistral-${name}`,
    createdAt,
    metrics: report.metrics,
    accuracy: report.accuracy,
    performance: [],
    sources: Object.keys(numbers).length
      ? [
          {
            source: 'model-registry',
            label: 'Model Registry',
            recognized: true,
            problems: [],
            metrics: report.metrics,
          },
        ]
      : [],
    gate: evaluateGate(report.metrics, thresholds),
  };
}

const response: EvaluationResponse = {
  model: {
    name: 'Mistral-Small-24B-Instruct',
    entityRef: 'resource:default/mistral-small-24b-instruct',
  },
  focus: 'quantized-w4a16-2501',
  thresholds,
  thresholdsSource: 'config',
  thresholdsText: CRITERIA,
  thresholdProblems: [],
  versions: [
    version('quantized-w4a16-2501', '2026-10-17T00:00:00Z', {
      mmlu: 79.6,
      gsm8k: 86.3,
      ttft_p90: 241.7,
      requests_per_second: 4.86,
    }),
    version('full-fp16-20261110-0800', '2026-11-10T08:00:00Z', {
      mmlu: 81.2,
      gsm8k: 88.1,
      ttft_p90: 396.2,
      requests_per_second: 2.31,
    }),
    version('quantized-w4a16-20261120-0900', '2026-11-20T09:00:00Z', {}),
  ],
};

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'mistral-quantized-w4a16-2501', namespace: 'default' },
  spec: { type: 'ai-model-version', owner: 'x' },
};

const render = (children: JSX.Element, value: EvaluationResponse = response) =>
  renderInTestApp(
    <TestApiProvider
      apis={[[modelopsApiRef, { getEvaluations: async () => value }]]}
    >
      <EntityProvider entity={entity}>{children}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('EntityEvaluationGateCard', () => {
  it('shows the verdict on the version, each threshold with the measured value, and where the thresholds came from', async () => {
    await render(<EntityEvaluationGateCard />);
    expect(await screen.findByText('Passed')).toBeInTheDocument();
    expect(screen.getByText('passes all 4 thresholds')).toBeInTheDocument();
    const checks = screen.getByRole('table', { name: 'gate checks' });
    expect(
      within(checks).getByText('TTFT p90 (ms)').closest('tr'),
    ).toHaveTextContent('≤ 300241.7');
    expect(within(checks).getAllByLabelText('met')).toHaveLength(4);
    expect(
      screen.getByText(`Thresholds from the portal configuration: ${CRITERIA}`),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'accuracy' })).getByText('mmlu'),
    ).toBeInTheDocument();
  });

  it('says why a version fails', async () => {
    await render(<EntityEvaluationGateCard />, {
      ...response,
      focus: 'full-fp16-20261110-0800',
    });
    expect(await screen.findByText('Failed')).toBeInTheDocument();
    expect(
      screen.getByText(
        'fails: ttft_p90 396.2 (needs <= 300), requests_per_second 2.31 (needs >= 4)',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'gate checks' }),
      ).getAllByLabelText('not met'),
    ).toHaveLength(2);
  });

  it('shows a registry outage as a warning and still judges what the runs measured', async () => {
    await render(<EntityEvaluationGateCard />, {
      ...response,
      registryError:
        'registry http://r: GET /registered_models/1/versions: unreachable (ECONNREFUSED)',
    });
    expect(
      await screen.findByText(
        /The Model Registry could not be read \(.*ECONNREFUSED\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Passed')).toBeInTheDocument();
  });
});

describe('EntityEvaluationContent', () => {
  it('lists every version with its gate, charts the trend with thresholds, and compares two versions', async () => {
    await render(<EntityEvaluationContent />);
    const table = await screen.findByRole('table', {
      name: 'versions and their gate',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringContaining('quantized-w4a16-20261120-0900Not evaluated'),
      expect.stringContaining('full-fp16-20261110-0800Failed'),
      expect.stringContaining('quantized-w4a16-2501Passed'),
    ]);
    const charts = screen.getAllByRole('figure');
    expect(charts.map(c => c.getAttribute('aria-label'))).toEqual([
      'mmlu across versions',
      'gsm8k across versions',
      'TTFT p90 (ms) across versions',
      'requests/s across versions',
    ]);
    expect(
      within(charts[2]).getByText('TTFT p90 (ms) · threshold ≤ 300'),
    ).toBeInTheDocument();

    const comparison = screen.getByRole('table', {
      name: 'version comparison',
    });
    const ttft = within(comparison).getByText('TTFT p90 (ms)').closest('tr')!;
    // A is the other evaluated version, B the one of this page; lower latency is better
    expect(ttft).toHaveTextContent('396.2241.7-154.5quantized-w4a16-2501');
    const mmlu = within(comparison).getByText('mmlu').closest('tr')!;
    expect(mmlu).toHaveTextContent('81.279.6-1.6full-fp16-20261110-0800');
    await userEvent.click(screen.getByRole('button', { name: /Version A/ }));
    expect(await screen.findAllByRole('option')).toHaveLength(2);
  });
});
