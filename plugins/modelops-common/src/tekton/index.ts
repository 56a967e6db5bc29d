export * from './types';
export {
  defaultStageMap,
  stageKinds,
  createStageMap,
  stageOfTask,
  detectPipelineKind,
} from './stageMap';
export type { StageMap, PipelineKindInput } from './stageMap';
export {
  defaultKeyParamNames,
  createKeyParamNames,
  extractKeyParams,
  paramsToRecord,
} from './params';
export type { KeyParamNames } from './params';
export {
  readSucceededCondition,
  statusFromCondition,
  falseReasonStatus,
  unknownReasonStatus,
  cancelSpecStatuses,
  PENDING_SPEC_STATUS,
  isFinalStatus,
  isFailedStatus,
} from './conditions';
export type { SucceededCondition } from './conditions';
export { defaultTriggerSources, readTriggeredBy } from './triggeredBy';
export type { TriggerSource } from './triggeredBy';
export {
  digestResultNames,
  imageUrlResultNames,
  digestFromResults,
  parseTerminationMessageResults,
  digestFromTerminationMessage,
  digestsFromLog,
  collectDigestSources,
  isTrailConsistent,
  buildDigestTrail,
} from './digests';
export type { LogDigest, LogDigestKind, DigestSource } from './digests';
export {
  MAX_LOG_LINES,
  logLines,
  stepNameOfContainer,
  taskLogEntries,
} from './taskLogs';
export type { LogsByStep, TaskLogEntry } from './taskLogs';
export { interpretPod, statusFromPodPhase } from './interpretPod';
export { interpretTaskRun, waitingErrorReasons } from './interpretTaskRun';
export type { InterpretTaskRunOptions } from './interpretTaskRun';
export { interpretPipelineRun } from './interpretPipelineRun';
export type { InterpretPipelineRunOptions } from './interpretPipelineRun';
export { MODELCAR_PIPELINE, pipelineSpecOf } from './pipelineContract';
export type {
  PipelineContract,
  PipelineParamContract,
  PipelineTaskContract,
  PipelineWorkspaceContract,
} from './pipelineContract';
export {
  interpretEvent,
  mergeEvents,
  eventsOfTask,
  attachEvents,
  MAX_TASK_EVENTS,
} from './interpretEvent';
