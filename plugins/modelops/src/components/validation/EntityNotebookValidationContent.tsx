import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  groupByWave,
  NotebookJobPhase,
} from '@private-ai/plugin-modelops-common';
import { useState } from 'react';
import { ClusterWarnings } from '../ClusterWarnings';
import { NotebookJobDetails } from './NotebookJobDetails';
import { useValidations } from './useValidations';
import { jobKey, phaseCounts, WaveBoard } from './WaveBoard';

/**
 * The notebook validation tab: every NotebookValidationJob of the entity on a board of Argo CD
 * sync waves, the first failing wave highlighted and its first failed job opened.
 * @public
 */
export const EntityNotebookValidationContent = () => {
  const { value, loading, error } = useValidations();
  const [selected, setSelected] = useState<string | undefined>();
  if (loading && !value) return <Progress />;
  if (error && !value) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const waves = groupByWave(value.items);
  const failing = waves.find(w => w.firstFailing);
  const firstFailed = failing?.jobs.find(j => j.phase === 'Failed');
  const current = selected ?? (firstFailed && jobKey(firstFailed));
  const counts: Partial<Record<NotebookJobPhase, number>> = {};
  for (const job of value.items)
    counts[job.phase] = (counts[job.phase] ?? 0) + 1;
  return (
    <Box>
      <ClusterWarnings clusters={value.clusters} />
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="baseline"
        my={1}
      >
        <Typography variant="h6">Notebook validation</Typography>
        <Typography variant="body2" color="textSecondary">
          {value.totalCount} NotebookValidationJobs in {waves.length} sync waves
          matching <code>{value.selector}</code>
        </Typography>
      </Box>
      {value.items.length === 0 ? (
        <EmptyState
          missing="data"
          title="No notebook validation jobs yet"
          description={`No NotebookValidationJob matches ${value.selector} on the configured clusters.`}
        />
      ) : (
        <>
          <Typography variant="body2" gutterBottom>
            {phaseCounts(counts)}
          </Typography>
          {failing && (
            <Alert severity="error" style={{ marginBottom: 8 }}>
              {failing.wave === undefined
                ? 'Jobs without a sync wave'
                : `Wave ${failing.wave}`}{' '}
              is the first failing wave: {failing.counts.Failed} of{' '}
              {failing.jobs.length} jobs failed; later waves wait for it.
              {firstFailed?.headline
                ? ` ${firstFailed.name}: ${firstFailed.headline}`
                : ''}
            </Alert>
          )}
          <WaveBoard
            jobs={value.items}
            selected={current}
            onSelect={key => setSelected(key === current ? '' : key)}
            renderDetails={job => <NotebookJobDetails job={job} />}
          />
        </>
      )}
    </Box>
  );
};
