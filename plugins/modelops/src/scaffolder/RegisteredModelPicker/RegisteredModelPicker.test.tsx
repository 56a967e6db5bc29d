import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import {
  errorsOf,
  fieldApis,
  fieldProps,
} from '../__testUtils__/fieldTestUtils';
import {
  RegisteredModelPicker,
  validateRegisteredModelName,
} from './RegisteredModelPicker';

describe('RegisteredModelPicker', () => {
  it('offers the catalog models by registry name and marks a new one', async () => {
    await renderInTestApp(
      <TestApiProvider apis={fieldApis}>
        <RegisteredModelPicker
          {...fieldProps({
            formData: 'Phi-4-Mini-Instruct',
            onChange: jest.fn(),
          })}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'A new model: Phi-4-Mini-Instruct will be registered by the run',
      ),
    ).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByRole('textbox'));
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'ArrowDown' });
    expect(
      await screen.findByText('Granite-3.1-8B-Instruct'),
    ).toBeInTheDocument();
    expect(screen.queryByText('some-database')).not.toBeInTheDocument();
  });

  it('refuses names that would break the YAML or the registry', async () => {
    expect(
      await errorsOf(v => validateRegisteredModelName('Mistral: Small', v)),
    ).toEqual(['must not contain spaces']);
    expect(
      await errorsOf(v =>
        validateRegisteredModelName('Mistral-Small-24B-Instruct', v),
      ),
    ).toEqual([]);
  });
});
