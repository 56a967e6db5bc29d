import {
  listFixtures,
  readYamlDocuments,
  readYamlFixture,
} from '../tekton/__testUtils__/sharedFixtures';
import {
  interpretNotebookValidationJob,
  MAX_CELL_OUTPUT_CHARS,
} from './interpretNotebookValidationJob';
import { groupByWave } from './waves';

const opts = { cluster: 'hub' };
const BUILT = `image-registry.openshift-image-registry.svc:5000/nb/ensemble@sha256:${'a'.repeat(
  64,
)}`;
const BASE =
  'image-registry.openshift-image-registry.svc:5000/redhat-ods-applications/s2i-generic-data-science-notebook:2024.2';

function job(
  status: unknown,
  extra: { wave?: string; buildEnabled?: boolean } = {},
) {
  return {
    apiVersion: 'mlops.mlops.dev/v1alpha1',
    kind: 'NotebookValidationJob',
    metadata: {
      name: 'wave4-ensemble',
      namespace: 'nb',
      uid: 'u1',
      resourceVersion: '7',
      labels: { 'backstage.io/kubernetes-id': 'notebooks' },
      annotations:
        extra.wave === undefined
          ? {}
          : { 'argocd.argoproj.io/sync-wave': extra.wave },
    },
    spec: {
      notebook: {
        git: { url: 'https://git.example.com/p.git', ref: 'main' },
        path: 'notebooks/04/ensemble.ipynb',
      },
      podConfig: {
        containerImage: BASE,
        buildConfig: {
          enabled: extra.buildEnabled ?? true,
          strategy: 'tekton',
        },
      },
      validationConfig: { level: 'staging' },
    },
    status,
  };
}

function pod(image: string, startTime: string, imageID?: string) {
  return {
    metadata: {
      name: 'wave4-ensemble-validation',
      labels: { notebookvalidationjob: 'wave4-ensemble' },
    },
    spec: { containers: [{ name: 'validator', image }] },
    status: {
      startTime,
      containerStatuses: [
        { name: 'validator', image, ...(imageID ? { imageID } : {}) },
      ],
    },
  };
}

const built = {
  phase: 'Complete',
  strategy: 'tekton',
  imageReference: BUILT,
  startTime: '2026-11-24T08:00:00Z',
  completionTime: '2026-11-24T08:06:00Z',
};

describe('interpretNotebookValidationJob on the operator fixtures', () => {
  it('reads the recorded Succeeded status: 4 of 4 cells passed', () => {
    const fixture = readYamlFixture(
      'notebook-validator/status/nvj-status-succeeded-s2i-openshift-ai.yaml',
    );
    const s = interpretNotebookValidationJob(
      { metadata: { name: 'x', namespace: 'y' }, ...fixture },
      opts,
    );
    expect(s.phase).toBe('Succeeded');
    expect(s.cells).toMatchObject({ total: 4, succeeded: 4, failed: 0 });
    expect(s.cells.results.map(c => c.cellIndex)).toEqual([1, 2, 3, 4]);
    expect(s.message).toBe(
      'Validation completed: 4/4 cells succeeded (100.0% success rate)',
    );
    expect(s.headline).toBeUndefined();
  });

  it('reads the legacy Running phase with a failed s2i build as ValidationRunning with a failed build gate', () => {
    const fixture = readYamlFixture(
      'notebook-validator/status/nvj-status-running-build-failed-s2i.yaml',
    );
    const s = interpretNotebookValidationJob(
      { metadata: { name: 'x', namespace: 'y' }, ...fixture },
      opts,
    );
    expect(s.phase).toBe('ValidationRunning');
    expect(s.phaseText).toBe('Running');
    expect(s.build).toMatchObject({
      phase: 'Failed',
      strategy: 's2i',
      durationSeconds: 1,
    });
    expect(s.gate.state).toBe('failed');
    expect(s.gate.problems.map(p => p.code)).toEqual(['build-failed']);
    expect(s.headline).toMatch(
      /^Image build failed: Strategy not available: s2i/,
    );
  });

  it('reads the build strategy detection failure fragment', () => {
    const buildStatus = readYamlFixture(
      'notebook-validator/status/nvj-buildstatus-detection-failed.yaml',
    ).buildStatus;
    const s = interpretNotebookValidationJob(
      { metadata: { name: 'x' }, status: { phase: 'Failed', buildStatus } },
      opts,
    );
    expect(s.headline).toBe(
      'Image build failed: Strategy detection failed for s2i: no matches for kind BuildConfig in group build.openshift.io',
    );
  });

  it.each(listFixtures('notebook-validator/samples', ['.yaml']))(
    'reads the sample %s (spec only) as a job the operator has not seen yet',
    file => {
      for (const doc of readYamlDocuments(file).filter(
        d => d.kind === 'NotebookValidationJob',
      )) {
        const s = interpretNotebookValidationJob(doc, opts);
        expect(s.name).toBe(doc.metadata.name);
        expect(s.phase).toBe('Initializing');
        expect(s.problems).toContain(
          'the job has no status yet (the operator has not seen it)',
        );
        expect(s.notebook.path).toBe(doc.spec.notebook.path);
        expect(s.level).toBe(doc.spec.validationConfig?.level);
      }
    },
  );
});

