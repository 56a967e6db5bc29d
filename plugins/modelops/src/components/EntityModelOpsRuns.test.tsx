import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EntityModelOpsRunsCard } from './EntityModelOpsRunsCard';
import { EntityModelOpsRunsContent } from './EntityModelOpsRunsContent';
import { render } from './__testUtils__/renderRuns';

describe('EntityModelOpsRunsCard', () => {
  it('lists the latest runs with the cause of each failure and says which cluster could not be read', async () => {
    await render(<EntityModelOpsRunsCard />, true);
    expect(await screen.findByText('3 runs · 1 running')).toBeInTheDocument();
    expect(
      screen.getByText('A task was denied access to the shared workspace'),
    ).toBeInTheDocument();
    expect(screen.getByText('Succeeded, with a problem')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Cluster prod could not be read \(cluster prod: list pipelineruns: HTTP 401\): its runs are the history as of 2026-11-24 09:30 UTC \(\d+ d ago\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('All runs, logs and diagnoses').closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/mistral-small-24b-instruct/pipeline-runs',
    );
  });
});

describe('EntityModelOpsRunsContent', () => {
  it('opens the newest failure with cause, fix, evidence and the failing step', async () => {
    await render(<EntityModelOpsRunsContent />, true);
    expect(await screen.findByText(/^3 runs matching/)).toBeInTheDocument();
    // The digest-mismatch run is the newest diagnosed one: opened, with the differing digest marked.
    expect(
      await screen.findByText('sha256:222222222222 ≠ built image', {
        exact: false,
      }),
    ).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'run mistral-24b-quantized-p3x9q' }),
    );
    const diagnosis = await screen.findByText(
      'A task was denied access to the shared workspace',
      { selector: '.MuiAlertTitle-root *' },
    );
    expect(diagnosis).toBeInTheDocument();
    expect(
      screen.getByText(
        "cp: cannot open '/workspace/shared/oci/image.tar' for reading: Permission denied",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByLabelText(/push-to-internal: Failed .* step push exit 1/)
        .length,
    ).toBeGreaterThan(0);
  });

  it('shows a bounded log in a dialog and says it was cut', async () => {
    const { modelops } = await render(<EntityModelOpsRunsContent />, true);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'run mistral-24b-quantized-p3x9q',
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'push (exit 1)' }),
    );
    expect(
      await screen.findByText(/Only the last 1024 KiB of this log are shown/),
    ).toBeInTheDocument();
    expect(modelops.getLog).toHaveBeenCalledWith(
      {
        cluster: 'demo-cluster',
        namespace: 'private-ai',
        name: 'mistral-24b-quantized-p3x9q',
      },
      'push-to-internal',
      'push',
    );
  });

  it('offers re-run and cancel only with the permissions', async () => {
    const { modelops } = await render(<EntityModelOpsRunsContent />, true);
    const summary = await screen.findByRole('button', {
      name: 'run mistral-24b-quantized-p3x9q',
    });
    fireEvent.click(summary);
    const accordion = within(
      summary.closest('.MuiAccordion-root') as HTMLElement,
    );
    fireEvent.click(await accordion.findByRole('button', { name: 'Re-run' }));
    await waitFor(() =>
      expect(modelops.rerun).toHaveBeenCalledWith({
        cluster: 'demo-cluster',
        namespace: 'private-ai',
        name: 'mistral-24b-quantized-p3x9q',
      }),
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'run mistral-24b-quantized-r8n4m' }),
    );
    expect(
      await screen.findByRole('button', { name: 'Cancel run' }),
    ).toBeInTheDocument();
  });
});
