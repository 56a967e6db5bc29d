import { WarningPanel } from '@backstage/core-components';
import { ClusterReadStatus } from '@private-ai/plugin-modelops-common';
import { formatAgo } from './format';

/** `2026-11-24 12:00 UTC (3 h ago)`: when, exactly and roughly. */
function asOf(iso: string) {
  const exact = `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  return `${exact} (${formatAgo(iso)})`;
}

/**
 * Says, per cluster, what could not be read and how old what is shown is: the runs come from the
 * history, which stops at the cluster's last successful read.
 */
export const ClusterWarnings = ({
  clusters,
}: {
  clusters: ClusterReadStatus[];
}) => (
  <>
    {clusters
      .filter(c => c.state !== 'ok')
      .map(c => (
        <WarningPanel
          key={c.cluster}
          severity={c.state === 'error' ? 'error' : 'info'}
          title={
            c.state === 'error'
              ? `Cluster ${c.cluster} could not be read (${
                  c.message ?? 'no error message'
                }): ${
                  c.lastSuccessAt
                    ? `its runs are the history as of ${asOf(c.lastSuccessAt)}`
                    : 'it was never read, none of its runs are shown'
                }`
              : `Cluster ${c.cluster} has not been read yet`
          }
          message={
            c.state === 'error' && c.lastAttemptAt
              ? `Last attempt ${formatAgo(c.lastAttemptAt)}: ${c.message}`
              : c.message
          }
        />
      ))}
  </>
);
