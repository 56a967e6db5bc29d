import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import {
  diagnoseSummary,
  draftFailureCause,
  failureCauseRule,
  parseFailureCauses,
  PipelineRunSummary,
} from '@private-ai/plugin-modelops-common';
import { DiagnosisPanel } from './DiagnosisPanel';

const summary: PipelineRunSummary = {
  cluster: 'demo',
  namespace: 'private-ai',
  name: 'granite-8b-fp16-x7k2p',
  kind: 'modelcar',
  status: 'Failed',
  reason: 'Failed',
  message: 'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 4',
  labels: {},
  params: {},
  keyParams: {},
  digests: { consistent: true },
  tasks: [
    {
      name: 'download-model',
      taskRunName: 'granite-8b-fp16-x7k2p-download-model',
      podName: 'granite-8b-fp16-x7k2p-download-model-pod',
      status: 'Failed',
      reason: 'Failed',
      retries: 0,
      results: {},
      steps: [
        {
          name: 'download',
          container: 'step-download',
          status: 'Failed',
          exitCode: 3,
        },
      ],
    },
  ],
};
const logs = {
  'granite-8b-fp16-x7k2p-download-model/step-download': [
    'Fetching 14 files:  21%|██▏       | 3/14',
    ...Array.from({ length: 30 }, (_, i) => `shard ${i} ok`),
    'FATAL: vault agent returned code 7 for secret/data/hf (request 8f3a9c2d1e4b)',
    'cleaning up',
  ].join('\n'),
};

describe('DiagnosisPanel', () => {
  it('shows the most telling lines of an unknown failure and copies a knowledge-base entry that explains it next time', async () => {
    const user = userEvent.setup();
    const unknown = diagnoseSummary(summary, { logs })!;
    expect(unknown.code).toBe('unknown');
    await renderInTestApp(<DiagnosisPanel diagnosis={unknown} />);

    expect(screen.getByText('Most telling lines')).toBeInTheDocument();
    expect(
      screen.getByText(/FATAL: vault agent returned code 7/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/shard 12 ok/)).not.toBeInTheDocument();

    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await user.click(
      screen.getByRole('button', { name: 'Copy as failure cause' }),
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      /paste it under modelops.diagnosis.causes/,
    );
    const copied = writeText.mock.calls[0][0];
    expect(copied).toMatch(/^# Add under modelops\.diagnosis\.causes/);
    for (const line of [
      '  match:',
      '    task: download-model',
      '    step: download',
      '    exitCode: 3',
    ]) {
      expect(copied.split('\n')).toContain(line);
    }
    const causes = parseFailureCauses([draftFailureCause(unknown)]);
    const again = diagnoseSummary(summary, {
      logs,
      extraRules: causes.map(failureCauseRule),
    });
    expect(again?.source).toBe('config');
  });

  it('names a knowledge-base cause as such, with its runbook link, and offers no copy', async () => {
    const [rule] = parseFailureCauses([
      {
        id: 'vault-agent-down',
        title: 'The Vault agent did not hand out the Hugging Face token',
        explanation: 'The download reads HF_TOKEN from the Vault agent.',
        fix: 'Restart the Vault agent injector.',
        link: 'https://runbooks.example.com/vault',
        match: { task: 'download-model', logPattern: 'vault agent returned' },
      },
    ]).map(failureCauseRule);
    const diagnosis = diagnoseSummary(summary, { logs, extraRules: [rule] })!;
    await renderInTestApp(<DiagnosisPanel diagnosis={diagnosis} />);
    expect(
      screen.getByText(/Cause from: your failure-cause knowledge base/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Runbook/ })).toHaveAttribute(
      'href',
      'https://runbooks.example.com/vault',
    );
    expect(
      screen.queryByRole('button', { name: 'Copy as failure cause' }),
    ).not.toBeInTheDocument();
  });

  it("says a diagnosis made without the step's log may change, and points at the log instead of lines it does not have", async () => {
    // What the collector stores for an old failure of a large sync: diagnosed before its logs are read.
    // Its step's termination message is Tekton's internal results array, as on a real cluster.
    const internal = JSON.stringify([
      { key: 'StartedAt', value: '2026-11-26T03:36:36Z', type: 3 },
    ]);
    const failedStep = { ...summary.tasks[0].steps[0], message: internal };
    const withoutLog = {
      ...diagnoseSummary(
        { ...summary, tasks: [{ ...summary.tasks[0], steps: [failedStep] }] },
        {},
      )!,
      logsNotRead: true,
    };
    await renderInTestApp(<DiagnosisPanel diagnosis={withoutLog} />);
    expect(
      screen.getByRole('note', { name: 'logs not read' }),
    ).toHaveTextContent(
      "Diagnosed without the step's log. The failed step's log has not been read yet (or could not be read), so this cause may change once it is.",
    );
    const diagnosis = screen.getByRole('region', { name: 'diagnosis' });
    expect(diagnosis).not.toHaveTextContent(/log lines below/);
    // Evidence, not "most telling lines": there are none, and Tekton's bookkeeping is not a message.
    expect(screen.queryByText('Most telling lines')).toBeNull();
    expect(screen.getByText('Evidence')).toBeInTheDocument();
    expect(diagnosis).not.toHaveTextContent(/StartedAt/);
    expect(diagnosis).toHaveTextContent(
      "Fix: Open the failed step's log (under Logs, or oc logs -n private-ai granite-8b-fp16-x7k2p-download-model-pod -c step-download).",
    );
  });

  it('points at the log lines it shows when the log was read, with no notice', async () => {
    await renderInTestApp(
      <DiagnosisPanel diagnosis={diagnoseSummary(summary, { logs })!} />,
    );
    expect(screen.queryByRole('note', { name: 'logs not read' })).toBeNull();
    expect(screen.getByRole('region', { name: 'diagnosis' })).toHaveTextContent(
      /Fix: Read the step's last log lines below \(or oc logs/,
    );
  });
});
