import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { NotebookJobPhase } from '@private-ai/plugin-modelops-common';

const LABELS: Record<NotebookJobPhase, string> = {
  Initializing: 'Initializing',
  Building: 'Building image',
  BuildComplete: 'Image built',
  ValidationRunning: 'Validating',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Unknown: 'Unknown',
};

/** A job's phase with the Backstage status icons; a pass with warnings shows as a warning. */
export const JobPhase = ({
  phase,
  phaseText,
  warning,
}: {
  phase: NotebookJobPhase;
  phaseText?: string;
  warning?: boolean;
}) => {
  const label = `${LABELS[phase]}${
    phaseText && phase !== 'Unknown' ? ` (${phaseText})` : ''
  }${phase === 'Unknown' && phaseText ? `: ${phaseText}` : ''}`;
  switch (phase) {
    case 'Succeeded':
      return warning ? (
        <StatusWarning>{label}, with a warning</StatusWarning>
      ) : (
        <StatusOK>{label}</StatusOK>
      );
    case 'Failed':
      return <StatusError>{label}</StatusError>;
    case 'ValidationRunning':
    case 'Building':
      return <StatusRunning>{label}</StatusRunning>;
    case 'Unknown':
      return <StatusWarning>{label}</StatusWarning>;
    default:
      return <StatusPending>{label}</StatusPending>;
  }
};
