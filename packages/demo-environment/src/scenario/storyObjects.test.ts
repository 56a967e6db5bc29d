import { createHash } from 'node:crypto';
import { buildScenario } from './buildScenario';

/**
 * The notebook-validation and serving stories of the demo, pinned: the objects, logs and
 * registry entries they produce at a fixed time, as a digest of their canonical JSON (the
 * whole set is about 1 MB). Restructuring the stories' code must not change it; a change to
 * a story on purpose updates the digest in the same commit, and the other tests of the demo
 * say whether the story still tells what it should.
 */

const NOW = Date.parse('2026-11-25T12:00:00Z');

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter(key => (value as Record<string, unknown>)[key] !== undefined)
        .map(key => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const digest = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');

const SERVING_KINDS = [
  'ServingRuntime',
  'InferenceService',
  'Deployment',
  'ReplicaSet',
  'Service',
];

describe('demo stories', () => {
  const scenario = buildScenario(NOW);
  const isNotebookObject = (o: { metadata: { namespace?: string } }) =>
    o.metadata.namespace === 'notebook-validation';
  const isServingObject = (o: {
    kind: string;
    metadata: { labels?: Record<string, string> };
  }) =>
    SERVING_KINDS.includes(o.kind) ||
    (o.kind === 'Pod' && o.metadata.labels?.component === 'predictor');

  it('produces the same notebook validation objects and logs', () => {
    const objects = scenario.objects.filter(isNotebookObject);
    expect(objects.length).toBe(44 + 27); // jobs and the validation pods that started
    expect(
      digest({
        objects,
        logs: scenario.logs.filter(l => l.namespace === 'notebook-validation'),
        jobs: scenario.notebookJobs,
      }),
    ).toBe('81257b4dc59de1ba821f734ae60b981e39caccb8205cf367a2c3e0647f3c3b3c');
  });

  it('produces the same serving objects, logs and registry entries', () => {
    const objects = scenario.objects.filter(isServingObject);
    const pods = new Set(
      objects.filter(o => o.kind === 'Pod').map(o => o.metadata.name),
    );
    expect(objects.length).toBe(1 + 4 * 5);
    expect(
      digest({
        objects,
        logs: scenario.logs.filter(l => pods.has(l.pod)),
        servers: scenario.serving,
        registry: scenario.registry,
      }),
    ).toBe('041aba0ded0463608f445d2fa77322576a409d05c1f712fa6cfe71f88db12c0f');
  });
});
