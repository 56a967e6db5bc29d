export {
  HuggingFaceRepoField,
  validateHuggingFaceRepo,
} from './HuggingFaceRepoField';
