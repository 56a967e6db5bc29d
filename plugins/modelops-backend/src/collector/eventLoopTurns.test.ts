import { EventLoopTurns } from './eventLoopTurns';

describe('EventLoopTurns', () => {
  it('lets work go on within the budget, then gives the loop one turn that every asker shares', async () => {
    let now = 0;
    const turns = new EventLoopTurns(5, () => now);
    now = 4;
    expect(turns.take()).toBeUndefined();

    // What was waiting for the loop before the turn (an answer that arrived) runs first.
    const order: string[] = [];
    const waiting = new Promise<void>(resolve =>
      setImmediate(() => {
        order.push('io');
        resolve();
      }),
    );
    now = 5;
    const first = turns.take();
    const second = turns.take();
    expect(typeof first?.then).toBe('function');
    expect(second).toBe(first);

    await Promise.all([
      first!.then(() => order.push('first')),
      second!.then(() => order.push('second')),
      waiting,
    ]);
    expect(order).toEqual(['io', 'first', 'second']);

    // The budget starts again once, after the turn.
    now = 9;
    expect(turns.take()).toBeUndefined();
    now = 10;
    expect(typeof turns.take()?.then).toBe('function');
  });
});
