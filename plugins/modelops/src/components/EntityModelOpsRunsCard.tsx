import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { ClusterWarnings } from './ClusterWarnings';
import { countOf, formatAgo, runDuration } from './format';
import { RunStatus } from './RunStatus';
import { TaskBar } from './TaskBar';
import { useRuns } from './useRuns';

const useStyles = makeStyles(theme => ({
  cause: { color: theme.palette.error.main },
  item: { display: 'block', paddingLeft: 0, paddingRight: 0 },
  head: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    alignItems: 'center',
  },
}));

/** The runs card: the latest runs of the entity, each failure with its cause. @public */
export const EntityModelOpsRunsCard = (
  props: { limit?: number; runsPath?: string } = {},
) => {
  const classes = useStyles();
  const limit = props.limit ?? 5;
  const { value, loading, error } = useRuns(limit);
  const { entity } = useEntity();
  const entityPath = useRouteRef(entityRouteRef)(entityRouteParams(entity));
  const runsPath = `${entityPath}/${props.runsPath ?? 'pipeline-runs'}`;
  return (
    <InfoCard
      title="Pipeline runs"
      subheader={
        value
          ? `${value.totalCountCapped ? 'more than ' : ''}${countOf(
              value.totalCount,
              'run',
            )} · ${
              value.items.filter(r => r.status === 'Running').length
            } running`
          : undefined
      }
      deepLink={
        value && value.totalCount > 0
          ? { title: 'All runs, logs and diagnoses', link: runsPath }
          : undefined
      }
    >
      {loading && !value && <Progress />}
      {error && !value && <ResponseErrorPanel error={error} />}
      {value && <ClusterWarnings clusters={value.clusters} />}
      {value && value.items.length === 0 && (
        <Typography variant="body2">
          No pipeline run matches {value.selector}.
        </Typography>
      )}
      {value && value.items.length > 0 && (
        <List dense>
          {value.items.map(run => (
            <ListItem
              key={`${run.cluster}/${run.namespace}/${run.name}`}
              className={classes.item}
            >
              <div className={classes.head}>
                <RunStatus status={run.status} run={run} />
                <Typography variant="caption" color="textSecondary">
                  {formatAgo(run.startedAt)} · {runDuration(run)}
                </Typography>
              </div>
              <ListItemText
                primary={<Link to={runsPath}>{run.name}</Link>}
                secondary={
                  run.diagnosis && run.diagnosis.code !== 'cancelled' ? (
                    <span className={classes.cause}>
                      {run.diagnosis.title.replace(/`/g, '')}
                    </span>
                  ) : (
                    run.versionName
                  )
                }
              />
              <TaskBar tasks={run.tasks} compact />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
};
