export {
  ModelVersionNameField,
  validateModelVersionName,
} from './ModelVersionNameField';
export type { ModelVersionNameOptions } from './ModelVersionNameField';
