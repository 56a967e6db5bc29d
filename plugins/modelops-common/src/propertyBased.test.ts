import fc from 'fast-check';
import {
  parseGuidellmReport,
  parseLmEvalJob,
  parseLmEvalResults,
  readPipelineRunEvaluation,
  readRegistryEvaluation,
} from './evaluation';
import { interpretInferenceServiceReadiness } from './kserve';
import { interpretNotebookValidationJob } from './notebookValidation';
import {
  digestFromResults,
  digestFromTerminationMessage,
  digestsFromLog,
  interpretPipelineRun,
  interpretTaskRun,
  readSucceededCondition,
} from './tekton';
import { findDigest } from './imageReference';

/*
 * Property-based tests of every interpreter and reader on arbitrary JSON: none throws, and
 * none reports a confident good state (Succeeded, ready, a digest, a metric) that the input
 * does not hold.
 */

const RUNS = { numRuns: 300 };

/** Arbitrary JSON, and objects shaped enough like Kubernetes objects to reach deep code. */
const condition = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom('Succeeded', 'Ready', 'PredictorReady', 'IngressReady'),
      fc.string(),
      fc.jsonValue(),
    ),
    status: fc.oneof(
      fc.constantFrom('True', 'False', 'Unknown'),
      fc.jsonValue(),
    ),
    reason: fc.oneof(fc.string(), fc.jsonValue()),
    message: fc.oneof(fc.string(), fc.jsonValue()),
  },
  { requiredKeys: [] },
);
const kubeObject = fc.record(
  {
    apiVersion: fc.jsonValue(),
    kind: fc.jsonValue(),
    metadata: fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          name: fc.oneof(fc.string(), fc.jsonValue()),
          namespace: fc.jsonValue(),
          labels: fc.jsonValue(),
          annotations: fc.oneof(
            fc.jsonValue(),
            fc.constant({ 'serving.kserve.io/deploymentMode': 'ModelMesh' }),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    spec: fc.jsonValue(),
    status: fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          conditions: fc.oneof(fc.array(condition), fc.jsonValue()),
          phase: fc.oneof(
            fc.constantFrom('Succeeded', 'Failed', 'Running', 'Complete'),
            fc.jsonValue(),
          ),
          url: fc.oneof(fc.string(), fc.jsonValue()),
          modelStatus: fc.jsonValue(),
          childReferences: fc.jsonValue(),
          taskRuns: fc.jsonValue(),
          steps: fc.jsonValue(),
          results: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);
const anyInput = fc.oneof(fc.anything(), fc.jsonValue(), kubeObject);

const conditionsOf = (input: unknown): any[] => {
  const conditions = (input as any)?.status?.conditions;
  return Array.isArray(conditions) ? conditions : [];
};
const hasTrue = (input: unknown, type: string) =>
  conditionsOf(input).some(c => c?.type === type && c?.status === 'True');
const isFiniteNumber = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v);

describe('interpreters on arbitrary input', () => {
  it('interpretPipelineRun never throws and says Succeeded only with a Succeeded=True condition', () => {
    fc.assert(
      fc.property(
        anyInput,
        fc.array(anyInput, { maxLength: 3 }),
        (run, taskRuns) => {
          const summary = interpretPipelineRun(run, taskRuns, { cluster: 'c' });
          expect(
            summary.status !== 'Succeeded' || hasTrue(run, 'Succeeded'),
          ).toBe(true);
          const known = [
            'Succeeded',
            'Failed',
            'Running',
            'Pending',
            'Cancelled',
            'TimedOut',
            'Unknown',
          ];
          expect(known).toContain(summary.status);
          for (const task of summary.tasks)
            expect(known).toContain(task.status);
        },
      ),
      RUNS,
    );
  });

  it('interpretTaskRun never throws and says Succeeded only with a Succeeded=True condition', () => {
    fc.assert(
      fc.property(anyInput, taskRun => {
        const summary = interpretTaskRun(taskRun);
        expect(
          summary.status !== 'Succeeded' || hasTrue(taskRun, 'Succeeded'),
        ).toBe(true);
      }),
      RUNS,
    );
  });

  it('readSucceededCondition never throws and reads only a Succeeded condition', () => {
    fc.assert(
      fc.property(anyInput, input => {
        const read = readSucceededCondition((input as any)?.status);
        expect(
          read === undefined ||
            conditionsOf(input).some(c => c?.type === 'Succeeded'),
        ).toBe(true);
      }),
      RUNS,
    );
  });

  it('interpretNotebookValidationJob never throws and says Succeeded only when the job says so', () => {
    fc.assert(
      fc.property(anyInput, anyInput, (job, pod) => {
        const summary = interpretNotebookValidationJob(job, {
          cluster: 'c',
          pod,
        });
        expect(
          summary.phase !== 'Succeeded' ||
            (job as any)?.status?.phase === 'Succeeded',
        ).toBe(true);
      }),
      RUNS,
    );
  });

  it('interpretInferenceServiceReadiness never throws and says ready only with Ready and PredictorReady true and a URL', () => {
    fc.assert(
      fc.property(anyInput, isvc => {
        const readiness = interpretInferenceServiceReadiness(isvc);
        const ready = readiness.state === 'ready';
        expect(
          !ready ||
            (hasTrue(isvc, 'Ready') &&
              hasTrue(isvc, 'PredictorReady') &&
              typeof readiness.url === 'string'),
        ).toBe(true);
        // ready exactly when there is no reason against it
        expect(ready).toBe(readiness.reasons.length === 0);
      }),
      RUNS,
    );
  });
});

describe('evaluation readers on arbitrary input', () => {
  const reportIsSane = (report: { metrics: Record<string, unknown> }) =>
    expect(
      Object.values(report.metrics).filter(v => !isFiniteNumber(v)),
    ).toEqual([]);

  it('parseLmEvalResults and parseGuidellmReport never throw and give only finite numbers', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.string()), input => {
        reportIsSane(parseLmEvalResults(input));
        reportIsSane(parseGuidellmReport(input));
      }),
      RUNS,
    );
  });

  it('parseLmEvalResults reads metrics only of named tasks that the input holds', () => {
    fc.assert(
      fc.property(fc.jsonValue(), input => {
        fc.pre(!JSON.stringify(input ?? null).includes('"results"'));
        const tasks = Object.keys(parseLmEvalResults(input).metrics);
        const held =
          input && typeof input === 'object' ? Object.keys(input) : [];
        expect(tasks.filter(t => t.trim() === '' || !held.includes(t))).toEqual(
          [],
        );
      }),
      RUNS,
    );
  });

  it('parseLmEvalJob never throws', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.string()), input => {
        expect(Array.isArray(parseLmEvalJob(input).problems)).toBe(true);
      }),
      RUNS,
    );
  });

  it('readRegistryEvaluation and readPipelineRunEvaluation never throw and give only finite numbers', () => {
    fc.assert(
      fc.property(
        anyInput,
        fc.array(fc.record({ name: fc.string(), value: fc.anything() })),
        (input, results) => {
          reportIsSane(readRegistryEvaluation(input as any));
          reportIsSane(readPipelineRunEvaluation(results));
        },
      ),
      RUNS,
    );
  });
});

