import { WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { ANNOTATION_REGISTRY } from '@private-ai/plugin-modelops-common';
import { warningsOf } from './annotations';
import { registryProblem, useRegistryStatus } from './useRegistryStatus';

/**
 * What the catalog module flagged on this entity (naming, missing artifacts, servers not
 * ready), and a registry that fails to refresh: its entities are then shown as of its last
 * good refresh. @public
 */
export const EntityModelOpsWarnings = () => {
  const { entity } = useEntity();
  const registry = entity.metadata.annotations?.[ANNOTATION_REGISTRY];
  const { value: status, error } = useRegistryStatus(registry);
  const stale = registryProblem(status);
  const warnings = warningsOf(entity);
  if (!stale && !error && warnings.length === 0) return null;
  return (
    <>
      {stale && (
        <WarningPanel severity="error" title={stale}>
          <Typography variant="body2">{status?.message}</Typography>
        </WarningPanel>
      )}
      {error && (
        <WarningPanel
          severity="info"
          title={`Could not read whether Model Registry ${registry} is up to date`}
        >
          <Typography variant="body2">{error.message}</Typography>
        </WarningPanel>
      )}
      {warnings.length > 0 && (
        <WarningPanel
          severity="warning"
          title={
            warnings.length === 1
              ? warnings[0]
              : `${warnings.length} problems with this ${
                  entity.spec?.type ?? 'entity'
                }`
          }
        >
          {warnings.length > 1 &&
            warnings.map(w => (
              <Typography key={w} variant="body2">
                {w}
              </Typography>
            ))}
        </WarningPanel>
      )}
    </>
  );
};
