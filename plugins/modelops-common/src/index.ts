/**
 * Common types, interpreters and failure diagnosis for the ModelOps plugin set.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './api';
export * from './tekton';
export * from './diagnosis';
export * from './labelSelector';
export * from './names';
export * from './notebookValidation';
export * from './evaluationApi';
export * from './evaluation';
export * from './modelcarInputs';
export * from './imageReference';
export * from './kserve';
