import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { RunStatus as Status } from '@private-ai/plugin-modelops-common';

const LABELS: Record<string, string> = {
  TimedOut: 'Timed out',
  Unknown: 'Unknown',
};

/** Status of a run or task with the Backstage status icons. */
export const RunStatus = ({
  status,
  run,
}: {
  status: Status | string;
  run?: { diagnosis?: unknown };
}) => {
  const label = LABELS[status] ?? status;
  // A run Tekton calls Succeeded with a diagnosis (digest mismatch, unknown registry names) is a warning.
  if (status === 'Succeeded' && run?.diagnosis)
    return <StatusWarning>Succeeded, with a problem</StatusWarning>;
  switch (status) {
    case 'Succeeded':
      return <StatusOK>{label}</StatusOK>;
    case 'Failed':
    case 'TimedOut':
      return <StatusError>{label}</StatusError>;
    case 'Running':
      return <StatusRunning>{label}</StatusRunning>;
    case 'Cancelled':
      return <StatusAborted>{label}</StatusAborted>;
    default:
      return <StatusPending>{label}</StatusPending>;
  }
};
