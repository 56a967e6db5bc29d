import {
  groupByWave,
  interpretNotebookValidationJob,
  LABEL_NOTEBOOK_VALIDATION_JOB,
} from '@private-ai/plugin-modelops-common';
import { buildNotebookScenario } from './notebookValidation';

/* The notebook stories of the demo scenario, read back by the portal's own interpreter. */

const { objects } = buildNotebookScenario(Date.parse('2026-11-24T12:00:00Z'));
const jobs = objects.filter(o => o.kind === 'NotebookValidationJob');
const pods = objects.filter(o => o.kind === 'Pod');
const summaries = jobs.map(job =>
  interpretNotebookValidationJob(job, {
    cluster: 'demo',
    pod: pods.find(
      p =>
        p.metadata.labels?.[LABEL_NOTEBOOK_VALIDATION_JOB] ===
        job.metadata.name,
    ),
  }),
);
const byNotebook = (notebook: string) =>
  summaries.find(s => s.name.endsWith(notebook))!;

describe('the demo notebook validation scenario', () => {
  it('has 44 jobs over 11 sync waves, every phase of the state machine, and wave 3 as the first failing wave', () => {
    expect(jobs).toHaveLength(44);
    const waves = groupByWave(summaries);
    expect(waves.map(w => w.wave)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(waves.find(w => w.firstFailing)?.wave).toBe(3);
    expect(new Set(summaries.map(s => s.phase))).toEqual(
      new Set([
        'Succeeded',
        'Failed',
        'ValidationRunning',
        'BuildComplete',
        'Building',
        'Initializing',
      ]),
    );
    expect(
      summaries
        .filter(s => s.phaseText)
        .map(s => s.phaseText)
        .sort(),
    ).toEqual([...Array(4).fill('Pending'), 'Running']);
  });

  it('tells each story at a glance', () => {
    expect(byNotebook('lstm-based-prediction').headline).toMatch(
      /^Image build failed: PipelineRun .* tensorflow==2.15.0rc0/,
    );
    expect(
      byNotebook('autoencoder-anomalies').gate.problems.map(p => p.code),
    ).toEqual(['validation-before-build', 'image-mismatch']);
    expect(byNotebook('autoencoder-anomalies').headline).toBe(
      "Validation ran before the custom image was built; cell 2 failed: ModuleNotFoundError: No module named 'prophet'",
    );
    expect(byNotebook('ensemble-anomaly-methods').headline).toBe(
      "Cell 7 failed: KeyError: 'lstm_autoencoder'",
    );
    expect(byNotebook('ensemble-anomaly-methods').retryCount).toBe(2);
    expect(byNotebook('threshold-tuning').headline).toBe(
      'Passed, but cell 5 printed NaN (a silent failure)',
    );
    expect(byNotebook('ensemble-evaluation').headline).toBe(
      'Output differs from the golden notebook in 2 cells',
    );
    expect(byNotebook('kserve-model-deployment').modelValidation?.success).toBe(
      true,
    );
  });

  it('validates every other job on the image its build produced', () => {
    const stories = ['lstm-based-prediction', 'autoencoder-anomalies'];
    for (const s of summaries.filter(
      x => !stories.some(n => x.name.endsWith(n)),
    )) {
      expect([s.name, s.gate.problems]).toEqual([s.name, []]);
    }
  });
});