describe('digest readers on arbitrary input', () => {
  const DIGEST = /^sha256:[a-f0-9]{64}$/;

  /** Text made of random pieces, real digests, and the words digest readers look for. */
  const logLike = fc
    .array(
      fc.oneof(
        fc.string(),
        fc.stringMatching(/^sha256:[a-f0-9]{64}$/),
        fc.stringMatching(/^[a-f0-9]{60,70}$/),
        fc.constantFrom(
          '\n',
          '@',
          'sha256:',
          'Digest: ',
          'Copying blob ',
          'Writing manifest to image destination',
          '[{"key":"IMAGE_DIGEST","value":"',
          '"}]',
        ),
      ),
      { maxLength: 12 },
    )
    .map(parts => parts.join(''));

  it('find only sha256 digests that are in the text', () => {
    fc.assert(
      fc.property(logLike, text => {
        const found = [
          findDigest(text),
          ...digestsFromLog(text).map(d => d.digest),
          digestFromTerminationMessage(text),
        ].filter((d): d is string => d !== undefined);
        expect(found.filter(d => !DIGEST.test(d) || !text.includes(d))).toEqual(
          [],
        );
      }),
      RUNS,
    );
  });

  it('read a digest from results only when a result holds one', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), logLike), results => {
        const found = digestFromResults(results);
        expect(
          found === undefined ||
            Object.values(results).some(v => v.includes(found)),
        ).toBe(true);
      }),
      RUNS,
    );
  });

  it('never report a digest for random text with a random 64-hex string that is not sha256-prefixed', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-f0-9]{64}$/), hex => {
        expect(findDigest(`image@md5:${hex}`)).toBeUndefined();
      }),
      RUNS,
    );
  });
});
