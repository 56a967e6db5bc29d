import { TaskRunCache } from './TaskRunCache';

const run = (name: string, uid = `uid-${name}`) => ({
  metadata: { namespace: 'ns', name, uid },
});
const taskRun = (name: string, runName: string, runUid = `uid-${runName}`) => ({
  metadata: {
    namespace: 'ns',
    name,
    labels: {
      'tekton.dev/pipelineRun': runName,
      'tekton.dev/pipelineRunUID': runUid,
    },
    managedFields: [{ manager: 'tekton' }],
  },
  status: { podName: `${name}-pod`, taskSpec: { steps: [] } },
});

describe('TaskRunCache', () => {
  it('answers nothing until a complete list filled it', async () => {
    const cache = new TaskRunCache();
    cache.put(taskRun('a-1', 'a'));
    expect(cache.taskRunsOf(run('a'))).toBeUndefined();
    cache.fill([taskRun('a-1', 'a'), taskRun('a-2', 'a')]);
    await cache.ready();
    expect(cache.taskRunsOf(run('a'))?.map(t => t.metadata?.name)).toEqual([
      'a-1',
      'a-2',
    ]);
    // A run without TaskRuns yet has none, as a list would say.
    expect(cache.taskRunsOf(run('b'))).toEqual([]);
  });

  it('keeps TaskRuns lean and follows the watch', () => {
    const cache = new TaskRunCache();
    cache.fill([taskRun('a-1', 'a')]);
    cache.put(taskRun('a-2', 'a'));
    cache.remove(taskRun('a-1', 'a'));
    const [kept] = cache.taskRunsOf(run('a'))!;
    expect(kept.metadata).not.toHaveProperty('managedFields');
    expect(kept.status).toEqual({ podName: 'a-2-pod' });
    expect(cache.taskRunsOf(run('a'))).toHaveLength(1);
  });

  it('lets go of a final run, and does not answer for it again until it is forgotten', () => {
    const cache = new TaskRunCache();
    cache.fill([taskRun('a-1', 'a'), taskRun('b-1', 'b')]);
    cache.release(run('a'));
    expect(cache.runs).toBe(1);
    cache.put(taskRun('a-1', 'a'));
    expect(cache.taskRunsOf(run('a'))).toBeUndefined();
    // A re-list after 410 Gone keeps it let go.
    cache.fill([taskRun('a-1', 'a'), taskRun('b-1', 'b')]);
    expect(cache.taskRunsOf(run('a'))).toBeUndefined();
    expect(cache.runs).toBe(1);
    cache.forget(run('a'));
    expect(cache.taskRunsOf(run('a'))).toEqual([]);
  });

  it('does not give a new run the TaskRuns of a deleted run of the same name', () => {
    const cache = new TaskRunCache();
    cache.fill([taskRun('a-1', 'a', 'old')]);
    cache.put(taskRun('a-2', 'a', 'new'));
    expect(
      cache.taskRunsOf(run('a', 'new'))?.map(t => t.metadata?.name),
    ).toEqual(['a-2']);
  });

  it('lets a waiter go on when the list cannot be read', async () => {
    const cache = new TaskRunCache();
    cache.unavailable();
    await cache.ready();
    expect(cache.taskRunsOf(run('a'))).toBeUndefined();
  });

  it("tells a change of a let-go run's TaskRun the summary does not read (an annotation) from one it reads", () => {
    const cache = new TaskRunCache();
    cache.fill([taskRun('a-1', 'a'), taskRun('a-2', 'a'), taskRun('b-1', 'b')]);
    cache.release(run('a'));
    const annotated = {
      ...taskRun('a-1', 'a'),
      metadata: {
        ...taskRun('a-1', 'a').metadata,
        resourceVersion: '7',
        annotations: { 'results.tekton.dev/record': 'x' },
      },
    };
    expect(cache.altersSummary(annotated, false)).toBe(false);
    const moved = {
      ...annotated,
      status: { ...annotated.status, podName: 'a-1-pod-retry' },
    };
    expect(cache.altersSummary(moved, false)).toBe(true);
    // What it gives now is what the next change is told from.
    expect(cache.altersSummary(moved, false)).toBe(false);
    expect(cache.altersSummary(taskRun('a-2', 'a'), true)).toBe(true);
    // A run not let go: every change may alter it.
    expect(cache.altersSummary(taskRun('b-1', 'b'), false)).toBe(true);
    // A complete list again: what changed while nobody watched is not known.
    cache.fill([taskRun('a-1', 'a')]);
    expect(cache.altersSummary(annotated, false)).toBe(true);
  });
});