describe('the build gate', () => {
  it('is ok when validation started after the build completed, on the built image', () => {
    const s = interpretNotebookValidationJob(
      job({
        phase: 'Succeeded',
        buildStatus: built,
        results: [{ cellIndex: 0, status: 'Success' }],
      }),
      {
        cluster: 'hub',
        pod: pod(
          BUILT.replace(/@.*/, ':latest'),
          '2026-11-24T08:07:00Z',
          `docker-pullable://${BUILT}`,
        ),
      },
    );
    expect(s.gate).toMatchObject({ state: 'ok', problems: [] });
    expect(s.build?.durationSeconds).toBe(360);
  });

  it('warns loudly when validation started before the build completed, on the base image (the race from the field)', () => {
    const s = interpretNotebookValidationJob(
      job({
        phase: 'Failed',
        buildStatus: built,
        results: [
          { cellIndex: 0, status: 'Success' },
          {
            cellIndex: 1,
            status: 'Failure',
            errorMessage: "ModuleNotFoundError: No module named 'prophet'",
          },
        ],
      }),
      { cluster: 'hub', pod: pod(BASE, '2026-11-24T08:02:10Z') },
    );
    expect(s.gate.state).toBe('failed');
    expect(s.gate.problems.map(p => p.code)).toEqual([
      'validation-before-build',
      'image-mismatch',
    ]);
    expect(s.gate.problems[0].message).toContain(
      'before the image build completed at 2026-11-24T08:06:00Z',
    );
    expect(s.headline).toBe(
      "Validation ran before the custom image was built; cell 1 failed: ModuleNotFoundError: No module named 'prophet'",
    );
  });

  it('flags validation that runs while the build is still running', () => {
    const s = interpretNotebookValidationJob(
      job({
        phase: 'ValidationRunning',
        buildStatus: { ...built, phase: 'Running', completionTime: undefined },
      }),
      {
        cluster: 'hub',
        pod: pod(BASE, '2026-11-24T08:01:00Z'),
      },
    );
    expect(s.gate.problems.map(p => p.code)).toEqual([
      'validation-before-build',
    ]);
    expect(s.headline).toContain('while the image build was running');
  });

  it('flags a validation pod that ran another image than the one built', () => {
    const s = interpretNotebookValidationJob(
      job({ phase: 'Succeeded', buildStatus: built }),
      {
        cluster: 'hub',
        pod: pod(
          'quay.io/team/ensemble:old',
          '2026-11-24T08:09:00Z',
          `quay.io/team/ensemble@sha256:${'b'.repeat(64)}`,
        ),
      },
    );
    expect(s.gate.problems.map(p => p.code)).toEqual(['image-mismatch']);
    expect(s.headline).toContain('not the built image');
  });

  it('waits while the build runs and validation has not started; needs nothing without a build', () => {
    expect(
      interpretNotebookValidationJob(
        job({ phase: 'Building', buildStatus: { phase: 'Running' } }),
        opts,
      ).gate.state,
    ).toBe('waiting');
    expect(
      interpretNotebookValidationJob(
        job({ phase: 'Succeeded' }, { buildEnabled: false }),
        opts,
      ).gate.state,
    ).toBe('not-required');
  });
});

