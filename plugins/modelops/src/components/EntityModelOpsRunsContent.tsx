import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, Button, Typography } from '@material-ui/core';
import { useState } from 'react';
import { ClusterWarnings } from './ClusterWarnings';
import { RunRow } from './RunRow';
import { useRuns } from './useRuns';
import { countOf } from './format';

const PAGE = 20;

/** The runs tab: every run of the entity, newest first, the newest failure opened. @public */
export const EntityModelOpsRunsContent = () => {
  const [limit, setLimit] = useState(PAGE);
  const { value, loading, error, retry } = useRuns(limit);
  if (loading && !value) return <Progress />;
  if (error && !value) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const firstFailed = value.items.find(
    r => r.diagnosis && r.diagnosis.code !== 'cancelled',
  );
  return (
    <Box>
      <ClusterWarnings clusters={value.clusters} />
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="baseline"
        my={1}
      >
        <Typography variant="h6">Pipeline runs</Typography>
        <Typography variant="body2" color="textSecondary">
          {countOf(value.totalCount, 'run')} matching{' '}
          <code>{value.selector}</code>
          {value.totalCount > value.items.length
            ? `, newest ${value.items.length} shown`
            : ''}
        </Typography>
      </Box>
      {value.items.length === 0 ? (
        <EmptyState
          missing="data"
          title="No pipeline runs yet"
          description={`No Tekton PipelineRun matches ${value.selector} on the configured clusters.`}
        />
      ) : (
        value.items.map(run => (
          <RunRow
            key={`${run.cluster}/${run.namespace}/${run.name}`}
            run={run}
            onChanged={retry}
            defaultExpanded={run === firstFailed}
          />
        ))
      )}
      {value.totalCount > value.items.length && (
        <Box mt={1} textAlign="center">
          <Button disabled={loading} onClick={() => setLimit(limit + PAGE)}>
            Show {Math.min(PAGE, value.totalCount - value.items.length)} older
            runs
          </Button>
        </Box>
      )}
    </Box>
  );
};
