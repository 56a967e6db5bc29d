export * from './types';
export {
  interpretNotebookValidationJob,
  LABEL_NOTEBOOK_VALIDATION_JOB,
  MAX_CELL_OUTPUT_CHARS,
  MAX_CELLS,
} from './interpretNotebookValidationJob';
export type { InterpretNotebookJobOptions } from './interpretNotebookValidationJob';
export { assessBuildGate } from './buildGate';
export type { BuildGateInput } from './buildGate';
export { detectSilentFailure } from './silentFailures';
export { groupByWave } from './waves';
export type { NotebookWave } from './waves';
export {
  toNotebookJobListItem,
  MODELOPS_VALIDATIONS_SIGNAL_CHANNEL,
} from './listItem';
export type { NotebookJobListItem, NotebookJobListResponse } from './listItem';
