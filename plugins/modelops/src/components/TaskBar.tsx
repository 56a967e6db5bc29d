import { makeStyles, Tooltip, Typography } from '@material-ui/core';
import { RunListTask } from '@private-ai/plugin-modelops-common';
import { formatDuration } from './format';

const useStyles = makeStyles(theme => ({
  bar: { display: 'flex', gap: 2, width: '100%', minWidth: 160 },
  task: {
    flex: '1 1 0',
    minWidth: 0,
    padding: theme.spacing(0.5, 0.75),
    color: theme.palette.common.white,
    borderRadius: 2,
    overflow: 'hidden',
  },
  compact: { height: 10, padding: 0 },
  Succeeded: { background: theme.palette.success.main },
  Failed: { background: theme.palette.error.main },
  TimedOut: { background: theme.palette.error.dark },
  Running: { background: theme.palette.info.main },
  Cancelled: { background: theme.palette.grey[600] },
  Pending: {
    background: theme.palette.grey[400],
    color: theme.palette.text.primary,
  },
  Unknown: {
    background: theme.palette.grey[300],
    color: theme.palette.text.primary,
  },
  name: {
    fontWeight: 600,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  line: {
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    display: 'block',
  },
}));

function describe(task: RunListTask): string {
  const step = task.failedStep;
  const parts = [
    `${task.name}: ${task.skipped ? 'skipped' : task.status}`,
    formatDuration(task.durationSeconds),
  ];
  if (task.retries) parts.push(`${task.retries} retries`);
  if (step)
    parts.push(
      `step ${step.name} exit ${step.exitCode ?? '?'}${
        step.reason ? ` (${step.reason})` : ''
      }`,
    );
  return parts.join(' · ');
}

/** One block per task, in pipeline order, colored by status; the failing step on the block. */
export const TaskBar = ({
  tasks,
  compact,
}: {
  tasks: RunListTask[];
  compact?: boolean;
}) => {
  const classes = useStyles();
  if (tasks.length === 0)
    return <Typography variant="caption">no tasks recorded</Typography>;
  return (
    <div className={classes.bar} role="list" aria-label="tasks">
      {tasks.map(task => {
        const status = task.skipped ? 'Unknown' : task.status;
        const step = task.failedStep;
        return (
          <Tooltip key={task.name} title={describe(task)}>
            <div
              role="listitem"
              aria-label={describe(task)}
              className={`${classes.task} ${
                classes[status as keyof typeof classes] ?? classes.Unknown
              } ${compact ? classes.compact : ''}`}
            >
              {!compact && (
                <>
                  <Typography
                    variant="caption"
                    className={`${classes.line} ${classes.name}`}
                  >
                    {task.name}
                  </Typography>
                  <Typography variant="caption" className={classes.line}>
                    {task.skipped
                      ? 'skipped'
                      : formatDuration(task.durationSeconds)}
                    {task.retries ? ` · ${task.retries} retries` : ''}
                  </Typography>
                  {step && (
                    <Typography variant="caption" className={classes.line}>
                      {step.name}: exit {step.exitCode ?? '?'}
                      {step.reason && step.reason !== 'Error'
                        ? ` ${step.reason}`
                        : ''}
                    </Typography>
                  )}
                </>
              )}
            </div>
          </Tooltip>
        );
      })}
    </div>
  );
};
