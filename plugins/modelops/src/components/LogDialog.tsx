import { LogViewer, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@material-ui/core';
import { RunRef } from '@private-ai/plugin-modelops-common';
import useAsync from 'react-use/esm/useAsync';
import { modelopsApiRef } from '../api/ModelOpsApi';

function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

/** The log of one step of one task, fetched when opened, bounded by the backend. */
export const LogDialog = ({ run, task, step, onClose }: { run: RunRef; task: string; step: string; onClose: () => void }) => {
  const api = useApi(modelopsApiRef);
  const { value, loading, error } = useAsync(() => api.getLog(run, task, step), [run.cluster, run.namespace, run.name, task, step]);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-label={`log of ${task} step ${step}`}>
      <DialogTitle>
        {task} · step {step}
      </DialogTitle>
      <DialogContent style={{ height: '65vh' }}>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <>
            {value.truncated && (
              <Typography variant="body2" color="error" gutterBottom>
                Only the first {Math.round(value.limitBytes / 1024)} KiB of this log are shown; the rest is on the cluster (oc logs {run.name}-{task}-pod -c step-{step} -n {run.namespace}).
              </Typography>
            )}
            <div style={{ height: value.truncated ? '58vh' : '62vh' }}>
              <LogViewer text={value.text || '(empty log)'} />
            </div>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button disabled={!value} onClick={() => value && download(value.text, `${run.name}-${task}-${step}.log`)}>
          Download
        </Button>
        <Button onClick={onClose} color="primary">
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
};
