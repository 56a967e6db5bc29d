import { Config } from '@backstage/config';
import {
  FailureCause,
  parseFailureCauses,
} from '@private-ai/plugin-modelops-common';

/**
 * Reads the failure-cause knowledge base, `modelops.diagnosis.causes`. Throws at start-up
 * with the entry index and field of the first bad entry (unknown key, missing title,
 * regular expression that does not compile), so the backend does not start with a
 * knowledge base that silently matches nothing.
 */
export function readFailureCauses(config: Config): FailureCause[] {
  return parseFailureCauses(config.getOptional('modelops.diagnosis.causes'));
}
