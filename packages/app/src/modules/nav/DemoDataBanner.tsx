import { useSidebarOpenState } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { makeStyles, Tooltip, Typography } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';

const useStyles = makeStyles(theme => ({
  banner: {
    margin: theme.spacing(1, 1.5),
    padding: theme.spacing(0.75, 1),
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/**
 * Says plainly, on every page, that the portal shows the demo environment's data and not
 * a real cluster or registry. Shown when `modelops.demoData` is true (app-config.demo.yaml).
 */
export const DemoDataBanner = () => {
  const classes = useStyles();
  const config = useApi(configApiRef);
  const { isOpen } = useSidebarOpenState();
  if (!config.getOptionalBoolean('modelops.demoData')) {
    return null;
  }
  return (
    <Tooltip title="Runs, models and notebooks come from the bundled demo environment (a fake Kubernetes API and Model Registry), not from a real cluster.">
      <div className={classes.banner} role="status" aria-label="Demo data">
        <WarningIcon fontSize="small" />
        <Typography variant="body2" component="span">
          {isOpen ? 'Demo data' : 'Demo'}
        </Typography>
      </div>
    </Tooltip>
  );
};
