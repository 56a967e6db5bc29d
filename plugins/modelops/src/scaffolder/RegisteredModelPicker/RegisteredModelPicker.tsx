import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { SuggestedTextField } from '../SuggestedTextField';
import { FieldValidation } from '../types';
import {
  ANNOTATION_RHDH_MODEL_NAME,
  checkRegisteredModelName,
} from '@private-ai/plugin-modelops-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * `ui:field: RegisteredModelPicker`: the registered models of the catalog (`Resource` of type
 * `ai-model`) by their Model Registry name, or a new name typed in.
 * @public
 */
export function RegisteredModelPicker(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, schema } = props;
  const catalogApi = useApi(catalogApiRef);
  const {
    value: models = [],
    loading,
    error,
  } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Resource', 'spec.type': 'ai-model' },
      fields: [
        'metadata.name',
        'metadata.title',
        `metadata.annotations.${ANNOTATION_RHDH_MODEL_NAME}`,
      ],
    });
    return items
      .map(
        e =>
          e.metadata.annotations?.[ANNOTATION_RHDH_MODEL_NAME] ??
          e.metadata.title ??
          e.metadata.name,
      )
      .sort((a, b) => a.localeCompare(b));
  }, [catalogApi]);
  const problem = formData ? checkRegisteredModelName(formData) : undefined;
  const isNew =
    !!formData && !problem && !loading && !models.includes(formData);
  let helperText = schema.description;
  if (error)
    helperText = `The catalog's models could not be loaded (${error.message}); type the name`;
  if (problem) helperText = problem;
  else if (isNew)
    helperText = `A new model: ${formData} will be registered by the run`;
  return (
    <SuggestedTextField
      {...props}
      options={models}
      loading={loading}
      label={schema.title ?? 'Registered model'}
      problem={problem}
      hint={helperText}
    />
  );
}

/** @public */
export function validateRegisteredModelName(
  value: string,
  validation: FieldValidation,
) {
  const problem = checkRegisteredModelName(value);
  if (problem) validation.addError(problem);
}
