import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import {
  errorsOf,
  fieldApis,
  fieldProps,
} from '../__testUtils__/fieldTestUtils';
import {
  HuggingFaceRepoField,
  validateHuggingFaceRepo,
} from './HuggingFaceRepoField';

describe('HuggingFaceRepoField', () => {
  it('shows the problem as it is typed and validates like the action', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={fieldApis}>
        <HuggingFaceRepoField
          {...fieldProps({ formData: 'mistralai', onChange })}
        />
      </TestApiProvider>,
    );
    expect(screen.getByText(/must be "owner\/name"/)).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox'), {
      target: { value: ' mistralai/Mistral-Small-24B-Instruct-2501 ' },
    });
    expect(onChange).toHaveBeenCalledWith(
      'mistralai/Mistral-Small-24B-Instruct-2501',
    );
    expect(await errorsOf(v => validateHuggingFaceRepo('a b/c', v))).toEqual([
      'must not contain spaces',
    ]);
    expect(
      await errorsOf(v =>
        validateHuggingFaceRepo('ibm-granite/granite-3.3-8b-instruct', v),
      ),
    ).toEqual([]);
  });

  it("offers the repositories the catalog's model versions were built from", async () => {
    await renderInTestApp(
      <TestApiProvider apis={fieldApis}>
        <HuggingFaceRepoField
          {...fieldProps({ formData: undefined, onChange: jest.fn() })}
        />
      </TestApiProvider>,
    );
    fireEvent.mouseDown(screen.getByRole('textbox'));
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'ArrowDown' });
    expect(
      await screen.findByText('ibm-granite/granite-3.1-8b-instruct'),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('option')).toHaveLength(1);
  });
});
