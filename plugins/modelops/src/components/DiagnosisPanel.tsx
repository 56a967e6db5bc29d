import { useState } from 'react';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { Link } from '@backstage/core-components';
import {
  Diagnosis,
  failureCauseSnippet,
  UNKNOWN_DIAGNOSIS_CODE,
} from '@private-ai/plugin-modelops-common';

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

/** Where the rule that explained the run comes from, in words. */
function sourceText(source: Diagnosis['source']): string | undefined {
  if (!source) return undefined;
  if (source === 'built-in') return 'built-in rule';
  if (source === 'config') return 'your failure-cause knowledge base';
  return `extension ${source.slice('extension:'.length)}`;
}

/**
 * Said first when the diagnosis was made without the failed steps' logs (a large sync reads
 * them afterwards, or not at all past its budget): its evidence has no log lines, and the cause
 * may change when the logs are read (the panel then shows the new one).
 */
const LogsNotRead = () => (
  <Box mb={1} role="note" aria-label="logs not read">
    <Typography variant="body2">
      <strong>Diagnosed without the step's log.</strong> The failed step's log
      has not been read yet (or could not be read), so this cause may change
      once it is.
    </Typography>
  </Box>
);

/** "Copy as failure cause": a ready `modelops.diagnosis.causes` entry for an unexplained failure. */
const CopyAsFailureCause = ({ diagnosis }: { diagnosis: Diagnosis }) => {
  const classes = useStyles();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const snippet = failureCauseSnippet(diagnosis);
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(snippet);
      setState('copied');
    } catch {
      // No clipboard (insecure origin, denied): show the text to copy by hand.
      setState('failed');
    }
  };
  return (
    <Box mt={1}>
      <Button size="small" variant="outlined" onClick={copy}>
        Copy as failure cause
      </Button>
      {state === 'copied' && (
        <Typography variant="caption" role="status" style={{ marginLeft: 8 }}>
          Copied: paste it under <code>modelops.diagnosis.causes</code> in
          app-config and edit the title, explanation and fix.
        </Typography>
      )}
      {state === 'failed' && (
        <pre className={classes.log} aria-label="failure cause snippet">
          {snippet}
        </pre>
      )}
    </Box>
  );
};

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
  const unknown = diagnosis.code === UNKNOWN_DIAGNOSIS_CODE;
  const from = sourceText(diagnosis.source);
  return (
    <Alert severity={severity} role="region" aria-label="diagnosis">
      <AlertTitle>
        <Text>{diagnosis.title}</Text>
      </AlertTitle>
      {diagnosis.logsNotRead && <LogsNotRead />}
      <Typography variant="body2">
        <Text>{diagnosis.explanation}</Text>
      </Typography>
      <Box mt={1}>
        <Typography variant="body2">
          <strong>Fix: </strong>
          <Text>{diagnosis.remediation}</Text>
        </Typography>
      </Box>
      {(from || diagnosis.link) && (
        <Typography variant="caption" component="p">
          {from && !unknown && <>Cause from: {from}. </>}
          {diagnosis.link && <Link to={diagnosis.link}>Runbook</Link>}
        </Typography>
      )}
      {!compact && diagnosis.evidence.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2">
            {unknown && diagnosis.evidence.some(e => e.logLines?.length)
              ? 'Most telling lines'
              : 'Evidence'}
          </Typography>
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
      {!compact && unknown && <CopyAsFailureCause diagnosis={diagnosis} />}
    </Alert>
  );
};
