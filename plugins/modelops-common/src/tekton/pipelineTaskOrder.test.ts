import { orderTasks } from './pipelineTaskOrder';
import { defaultStageMap } from './stageMap';
import { TaskSummary } from './types';

const task = (name: string, taskRunName: string, startedAt?: string) =>
  ({
    name,
    taskRunName,
    status: 'Succeeded',
    retries: 0,
    steps: [],
    results: {},
    ...(startedAt ? { startedAt } : {}),
  } as TaskSummary);

describe('orderTasks', () => {
  it('puts the TaskRuns of a matrix fan-out in index order, 2 before 10', () => {
    const fanOut = [10, 2, 0, 11, 1].map(i => task('build', `run-build-${i}`));
    const ordered = orderTasks(
      fanOut,
      [{ name: 'build', isFinally: false }],
      new Map(),
      'Succeeded',
      defaultStageMap,
    );
    expect(ordered.map(t => t.taskRunName)).toEqual([
      'run-build-0',
      'run-build-1',
      'run-build-2',
      'run-build-10',
      'run-build-11',
    ]);
  });

  it('orders children the spec does not list by start, then by name with numbers as numbers', () => {
    const children = [
      task('extra', 'run-extra-10', '2026-11-30T10:00:00Z'),
      task('extra', 'run-extra-9', '2026-11-30T10:00:00Z'),
      task('early', 'run-early', '2026-11-30T09:00:00Z'),
    ];
    const ordered = orderTasks(
      children,
      [],
      new Map(),
      'Succeeded',
      defaultStageMap,
    );
    expect(ordered.map(t => t.taskRunName)).toEqual([
      'run-early',
      'run-extra-9',
      'run-extra-10',
    ]);
  });
});
