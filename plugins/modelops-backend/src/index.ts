/**
 * The ModelOps backend plugin: Tekton run history with failure diagnosis, logs, re-run and
 * cancel for the ModelOps plugin set.
 *
 * @packageDocumentation
 */
export { modelopsPlugin as default } from './plugin';
