import { Box, makeStyles, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { Diagnosis } from '@private-ai/plugin-modelops-common';

const useStyles = makeStyles(theme => ({
  evidence: {
    margin: theme.spacing(0.5, 0, 0, 0),
    paddingLeft: theme.spacing(2),
  },
  log: {
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    background:
      theme.palette.type === 'dark'
        ? theme.palette.grey[900]
        : theme.palette.grey[100],
    color: theme.palette.text.primary,
    padding: theme.spacing(0.5, 1),
    margin: theme.spacing(0.5, 0),
    borderRadius: 2,
  },
}));

/** Renders markdown-ish backticks as code. */
const Text = ({ children }: { children: string }) => (
  <>
    {children
      .split(/(`[^`]+`)/)
      .map((part, i) =>
        part.startsWith('`') && part.endsWith('`') ? (
          <code key={i}>{part.slice(1, -1)}</code>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
  </>
);

/** The diagnosed cause of a run: what happened, the fix, and the evidence it rests on. */
export const DiagnosisPanel = ({
  diagnosis,
  compact,
}: {
  diagnosis: Diagnosis;
  compact?: boolean;
}) => {
  const classes = useStyles();
  const severity = diagnosis.code === 'cancelled' ? 'info' : 'error';
  return (
    <Alert severity={severity} role="region" aria-label="diagnosis">
      <AlertTitle>
        <Text>{diagnosis.title}</Text>
      </AlertTitle>
      <Typography variant="body2">
        <Text>{diagnosis.explanation}</Text>
      </Typography>
      <Box mt={1}>
        <Typography variant="body2">
          <strong>Fix: </strong>
          <Text>{diagnosis.remediation}</Text>
        </Typography>
      </Box>
      {!compact && diagnosis.evidence.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2">Evidence</Typography>
          <ul className={classes.evidence}>
            {diagnosis.evidence.map((e, i) => (
              <li key={i}>
                <Typography variant="body2">
                  {[
                    e.task && `task ${e.task}`,
                    e.step && `step ${e.step}`,
                    e.exitCode !== undefined && `exit code ${e.exitCode}`,
                    e.reason,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                  {e.message
                    ? `${e.task || e.step || e.reason ? ': ' : ''}${e.message}`
                    : ''}{' '}
                  <em>({e.source})</em>
                </Typography>
                {e.logLines && e.logLines.length > 0 && (
                  <pre className={classes.log}>{e.logLines.join('\n')}</pre>
                )}
              </li>
            ))}
          </ul>
        </Box>
      )}
    </Alert>
  );
};
