import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  HuggingFaceRepoField,
  validateHuggingFaceRepo,
} from './HuggingFaceRepoField';
import {
  ModelVersionNameField,
  validateModelVersionName,
} from './ModelVersionNameField';
import {
  RegisteredModelPicker,
  validateRegisteredModelName,
} from './RegisteredModelPicker';

// The fields of the new frontend system, loaded lazily by the FormFieldBlueprint extensions
// in ../alpha.tsx. The names are the `ui:field` values the templates use.

/** @alpha */
export const huggingFaceRepoField = createFormField({
  name: 'HuggingFaceRepo',
  component: HuggingFaceRepoField,
  validation: validateHuggingFaceRepo,
});
/** @alpha */
export const registeredModelPickerField = createFormField({
  name: 'RegisteredModelPicker',
  component: RegisteredModelPicker,
  validation: validateRegisteredModelName,
});
/** @alpha */
export const modelVersionNameField = createFormField({
  name: 'ModelVersionName',
  component: ModelVersionNameField,
  validation: validateModelVersionName,
});
