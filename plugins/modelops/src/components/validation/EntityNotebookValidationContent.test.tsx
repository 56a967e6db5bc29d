import { Entity } from '@backstage/catalog-model';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  interpretNotebookValidationJob,
  NotebookJobListResponse,
  NotebookJobSummary,
  toNotebookJobListItem,
} from '@private-ai/plugin-modelops-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ModelOpsApi, modelopsApiRef } from '../../api/ModelOpsApi';
import { EntityNotebookValidationContent } from './EntityNotebookValidationContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'notebooks',
    annotations: {
      'modelops.io/validation-selector': 'backstage.io/kubernetes-id=notebooks',
    },
  },
  spec: { type: 'notebooks', owner: 'ds', lifecycle: 'production' },
};

const BUILT = `registry.svc:5000/nb/x@sha256:${'a'.repeat(64)}`;
const built = {
  phase: 'Complete',
  strategy: 'tekton',
  imageReference: BUILT,
  startTime: '2026-11-24T08:00:00Z',
  completionTime: '2026-11-24T08:06:00Z',
};

function nvj(
  name: string,
  wave: number,
  status: Record<string, unknown>,
  pod?: { image: string; start: string },
) {
  const object = {
    metadata: {
      name,
      namespace: 'nb',
      uid: name,
      resourceVersion: '1',
      labels: { 'backstage.io/kubernetes-id': 'notebooks' },
      annotations: { 'argocd.argoproj.io/sync-wave': String(wave) },
    },
    spec: {
      notebook: {
        path: `notebooks/${name}.ipynb`,
        git: { url: 'https://git.example.com/p.git', ref: 'main' },
      },
      podConfig: { buildConfig: { enabled: true } },
      validationConfig: { level: 'staging' },
    },
    status: {
      startTime: '2026-11-24T07:59:00Z',
      completionTime: '2026-11-24T08:10:00Z',
      ...status,
    },
  };
  return interpretNotebookValidationJob(object, {
    cluster: 'demo',
    pod: pod && {
      metadata: { name: `${name}-pod` },
      spec: { containers: [{ name: 'validator', image: pod.image }] },
      status: {
        startTime: pod.start,
        containerStatuses: [{ image: pod.image }],
      },
    },
  });
}

const jobs: NotebookJobSummary[] = [
  nvj(
    'setup-check',
    0,
    {
      phase: 'Succeeded',
      buildStatus: built,
      results: [{ cellIndex: 0, status: 'Success' }],
    },
    { image: BUILT, start: '2026-11-24T08:07:00Z' },
  ),
  nvj('lstm', 3, {
    phase: 'Failed',
    buildStatus: {
      phase: 'Failed',
      strategy: 'tekton',
      message: 'pip install returned exit code 1',
    },
  }),
  nvj(
    'autoencoder',
    3,
    {
      phase: 'Failed',
      buildStatus: built,
      results: [
        { cellIndex: 0, status: 'Success' },
        {
          cellIndex: 1,
          status: 'Failure',
          errorMessage: "ModuleNotFoundError: No module named 'prophet'",
        },
      ],
    },
    { image: 'quay.io/base/notebook:2024.2', start: '2026-11-24T08:01:00Z' },
  ),
  nvj(
    'ensemble',
    4,
    {
      phase: 'Failed',
      buildStatus: built,
      results: [
        {
          cellIndex: 7,
          status: 'Failure',
          errorMessage: "KeyError: 'lstm_autoencoder'",
        },
      ],
    },
    { image: BUILT, start: '2026-11-24T08:07:00Z' },
  ),
  nvj(
    'thresholds',
    4,
    {
      phase: 'Succeeded',
      buildStatus: built,
      results: [{ cellIndex: 5, status: 'Success', output: "{'f1': nan}" }],
    },
    { image: BUILT, start: '2026-11-24T08:07:00Z' },
  ),
  nvj('later', 9, { phase: 'Pending' }),
];

const list: NotebookJobListResponse = {
  selector: 'backstage.io/kubernetes-id=notebooks',
  items: jobs.map(toNotebookJobListItem),
  totalCount: jobs.length,
  clusters: [{ cluster: 'demo', state: 'ok' }],
};

async function render() {
  const api: Partial<ModelOpsApi> = {
    listValidations: jest.fn(async () => list),
    getValidation: jest.fn(async ref => jobs.find(j => j.name === ref.name)!),
    getValidationLog: jest.fn(async () => ({
      pod: 'autoencoder-pod',
      text: "ModuleNotFoundError: No module named 'prophet'\n",
      truncated: false,
      limitBytes: 1024,
    })),
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [modelopsApiRef, api],
        [signalApiRef, { subscribe: () => ({ unsubscribe: () => {} }) }],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityNotebookValidationContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  return api;
}

describe('EntityNotebookValidationContent', () => {
  it('shows the waves with counts, highlights the first failing wave and opens its first failed job', async () => {
    await render();
    expect(
      await screen.findByText(
        /Wave 3 is the first failing wave: 2 of 2 jobs failed/,
      ),
    ).toBeInTheDocument();
    const wave3 = screen.getByRole('region', {
      name: 'Wave 3, first failing wave',
    });
    expect(within(wave3).getByText('2 failed')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Wave 4' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Wave 9' })).toBeInTheDocument();
    // the first failed job of that wave is opened
    expect(
      await screen.findByRole('region', { name: 'details of autoencoder' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 initializing · 2 succeeded · 3 failed'),
    ).toBeInTheDocument();
  });

  it('warns loudly about validation that ran before its image was built, and shows the failing cell and the pod log', async () => {
    const api = await render();
    const gate = await screen.findByRole('region', { name: 'build gate' });
    expect(
      within(gate).getByText('Validated before the image was built.'),
    ).toBeInTheDocument();
    expect(
      within(gate).getByText(/quay.io\/base\/notebook:2024.2/, {
        selector: 'code',
      }),
    ).toBeInTheDocument();
    const cells = screen.getByRole('table', { name: 'cell results' });
    expect(
      within(cells).getByText("ModuleNotFoundError: No module named 'prophet'"),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Validation pod log' }),
    );
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(api.getValidationLog).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'autoencoder' }),
    );
  });

  it('shows why a failed image build stopped the job', async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^lstm: Failed, Image build failed/,
      }),
    );
    const gate = await screen.findByRole('region', { name: 'build gate' });
    expect(
      within(gate).getByText(
        /The custom image build failed: pip install returned exit code 1/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No cell results yet.')).toBeInTheDocument();
  });

  it('marks a passed job whose cell printed NaN as a warning', async () => {
    await render();
    const tile = await screen.findByRole('button', {
      name: /^thresholds: Succeeded, Passed, but cell 5 printed NaN/,
    });
    expect(within(tile).getByLabelText('warning')).toBeInTheDocument();
    expect(
      within(tile).getByText('Succeeded, with a warning'),
    ).toBeInTheDocument();
    await userEvent.click(tile);
    expect(
      await screen.findByText('silent failure: printed NaN'),
    ).toBeInTheDocument();
  });
});
