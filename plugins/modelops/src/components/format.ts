/** `1h 50m`, `12m 4s`, `41s`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${rest}s`;
  return `${rest}s`;
}

/** `3 h ago`, `2 d ago`, from an ISO time. */
export function formatAgo(iso: string | undefined, now = Date.now()): string {
  if (!iso) return 'not started';
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** `sha256:3f4f3f5a1e2f` — enough to tell digests apart. */
export function shortDigest(digest: string | undefined): string {
  if (!digest) return '—';
  const [algo, hex] = digest.includes(':')
    ? digest.split(':', 2)
    : ['sha256', digest];
  return `${algo}:${hex.slice(0, 12)}`;
}

/** Duration of a run, or the time it has been running so far. */
export function runDuration(
  run: { durationSeconds?: number; status: string; startedAt?: string },
  now = Date.now(),
): string {
  if (run.durationSeconds !== undefined)
    return formatDuration(run.durationSeconds);
  if (run.status === 'Running' && run.startedAt)
    return `${formatDuration((now - Date.parse(run.startedAt)) / 1000)} so far`;
  return '—';
}

/** `1 run`, `3 runs`: a count with its noun. */
export function countOf(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
