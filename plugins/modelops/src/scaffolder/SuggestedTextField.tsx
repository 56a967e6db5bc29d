import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { liveHint } from './types';

/**
 * A text field that suggests values (MUI `Autocomplete` with free text), for the form fields
 * whose value may be one the catalog knows or a new one. Shows `hint` under the field unless
 * the form already lists it as the field's error.
 */
export function SuggestedTextField(
  props: FieldExtensionComponentProps<string> & {
    options: string[];
    loading?: boolean;
    label: string;
    placeholder?: string;
    hint?: string;
    problem?: string;
  },
) {
  const {
    formData,
    onChange,
    required,
    rawErrors,
    idSchema,
    disabled,
    options,
    loading,
    label,
    placeholder,
    hint,
    problem,
  } = props;
  return (
    <Autocomplete
      freeSolo
      options={options}
      loading={loading}
      value={formData ?? ''}
      disabled={disabled}
      onChange={(_event, value) => onChange(value ?? '')}
      onInputChange={(_event, value) => onChange(value.trim())}
      renderInput={params => (
        <TextField
          {...params}
          id={idSchema?.$id}
          label={label}
          placeholder={placeholder}
          required={required}
          error={!!problem || (rawErrors?.length ?? 0) > 0}
          helperText={liveHint(hint, rawErrors)}
          margin="normal"
        />
      )}
    />
  );
}
