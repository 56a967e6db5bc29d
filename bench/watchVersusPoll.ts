import os from 'node:os';

/** What a steady-state window measured for the watch and for the poll. */
export interface WatchVersusPoll {
  windowMs: number;
  /** Size (JSON) of each object changed in the window. */
  changedBytes: number[];
  /** What changed, e.g. "10 runs changed (a TaskRun and its PipelineRun each)". */
  changes: string;
  pollSeconds: number;
  /** Objects (runs, jobs) the window changed, and what they are called. */
  changedObjects: { count: number; noun: string };
  bytes: { watch: number; poll: number };
  requests: { watch: number; poll: number };
  writes: { watch: number; poll: number };
  /**
   * Writes of objects that did not change, when counted apart (an object written once per
   * version changes several times); by default the writes beyond one per changed object.
   */
  unchangedWrites?: { watch: number; poll: number };
  /** Milliseconds from each change at the server to its summary in the store. */
  latency: { watch: number[]; poll: number[] };
}

export const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));
const max = (v: number[]) => (v.length ? Math.max(...v) : NaN);
const median = (v: number[]) =>
  [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;

/** Prints a steady-state window of the watch and the poll side by side, as a Markdown table. */
export function printWatchVersusPoll(m: WatchVersusPoll) {
  const perHour = 3_600_000 / m.windowMs;
  const changedPerHour = m.changedBytes.reduce((a, b) => a + b, 0) * perHour;
  const { count, noun } = m.changedObjects;
  console.log(
    `window: ${(m.windowMs / 1000).toFixed(0)} s, ${m.changes}, poll every ${
      m.pollSeconds
    } s, load average ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `changed objects: ${mb(changedPerHour)} per hour (${
      m.changedBytes.length
    } objects in the window)`,
  );
  console.log('| | watch | poll |');
  console.log('|---|---|---|');
  console.log(
    `| bytes from the API server per hour | ${mb(
      m.bytes.watch * perHour,
    )} | ${mb(m.bytes.poll * perHour)} |`,
  );
  console.log(
    `| ratio to the changed objects' size | ${(
      (m.bytes.watch * perHour) /
      changedPerHour
    ).toFixed(2)}x | ${((m.bytes.poll * perHour) / changedPerHour).toFixed(
      0,
    )}x |`,
  );
  console.log(
    `| requests in the window | ${m.requests.watch} | ${m.requests.poll} |`,
  );
  console.log(
    `| DB writes in the window (changed ${noun}: ${count}) | ${m.writes.watch} | ${m.writes.poll} |`,
  );
  const unchanged = m.unchangedWrites ?? {
    watch: m.writes.watch - count,
    poll: m.writes.poll - count,
  };
  console.log(
    `| DB writes for unchanged ${noun} | ${unchanged.watch} | ${unchanged.poll} |`,
  );
  console.log(
    `| change at the server -> summary in the store, median / max | ${median(
      m.latency.watch,
    ).toFixed(0)} / ${max(m.latency.watch).toFixed(0)} ms | ${median(
      m.latency.poll,
    ).toFixed(0)} / ${max(m.latency.poll).toFixed(0)} ms |`,
  );
}

/**
 * The first sync of both sides: the poll's full list, then the watch's list until the watched
 * store holds `expected` objects. Returns the running watch (stop it with `stop`) and the
 * poll's timer for the window (`clearInterval` it at the end).
 */
export async function syncBothThenPoll(options: {
  poll: { collectOnce(): Promise<unknown> };
  pollBytes: () => number;
  watcher: { watchFor(signal: AbortSignal, ms: number): Promise<void> };
  watchBytes: () => number;
  watchedCount: () => Promise<number>;
  expected: number;
  watchSeconds: number;
  pollSeconds: number;
}) {
  const seconds = (since: number) =>
    ((performance.now() - since) / 1000).toFixed(1);
  let t = performance.now();
  await options.poll.collectOnce();
  console.log(
    `poll: first full list in ${seconds(t)} s, ${mb(options.pollBytes())}`,
  );
  const stop = new AbortController();
  t = performance.now();
  const watching = options.watcher.watchFor(
    stop.signal,
    options.watchSeconds * 1000,
  );
  while ((await options.watchedCount()) < options.expected) await sleep(100);
  await sleep(500);
  console.log(
    `watch: first list in ${seconds(t)} s, ${mb(options.watchBytes())}`,
  );
  return {
    stop,
    watching,
    startPolling: () =>
      setInterval(() => {
        options.poll
          .collectOnce()
          .catch(e => console.error(`poll failed: ${e}`));
      }, options.pollSeconds * 1000),
  };
}
