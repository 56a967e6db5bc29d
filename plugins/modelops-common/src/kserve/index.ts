export {
  interpretInferenceServiceReadiness,
  KSERVE_DEPLOYMENT_MODE_ANNOTATION,
  readinessAnnotationValue,
  readinessRuleText,
  REQUIRED_READY_CONDITIONS,
} from './inferenceServiceReadiness';
export type {
  InferenceServiceReadiness,
  KServeDeploymentMode,
} from './inferenceServiceReadiness';
