import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { GateResult } from '@private-ai/plugin-modelops-common';

/** pass / fail / not evaluated, with the Backstage status icons and the gate's one-line summary as tooltip text. */
export const GateStatus = ({
  gate,
  withSummary,
}: {
  gate: GateResult;
  withSummary?: boolean;
}) => {
  const suffix = withSummary ? `: ${gate.summary}` : '';
  if (gate.status === 'pass') return <StatusOK>Passed{suffix}</StatusOK>;
  if (gate.status === 'fail') return <StatusError>Failed{suffix}</StatusError>;
  return <StatusPending>Not evaluated{suffix}</StatusPending>;
};
