import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { errorsOf, fieldApis, fieldProps } from '../__testUtils__/fieldTestUtils';
import { HuggingFaceRepoField, validateHuggingFaceRepo } from './HuggingFaceRepoField';

describe('HuggingFaceRepoField', () => {
  it('shows the problem as it is typed and validates like the action', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={fieldApis}>
        <HuggingFaceRepoField {...fieldProps({ formData: 'mistralai', onChange })} />
      </TestApiProvider>,
    );
    expect(screen.getByText(/must be "owner\/name"/)).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox'), { target: { value: ' mistralai/Mistral-Small-24B-Instruct-2501 ' } });
    expect(onChange).toHaveBeenCalledWith('mistralai/Mistral-Small-24B-Instruct-2501');
    expect(await errorsOf(v => validateHuggingFaceRepo('a b/c', v))).toEqual(['Hugging Face repository must not contain spaces']);
    expect(await errorsOf(v => validateHuggingFaceRepo('ibm-granite/granite-3.3-8b-instruct', v))).toEqual([]);
  });
});
