import {
  LogViewer,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { RunRef } from '@private-ai/plugin-modelops-common';
import useAsync from 'react-use/esm/useAsync';
import { modelopsApiRef, RunLog } from '../api/ModelOpsApi';

function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

/** A bounded log fetched when the dialog opens, with download and a note when it was cut. */
export const LogDialog = ({
  title,
  load,
  deps,
  filename,
  command,
  onClose,
}: {
  title: string;
  load: () => Promise<RunLog>;
  /** Values that identify the log (refetch when they change). */
  deps: unknown[];
  filename: string;
  /** The `oc logs` command that gives the whole log. */
  command: string;
  onClose: () => void;
}) => {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const { value, loading, error } = useAsync(load, deps);
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="lg"
      aria-label={`log of ${title}`}
    >
      <DialogTitle>{title}</DialogTitle>
      <DialogContent style={{ height: '65vh' }}>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <>
            {value.truncated && (
              <Typography variant="body2" color="error" gutterBottom>
                Only the last {Math.round(value.limitBytes / 1024)} KiB of this
                log are shown; the earlier output is on the cluster ({command}).
              </Typography>
            )}
            <div style={{ height: value.truncated ? '58vh' : '62vh' }}>
              <LogViewer text={value.text || '(empty log)'} />
            </div>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button
          disabled={!value}
          onClick={() => value && download(value.text, filename)}
        >
          Download
        </Button>
        <Button onClick={onClose} color="primary">
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** The log of one step of one task of a run. */
export const RunLogDialog = ({
  run,
  task,
  step,
  onClose,
}: {
  run: RunRef;
  task: string;
  step: string;
  onClose: () => void;
}) => {
  const api = useApi(modelopsApiRef);
  return (
    <LogDialog
      title={`${task} · step ${step}`}
      load={() => api.getLog(run, task, step)}
      deps={[run.cluster, run.namespace, run.name, task, step]}
      filename={`${run.name}-${task}-${step}.log`}
      command={`oc logs ${run.name}-${task}-pod -c step-${step} -n ${run.namespace}`}
      onClose={onClose}
    />
  );
};
