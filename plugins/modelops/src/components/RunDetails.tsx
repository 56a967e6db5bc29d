import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Box, Button, Grid, makeStyles, Typography } from '@material-ui/core';
import {
  KeyParams,
  RunListItem,
  toRunListItem,
} from '@private-ai/plugin-modelops-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DiagnosisPanel } from './DiagnosisPanel';
import { DigestTrail } from './DigestTrail';
import { RunLogDialog } from './LogDialog';
import { RunActions } from './RunActions';
import { detailVersion, RunDetailCache } from './RunDetailCache';
import { TaskBar } from './TaskBar';
import { formatDuration } from './format';

const PARAM_LABELS: Array<[keyof KeyParams, string]> = [
  ['huggingFaceRepo', 'Hugging Face repo'],
  ['huggingFaceRevision', 'revision'],
  ['registeredModelName', 'registered model'],
  ['versionName', 'version'],
  ['vllmModelName', 'served as'],
  ['internalImage', 'internal image'],
  ['quayImage', 'Quay image'],
];

const useStyles = makeStyles(theme => ({
  params: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: 2,
  },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  steps: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
  },
}));

/** Everything about one run: params, tasks, digests, diagnosis, logs, actions. */
export const RunDetails = ({
  run,
  onChanged,
  details,
}: {
  run: RunListItem;
  onChanged: () => void;
  /** Details fetched before: a run mounted again shows them at once. */
  details: RunDetailCache;
}) => {
  const classes = useStyles();
  const ref = {
    cluster: run.cluster,
    namespace: run.namespace,
    name: run.name,
  };
  const cached = details.peek(run);
  const detail = useAsync(
    async () => cached ?? details.load(run),
    [run.cluster, run.namespace, run.name, detailVersion(run)],
  );
  const [log, setLog] = useState<{ task: string; step: string }>();
  // The newer version while it loads: the last one shown, so the row does not shrink meanwhile.
  const full = cached ?? detail.value;
  if (!full) {
    return detail.error ? (
      <ResponseErrorPanel error={detail.error} />
    ) : (
      <Progress />
    );
  }

  return (
    <Grid container spacing={2}>
      {full.diagnosis && (
        <Grid item xs={12}>
          <DiagnosisPanel diagnosis={full.diagnosis} />
        </Grid>
      )}
      <Grid item xs={12}>
        <TaskBar tasks={toRunListItem(full).tasks} />
      </Grid>
      <Grid item xs={12} md={6}>
        <div className={classes.params}>
          {PARAM_LABELS.filter(([key]) => full.keyParams[key]).map(
            ([key, label]) => (
              <Box key={key} display="contents">
                <Typography variant="body2" color="textSecondary">
                  {label}
                </Typography>
                <Typography variant="body2" className={classes.mono}>
                  {full.keyParams[key]}
                </Typography>
              </Box>
            ),
          )}
          <Typography variant="body2" color="textSecondary">
            pipeline
          </Typography>
          <Typography variant="body2">
            {full.pipelineName ?? '—'} on {full.cluster} / {full.namespace}
            {full.timeout ? ` (timeout ${full.timeout})` : ''}
          </Typography>
          {full.serviceAccountName && (
            <>
              <Typography variant="body2" color="textSecondary">
                service account
              </Typography>
              <Typography variant="body2">
                {full.serviceAccountName}
                {full.securityContext
                  ? ` (${Object.entries(full.securityContext)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ')})`
                  : ' (no pod security context)'}
              </Typography>
            </>
          )}
        </div>
      </Grid>
      <Grid item xs={12} md={6}>
        <DigestTrail digests={full.digests} />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="subtitle2">Logs</Typography>
        {full.pruned ? (
          <Typography variant="body2" color="textSecondary">
            This run was pruned from the cluster; its logs went with its pods.
            The summary above is kept from history.
          </Typography>
        ) : (
          full.tasks.map(task => (
            <div key={task.name} className={classes.steps}>
              <Typography variant="body2" style={{ minWidth: 160 }}>
                {task.name} ({formatDuration(task.durationSeconds)})
              </Typography>
              {task.steps.map(step => (
                <Button
                  key={step.name}
                  size="small"
                  color={
                    step.status === 'Failed' || (step.exitCode ?? 0) !== 0
                      ? 'secondary'
                      : 'default'
                  }
                  onClick={() => setLog({ task: task.name, step: step.name })}
                >
                  {step.name}
                  {step.exitCode ? ` (exit ${step.exitCode})` : ''}
                </Button>
              ))}
            </div>
          ))
        )}
      </Grid>
      <Grid item xs={12}>
        <RunActions run={full} onChanged={onChanged} />
      </Grid>
      {log && (
        <RunLogDialog
          run={ref}
          task={log.task}
          step={log.step}
          onClose={() => setLog(undefined)}
        />
      )}
    </Grid>
  );
};