describe('cells, comparison and model validation', () => {
  it('names the failing cell and keeps huge outputs bounded', () => {
    const huge = 'x'.repeat(200_000);
    const s = interpretNotebookValidationJob(
      job({
        phase: 'Failed',
        buildStatus: built,
        results: [
          {
            cellIndex: 7,
            status: 'Failure',
            errorMessage: "KeyError: 'lstm'",
            output: huge,
          },
        ],
      }),
      opts,
    );
    expect(s.headline).toBe("Cell 7 failed: KeyError: 'lstm'");
    expect(s.cells.results[0].output!.length).toBe(MAX_CELL_OUTPUT_CHARS);
    expect(s.cells.results[0].outputTruncated).toBe(true);
  });

  it('finds silent failures: a passing cell that printed NaN or None', () => {
    const s = interpretNotebookValidationJob(
      job({
        phase: 'Succeeded',
        buildStatus: built,
        results: [
          {
            cellIndex: 4,
            status: 'Success',
            output: 'None of the rows were dropped',
          },
          {
            cellIndex: 5,
            status: 'Success',
            output: "{'precision': nan, 'recall': nan}",
          },
          { cellIndex: 6, status: 'Success', output: 'None' },
        ],
      }),
      opts,
    );
    expect(s.cells.results.map(c => c.silentFailure)).toEqual([
      undefined,
      'printed NaN',
      'printed None',
    ]);
    expect(s.headline).toBe(
      'Passed, but cell 5 printed NaN (a silent failure)',
    );
  });

  it('reads the golden comparison and model validation', () => {
    const s = interpretNotebookValidationJob(
      job({
        phase: 'Failed',
        buildStatus: built,
        comparisonResult: {
          result: 'failed',
          strategy: 'normalized',
          totalCells: 10,
          matchedCells: 8,
          mismatchedCells: 2,
          diffs: [
            {
              cellIndex: 3,
              cellType: 'code',
              diffType: 'output_mismatch',
              severity: 'major',
              expected: '0.91',
              actual: '0.42',
            },
          ],
        },
        modelValidationResult: {
          success: false,
          platform: 'kserve',
          phase: 'both',
          cleanEnvironmentCheck: {
            success: true,
            platformAvailable: true,
            rbacPermissions: false,
          },
          existingEnvironmentCheck: {
            success: false,
            modelsChecked: [
              {
                modelName: 'fraud',
                version: 'v2',
                available: true,
                healthy: false,
              },
            ],
            predictionValidation: {
              success: false,
              expectedOutput: '[1]',
              actualOutput: '[0]',
              difference: '1',
            },
          },
        },
      }),
      opts,
    );
    expect(s.comparison).toMatchObject({
      result: 'failed',
      matchedCells: 8,
      mismatchedCells: 2,
    });
    expect(s.comparison!.diffs[0]).toMatchObject({
      severity: 'major',
      expected: '0.91',
      actual: '0.42',
    });
    expect(s.modelValidation!.checks).toEqual([
      { name: 'platformAvailable', passed: true },
      { name: 'rbacPermissions', passed: false },
    ]);
    expect(s.modelValidation!.prediction).toMatchObject({
      success: false,
      expected: '[1]',
      actual: '[0]',
    });
    expect(s.headline).toBe(
      'Output differs from the golden notebook in 2 cells',
    );
  });
});

describe('bad input', () => {
  it.each([
    null,
    42,
    'text',
    [],
    {},
    { status: 'x' },
    { status: { phase: 7, results: 'no', conditions: [null, 1] } },
  ])('never throws on %p', input => {
    const s = interpretNotebookValidationJob(input, opts);
    expect(s.phase).toBeDefined();
    expect(s.cells.total).toBe(0);
  });

  it('reports an unknown phase and a sync wave that is not a number', () => {
    const s = interpretNotebookValidationJob(
      job({ phase: 'Exploded' }, { wave: 'first' }),
      opts,
    );
    expect(s.phase).toBe('Unknown');
    expect(s.problems).toContain('unknown phase "Exploded"');
    expect(s.wave).toBeUndefined();
    expect(s.waveText).toBe('first');
  });
});

describe('groupByWave', () => {
  it('orders waves, puts jobs without a wave last, and marks the first failing wave', () => {
    const jobs = [
      { name: 'c', wave: 3, phase: 'Failed' as const },
      { name: 'a', wave: 0, phase: 'Succeeded' as const },
      { name: 'x', wave: undefined, phase: 'Failed' as const },
      { name: 'b', wave: 3, phase: 'Succeeded' as const },
      { name: 'd', wave: 5, phase: 'Failed' as const },
    ];
    const waves = groupByWave(jobs);
    expect(waves.map(w => w.wave)).toEqual([0, 3, 5, undefined]);
    expect(waves.map(w => w.firstFailing)).toEqual([false, true, false, false]);
    expect(waves[1].jobs.map(j => j.name)).toEqual(['b', 'c']);
    expect(waves[1].counts).toEqual({ Failed: 1, Succeeded: 1 });
  });
});
