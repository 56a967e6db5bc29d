import TextField from '@material-ui/core/TextField';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { FieldValidation } from '../types';
import { checkHuggingFaceRepo } from '@private-ai/plugin-modelops-common';

/**
 * `ui:field: HuggingFaceRepo`: a Hugging Face repository id (`owner/name`), checked as it is
 * typed with the same rule the scaffolder action applies.
 * @public
 */
export function HuggingFaceRepoField(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, required, rawErrors, schema, idSchema, disabled } = props;
  const problem = formData ? checkHuggingFaceRepo(formData) : undefined;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Hugging Face repository'}
      placeholder="mistralai/Mistral-Small-24B-Instruct-2501"
      value={formData ?? ''}
      onChange={event => onChange(event.target.value.trim())}
      required={required}
      disabled={disabled}
      error={!!problem || (rawErrors?.length ?? 0) > 0}
      helperText={problem ?? (formData ? `https://huggingface.co/${formData}` : schema.description)}
      fullWidth
      margin="normal"
    />
  );
}

/** The form refuses what the action would refuse. @public */
export function validateHuggingFaceRepo(value: string, validation: FieldValidation) {
  const problem = checkHuggingFaceRepo(value);
  if (problem) validation.addError(`Hugging Face repository ${problem}`);
}
