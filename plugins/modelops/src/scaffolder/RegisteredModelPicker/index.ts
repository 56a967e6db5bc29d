export {
  RegisteredModelPicker,
  validateRegisteredModelName,
} from './RegisteredModelPicker';
