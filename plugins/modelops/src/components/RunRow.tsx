import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Chip,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { RunListItem } from '@private-ai/plugin-modelops-common';
import { formatAgo, runDuration } from './format';
import { RunDetailCache } from './RunDetailCache';
import { RunDetails } from './RunDetails';
import { RunStatus } from './RunStatus';
import { TaskBar } from './TaskBar';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'grid',
    gridTemplateColumns:
      '170px minmax(200px, 1.4fr) 110px 80px minmax(160px, 1fr)',
    gap: theme.spacing(2),
    alignItems: 'center',
    width: '100%',
  },
  name: { fontWeight: 600, wordBreak: 'break-all' },
  cause: { color: theme.palette.error.main, fontWeight: 500 },
  provisional: { color: theme.palette.text.secondary, fontWeight: 400 },
}));

/** One run: a summary line (status, name, cause at a glance, age, duration, tasks) that expands to the details. */
export const RunRow = ({
  run,
  onChanged,
  details,
  expanded,
  onExpandedChange,
}: {
  run: RunListItem;
  onChanged: () => void;
  details: RunDetailCache;
  /** Open or closed, held by the list (a virtualised list unmounts rows out of view). */
  expanded: boolean;
  onExpandedChange: (expanded: boolean) => void;
}) => {
  const classes = useStyles();
  return (
    <Accordion
      expanded={expanded}
      onChange={(_event, open) => onExpandedChange(open)}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-label={`run ${run.name}`}
      >
        <div className={classes.summary}>
          <RunStatus status={run.status} run={run} />
          <div>
            <Typography variant="body2" className={classes.name}>
              {run.name} {run.pruned && <Chip size="small" label="pruned" />}
            </Typography>
            {run.diagnosis && run.diagnosis.code !== 'cancelled' ? (
              <Typography variant="body2" className={classes.cause}>
                {run.diagnosis.title.replace(/`/g, '')}
                {run.diagnosis.logsNotRead && (
                  <span className={classes.provisional}>
                    {' '}
                    (log not read yet; may change)
                  </span>
                )}
              </Typography>
            ) : (
              <Typography variant="caption" color="textSecondary">
                {[run.versionName, run.triggeredBy && `by ${run.triggeredBy}`]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography>
            )}
          </div>
          <Typography variant="body2" title={run.startedAt}>
            {formatAgo(run.startedAt)}
          </Typography>
          <Typography variant="body2">{runDuration(run)}</Typography>
          <TaskBar tasks={run.tasks} compact />
        </div>
      </AccordionSummary>
      <AccordionDetails>
        <RunDetails run={run} onChanged={onChanged} details={details} />
      </AccordionDetails>
    </Accordion>
  );
};
