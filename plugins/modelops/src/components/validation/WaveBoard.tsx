import {
  Box,
  ButtonBase,
  makeStyles,
  Paper,
  Tooltip,
  Typography,
} from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import {
  groupByWave,
  NOTEBOOK_JOB_PHASES,
  NotebookJobListItem,
  NotebookJobPhase,
} from '@private-ai/plugin-modelops-common';
import { Fragment, ReactNode } from 'react';
import { formatDuration } from '../format';
import { JobPhase } from './JobPhase';

const useStyles = makeStyles(theme => ({
  wave: {
    display: 'grid',
    gridTemplateColumns: '150px 1fr',
    gap: theme.spacing(1),
    padding: theme.spacing(1),
    borderLeft: `4px solid transparent`,
  },
  failingWave: {
    borderLeft: `4px solid ${theme.palette.error.main}`,
    background:
      theme.palette.type === 'dark' ? 'rgba(244, 67, 54, 0.12)' : '#fdecea',
  },
  jobs: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(210px, 1fr))',
    gap: theme.spacing(1),
  },
  job: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: theme.spacing(1),
    borderRadius: 4,
    border: `1px solid ${theme.palette.divider}`,
    borderLeftWidth: 5,
  },
  selected: { outline: `2px solid ${theme.palette.primary.main}` },
  headline: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    color: theme.palette.error.main,
  },
}));

const PHASE_COLOR: Record<NotebookJobPhase, string> = {
  Succeeded: '#2e7d32',
  Failed: '#d32f2f',
  ValidationRunning: '#1976d2',
  BuildComplete: '#0288d1',
  Building: '#7b1fa2',
  Initializing: '#9e9e9e',
  Unknown: '#f57c00',
};

/** Identity of a job in the board. */
export const jobKey = (j: {
  cluster: string;
  namespace: string;
  name: string;
}) => `${j.cluster}/${j.namespace}/${j.name}`;

/** A job shows a warning when it passed or is running with a gate problem, a silent failure or a golden mismatch. */
export function hasWarning(job: NotebookJobListItem): boolean {
  return (
    job.phase !== 'Failed' &&
    (job.gate.problems.length > 0 ||
      job.cells.silentFailures > 0 ||
      job.comparison?.result === 'failed')
  );
}

/** `3 succeeded · 1 failed`, in state-machine order. */
export function phaseCounts(
  counts: Partial<Record<NotebookJobPhase, number>>,
): string {
  return NOTEBOOK_JOB_PHASES.filter(p => counts[p])
    .map(
      p =>
        `${counts[p]} ${
          p === 'ValidationRunning'
            ? 'validating'
            : p.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
        }`,
    )
    .join(' · ');
}

const notebookName = (job: NotebookJobListItem) =>
  job.notebook.path
    ?.split('/')
    .pop()
    ?.replace(/\.ipynb$/, '') ?? job.name;

/**
 * Every NotebookValidationJob grouped by its Argo CD sync wave: one row per wave with its counts
 * per phase, one tile per job; the first failing wave is highlighted (later waves wait for it).
 */
export const WaveBoard = ({
  jobs,
  selected,
  onSelect,
  renderDetails,
}: {
  jobs: NotebookJobListItem[];
  selected?: string;
  onSelect: (key: string) => void;
  /** Rendered under the wave of the selected job. */
  renderDetails: (job: NotebookJobListItem) => ReactNode;
}) => {
  const classes = useStyles();
  const waves = groupByWave(jobs);
  return (
    <Paper variant="outlined">
      {waves.map(wave => {
        const open = wave.jobs.find(j => jobKey(j) === selected);
        const title =
          wave.wave === undefined ? 'No sync wave' : `Wave ${wave.wave}`;
        return (
          <Fragment key={title}>
            <section
              aria-label={`${title}${
                wave.firstFailing ? ', first failing wave' : ''
              }`}
              className={`${classes.wave} ${
                wave.firstFailing ? classes.failingWave : ''
              }`}
            >
              <Box>
                <Typography variant="subtitle2">{title}</Typography>
                {wave.firstFailing && (
                  <Typography variant="caption" color="error" component="div">
                    First failing wave
                  </Typography>
                )}
                <Typography variant="caption" color="textSecondary">
                  {phaseCounts(wave.counts)}
                </Typography>
              </Box>
              <Box className={classes.jobs}>
                {wave.jobs.map(job => {
                  const key = jobKey(job);
                  const warning = hasWarning(job);
                  return (
                    <ButtonBase
                      key={key}
                      focusRipple
                      className={`${classes.job} ${
                        key === selected ? classes.selected : ''
                      }`}
                      style={{ borderLeftColor: PHASE_COLOR[job.phase] }}
                      onClick={() => onSelect(key)}
                      aria-label={`${job.name}: ${job.phase}${
                        job.headline ? `, ${job.headline}` : ''
                      }`}
                      aria-pressed={key === selected}
                    >
                      <Box
                        display="flex"
                        alignItems="center"
                        justifyContent="space-between"
                      >
                        <Typography
                          variant="body2"
                          noWrap
                          title={job.notebook.path ?? job.name}
                        >
                          <strong>{notebookName(job)}</strong>
                        </Typography>
                        {warning && (
                          <Tooltip title={job.headline ?? 'warning'}>
                            <WarningIcon
                              fontSize="small"
                              style={{ color: '#f57c00' }}
                              aria-label="warning"
                            />
                          </Tooltip>
                        )}
                      </Box>
                      <Typography variant="caption" component="div">
                        <JobPhase
                          phase={job.phase}
                          phaseText={job.phaseText}
                          warning={warning}
                        />
                        {job.durationSeconds !== undefined &&
                          ` · ${formatDuration(job.durationSeconds)}`}
                        {job.retryCount ? ` · ${job.retryCount} retries` : ''}
                        {job.pruned ? ' · deleted from cluster' : ''}
                      </Typography>
                      {job.headline && (job.phase === 'Failed' || warning) && (
                        <Typography
                          variant="caption"
                          component="div"
                          className={classes.headline}
                        >
                          {job.headline}
                        </Typography>
                      )}
                    </ButtonBase>
                  );
                })}
              </Box>
            </section>
            {open && (
              <Box px={1} pb={2}>
                {renderDetails(open)}
              </Box>
            )}
          </Fragment>
        );
      })}
    </Paper>
  );
};
