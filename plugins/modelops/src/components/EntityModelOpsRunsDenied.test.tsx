import { fireEvent, screen } from '@testing-library/react';
import { EntityModelOpsRunsContent } from './EntityModelOpsRunsContent';
import { render } from './__testUtils__/renderRuns';

jest.setTimeout(20_000);

// A file of its own: usePermission caches decisions per permission for the whole module.
describe('EntityModelOpsRunsContent without permissions', () => {
  it('hides re-run and cancel without the permissions', async () => {
    await render(<EntityModelOpsRunsContent />, false);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'run mistral-24b-quantized-p3x9q',
      }),
    );
    expect(
      await screen.findByText(
        'A task was denied access to the shared workspace',
        { selector: '.MuiAlertTitle-root *' },
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Re-run' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Cancel run' }),
    ).not.toBeInTheDocument();
  });
});
