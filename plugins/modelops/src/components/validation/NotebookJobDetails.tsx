import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Chip,
  Grid,
  makeStyles,
  Paper,
  Step,
  StepLabel,
  Stepper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  NotebookJobListItem,
  NotebookJobSummary,
} from '@private-ai/plugin-modelops-common';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { modelopsApiRef } from '../../api/ModelOpsApi';
import { LogDialog } from '../LogDialog';
import { formatDuration } from '../format';

const useStyles = makeStyles(theme => ({
  pre: {
    margin: 0,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    maxHeight: 160,
    overflow: 'auto',
  },
  failedRow: {
    background:
      theme.palette.type === 'dark' ? 'rgba(244, 67, 54, 0.15)' : '#fdecea',
  },
  warnRow: {
    background:
      theme.palette.type === 'dark' ? 'rgba(255, 152, 0, 0.15)' : '#fff4e5',
  },
  section: { padding: theme.spacing(1.5), height: '100%' },
}));

const STEPS = [
  'Initializing',
  'Building',
  'BuildComplete',
  'ValidationRunning',
  'Finished',
];
const STEP_LABELS = [
  'Initializing',
  'Building image',
  'Image built',
  'Validating',
  'Succeeded | Failed',
];

/** Where the job stands in the operator's state machine. */
const StateMachine = ({ job }: { job: NotebookJobSummary }) => {
  const finished = job.phase === 'Succeeded' || job.phase === 'Failed';
  const active = finished ? 4 : STEPS.indexOf(job.phase);
  // A job whose build failed never reached validation: the error sits on the build step.
  const buildFailed =
    job.gate.problems.some(p => p.code === 'build-failed') &&
    job.cells.total === 0;
  return (
    <Stepper
      activeStep={active < 0 ? 0 : active}
      alternativeLabel
      style={{ padding: '8px 0' }}
    >
      {STEP_LABELS.map((label, index) => {
        const error =
          (index === 1 && buildFailed) ||
          (index === 4 && job.phase === 'Failed' && !buildFailed);
        const text = index === 4 && finished ? job.phase : label;
        return (
          <Step
            key={label}
            completed={
              index < active || (index === 4 && job.phase === 'Succeeded')
            }
          >
            <StepLabel error={error}>{text}</StepLabel>
          </Step>
        );
      })}
    </Stepper>
  );
};

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box mb={0.5}>
    <Typography variant="caption" color="textSecondary" component="span">
      {label}:{' '}
    </Typography>
    <Typography variant="body2" component="span">
      {children ?? '—'}
    </Typography>
  </Box>
);

const BuildGate = ({ job }: { job: NotebookJobSummary }) => {
  const classes = useStyles();
  const { build, gate } = job;
  return (
    <Paper
      component="section"
      variant="outlined"
      className={classes.section}
      aria-label="build gate"
    >
      <Typography variant="subtitle2" gutterBottom>
        Build gate
      </Typography>
      {gate.problems.map(p => (
        <Alert key={p.code} severity="error" style={{ marginBottom: 8 }}>
          <strong>
            {p.code === 'validation-before-build'
              ? 'Validated before the image was built. '
              : ''}
          </strong>
          <strong>
            {p.code === 'image-mismatch' ? 'Validated on another image. ' : ''}
          </strong>
          {p.message}
        </Alert>
      ))}
      {gate.state === 'not-required' && (
        <Typography variant="body2">
          No custom image: the job validates on its container image.
        </Typography>
      )}
      {gate.state === 'waiting' && (
        <Typography variant="body2">
          Validation waits for the image build.
        </Typography>
      )}
      {gate.state === 'ok' && (
        <Typography variant="body2">
          Validated after the build, on the built image.
        </Typography>
      )}
      {build && (
        <Box mt={1}>
          <Field label="Strategy">{build.strategy}</Field>
          <Field label="Build">
            {build.phase ?? 'not started'}
            {build.buildName ? ` · ${build.buildName}` : ''}
          </Field>
          <Field label="Built image">
            <code>{build.imageReference ?? 'none yet'}</code>
          </Field>
          <Field label="Validated on">
            <code>{gate.validationImage ?? 'no validation pod read'}</code>
          </Field>
          <Field label="Build time">
            {build.startedAt ?? '—'} → {build.completedAt ?? '—'} (
            {formatDuration(build.durationSeconds)})
          </Field>
          {gate.validationStartedAt && (
            <Field label="Validation started">{gate.validationStartedAt}</Field>
          )}
          {build.message && <Field label="Message">{build.message}</Field>}
        </Box>
      )}
    </Paper>
  );
};

