import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  Box,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { thresholdsNote } from './EntityEvaluationGateCard';
import { GateStatus } from './GateStatus';
import { chartedMetrics, TrendCharts } from './TrendCharts';
import { useEvaluations } from './useEvaluations';
import { formatMetric, metricLabel } from './metricNames';
import { VersionComparison } from './VersionComparison';

/**
 * The evaluation tab of models and versions: every version's gate, the trend of accuracy and
 * performance across versions, and two versions side by side.
 * @public
 */
export const EntityEvaluationContent = () => {
  const { value, loading, error } = useEvaluations();
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const columns = chartedMetrics(value, 5);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        {value.registryError && (
          <Alert severity="warning" style={{ marginBottom: 8 }}>
            The Model Registry could not be read ({value.registryError});
            numbers come from evaluation runs only.
          </Alert>
        )}
        <InfoCard
          title={`Evaluation gate of ${value.model.name}`}
          subheader={thresholdsNote(value)}
        >
          {value.thresholdProblems.map(p => (
            <Typography key={p} variant="body2" color="error">
              Threshold not read: {p}
            </Typography>
          ))}
          <Table size="small" aria-label="versions and their gate">
            <TableHead>
              <TableRow>
                <TableCell>Version</TableCell>
                <TableCell>Gate</TableCell>
                {columns.map(c => (
                  <TableCell
                    key={c}
                    align="right"
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {metricLabel(c)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {[...value.versions].reverse().map(v => (
                <TableRow
                  key={v.versionName}
                  selected={v.versionName === value.focus}
                >
                  <TableCell>
                    {v.entityRef ? (
                      <EntityRefLink
                        entityRef={v.entityRef}
                        title={v.versionName}
                      />
                    ) : (
                      v.versionName
                    )}
                  </TableCell>
                  <TableCell>
                    <GateStatus gate={v.gate} />
                    <Typography
                      variant="caption"
                      component="div"
                      color="textSecondary"
                    >
                      {v.gate.summary}
                    </Typography>
                  </TableCell>
                  {columns.map(c => (
                    <TableCell key={c} align="right">
                      {formatMetric(v.metrics[c])}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Trend across versions">
          <TrendCharts response={value} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Compare two versions">
          <Box>
            <VersionComparison response={value} />
          </Box>
        </InfoCard>
      </Grid>
    </Grid>
  );
};
