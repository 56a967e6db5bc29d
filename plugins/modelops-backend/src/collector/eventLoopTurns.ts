import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets the event loop take a turn (I/O first: the next page's answer, other requests to the
 * backend) once `budgetMs` of work went by since the last turn. Many tasks share one: past
 * the budget every task that asks waits for the same turn, and the budget starts again once,
 * after it. Without it, the runs of a page that a TaskRun page let go on ran as one burst of
 * microtasks (50–90 ms at a 1,000-run sync), and the next TaskRun page waited for it.
 */
export class EventLoopTurns {
  private since: number;
  private turn?: Promise<void>;

  constructor(
    private readonly budgetMs = 5,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.since = now();
  }

  /** Undefined within the budget (go on); past it, the promise of the loop's next turn. */
  take(): Promise<void> | undefined {
    if (this.turn) return this.turn;
    if (this.now() - this.since < this.budgetMs) return undefined;
    this.turn = nextTurn().then(() => {
      this.since = this.now();
      this.turn = undefined;
    });
    return this.turn;
  }
}