const Cells = ({ job }: { job: NotebookJobSummary }) => {
  const classes = useStyles();
  if (job.cells.total === 0) {
    return <Typography variant="body2">No cell results yet.</Typography>;
  }
  return (
    <Box maxHeight={420} overflow="auto">
      <Table size="small" aria-label="cell results" stickyHeader>
        <TableHead>
          <TableRow>
            <TableCell>Cell</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Time</TableCell>
            <TableCell>Error / output</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {job.cells.results.map(cell => (
            <TableRow
              key={cell.cellIndex}
              className={
                (cell.status === 'Failure' && classes.failedRow) ||
                (cell.silentFailure && classes.warnRow) ||
                undefined
              }
            >
              <TableCell>{cell.cellIndex}</TableCell>
              <TableCell>
                {cell.status}
                {cell.silentFailure && (
                  <Typography
                    variant="caption"
                    component="div"
                    style={{ color: '#e65100' }}
                  >
                    silent failure: {cell.silentFailure}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{cell.executionTime ?? '—'}</TableCell>
              <TableCell>
                {cell.errorMessage && (
                  <Typography variant="body2" color="error">
                    {cell.errorMessage}
                  </Typography>
                )}
                {cell.output && (
                  <pre className={classes.pre}>{cell.output}</pre>
                )}
                {cell.outputTruncated && (
                  <Typography variant="caption" color="textSecondary">
                    output cut; the whole output is in the validation pod log
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

const Comparison = ({ job }: { job: NotebookJobSummary }) => {
  const classes = useStyles();
  const c = job.comparison;
  if (!c) return null;
  return (
    <Paper
      component="section"
      variant="outlined"
      className={classes.section}
      aria-label="golden notebook comparison"
    >
      <Typography variant="subtitle2" gutterBottom>
        Golden notebook: {c.result ?? 'unknown'}
        {c.strategy ? ` (${c.strategy})` : ''} · {c.matchedCells ?? '?'} of{' '}
        {c.totalCells ?? '?'} cells matched
      </Typography>
      {c.diffs.map((d, i) => (
        <Box key={i} mb={1}>
          <Typography variant="body2">
            Cell {d.cellIndex ?? '?'} · {d.diffType ?? 'difference'}{' '}
            <Chip
              size="small"
              label={d.severity ?? 'unknown'}
              color={d.severity === 'minor' ? 'default' : 'secondary'}
            />
          </Typography>
          <Grid container spacing={1}>
            <Grid item xs={6}>
              <Typography variant="caption">expected</Typography>
              <pre className={classes.pre}>{d.expected ?? '—'}</pre>
            </Grid>
            <Grid item xs={6}>
              <Typography variant="caption">actual</Typography>
              <pre className={classes.pre}>{d.actual ?? '—'}</pre>
            </Grid>
          </Grid>
        </Box>
      ))}
    </Paper>
  );
};

const ModelValidation = ({ job }: { job: NotebookJobSummary }) => {
  const classes = useStyles();
  const m = job.modelValidation;
  if (!m) return null;
  return (
    <Paper
      component="section"
      variant="outlined"
      className={classes.section}
      aria-label="model validation"
    >
      <Typography variant="subtitle2" gutterBottom>
        Model validation:{' '}
        {m.success === undefined
          ? 'no verdict'
          : (m.success && 'passed') || 'failed'}
        {m.platform ? ` on ${m.platform}` : ''}
      </Typography>
      {m.message && <Typography variant="body2">{m.message}</Typography>}
      <Box mt={0.5}>
        {m.checks.map(c => (
          <Chip
            key={c.name}
            size="small"
            style={{ marginRight: 4 }}
            label={`${c.name}: ${c.passed ? 'ok' : 'failed'}`}
            color={c.passed ? 'default' : 'secondary'}
          />
        ))}
      </Box>
      {m.models.map((model, i) => (
        <Typography key={i} variant="body2">
          {model.name} {model.version} ·{' '}
          {model.available ? 'available' : 'not available'} ·{' '}
          {model.healthy ? 'healthy' : 'unhealthy'}
        </Typography>
      ))}
      {m.prediction && (
        <Typography variant="body2">
          Prediction check: {m.prediction.success ? 'matches' : 'differs'}{' '}
          (expected {m.prediction.expected ?? '—'}, got{' '}
          {m.prediction.actual ?? '—'})
        </Typography>
      )}
    </Paper>
  );
};

/** Everything about one NotebookValidationJob, fetched when it is selected on the wave board. */
export const NotebookJobDetails = ({
  job: item,
}: {
  job: NotebookJobListItem;
}) => {
  const api = useApi(modelopsApiRef);
  const [logOpen, setLogOpen] = useState(false);
  const {
    value: job,
    loading,
    error,
  } = useAsync(
    () => api.getValidation(item),
    [item.cluster, item.namespace, item.name, item.resourceVersion],
  );
  if (loading && !job) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!job) return null;
  return (
    <Paper
      component="section"
      elevation={2}
      style={{ padding: 16 }}
      aria-label={`details of ${job.name}`}
    >
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="flex-start"
      >
        <Box>
          <Typography variant="h6">{job.name}</Typography>
          <Typography variant="body2" color="textSecondary">
            <code>{job.notebook.path}</code>
            {job.notebook.gitRef ? ` @ ${job.notebook.gitRef}` : ''}
            {job.notebook.gitUrl ? ` · ${job.notebook.gitUrl}` : ''}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {job.level ? `level ${job.level} · ` : ''}
            {job.wave !== undefined
              ? `wave ${job.wave} · `
              : `sync wave ${job.waveText ?? 'not set'} · `}
            started {job.startedAt ?? '—'} ·{' '}
            {formatDuration(job.durationSeconds)}
            {` · ${job.retryCount ?? 0} retries`}
            {job.lastRetryAt ? ` (last ${job.lastRetryAt})` : ''} · cluster{' '}
            {job.cluster}, namespace {job.namespace}
          </Typography>
        </Box>
        <Button
          variant="outlined"
          size="small"
          disabled={!job.podName || job.pruned}
          onClick={() => setLogOpen(true)}
        >
          Validation pod log
        </Button>
      </Box>
      {job.headline && (
        <Alert
          severity={job.phase === 'Failed' ? 'error' : 'warning'}
          style={{ marginTop: 8 }}
        >
          {job.headline}
        </Alert>
      )}
      {job.message && (
        <Typography variant="body2" style={{ marginTop: 8 }}>
          {job.message}
        </Typography>
      )}
      {job.problems.map(p => (
        <Typography
          key={p}
          variant="caption"
          color="textSecondary"
          component="div"
        >
          Note: {p}
        </Typography>
      ))}
      <StateMachine job={job} />
      <Grid container spacing={2}>
        <Grid item xs={12} md={job.comparison || job.modelValidation ? 6 : 12}>
          <BuildGate job={job} />
        </Grid>
        {(job.comparison || job.modelValidation) && (
          <Grid item xs={12} md={6}>
            <Comparison job={job} />
            <ModelValidation job={job} />
          </Grid>
        )}
        <Grid item xs={12}>
          <Typography variant="subtitle2" gutterBottom>
            Cells: {job.cells.succeeded} succeeded, {job.cells.failed} failed,{' '}
            {job.cells.skipped} skipped of {job.cells.total}
          </Typography>
          <Cells job={job} />
        </Grid>
        {job.conditions.length > 0 && (
          <Grid item xs={12}>
            <Typography variant="subtitle2">Conditions</Typography>
            <Table size="small" aria-label="conditions">
              <TableBody>
                {job.conditions.map(c => (
                  <TableRow key={c.type}>
                    <TableCell>{c.type}</TableCell>
                    <TableCell>{c.status}</TableCell>
                    <TableCell>{c.reason}</TableCell>
                    <TableCell>{c.message}</TableCell>
                    <TableCell>{c.lastTransitionTime}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Grid>
        )}
      </Grid>
      {logOpen && job.podName && (
        <LogDialog
          title={`validation pod ${job.podName}`}
          load={() => api.getValidationLog(job)}
          deps={[job.cluster, job.namespace, job.name]}
          filename={`${job.name}-validation.log`}
          command={`oc logs ${job.podName} -n ${job.namespace}`}
          onClose={() => setLogOpen(false)}
        />
      )}
    </Paper>
  );
};
