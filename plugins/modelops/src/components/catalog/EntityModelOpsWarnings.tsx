import { WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { warningsOf } from './annotations';

/** What the catalog module flagged on this entity: naming, missing artifacts, servers not ready. @public */
export const EntityModelOpsWarnings = () => {
  const { entity } = useEntity();
  const warnings = warningsOf(entity);
  if (warnings.length === 0) return null;
  return (
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
  );
};
