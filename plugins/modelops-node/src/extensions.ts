import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { DiagnosisRule } from '@private-ai/plugin-modelops-common';

/** Lets backend modules add diagnosis rules for their own pipelines' failures. @public */
export interface ModelOpsDiagnosisExtensionPoint {
  /** Rules tried before the default ones, in the order added. */
  addDiagnosisRules(...rules: DiagnosisRule[]): void;
}

/**
 * Extension point of the ModelOps backend for extra diagnosis rules:
 *
 * ```ts
 * env.registerInit({
 *   deps: { diagnosis: modelopsDiagnosisExtensionPoint },
 *   async init({ diagnosis }) { diagnosis.addDiagnosisRules(myRule); },
 * });
 * ```
 * @public
 */
export const modelopsDiagnosisExtensionPoint =
  createExtensionPoint<ModelOpsDiagnosisExtensionPoint>({
    id: 'modelops.diagnosis',
  });
