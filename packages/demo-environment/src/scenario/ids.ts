import { createHash } from 'node:crypto';

/**
 * Deterministic identifiers: the same seed always gives the same digest, uid or name
 * suffix, so a scenario is the same on every start and in every test.
 */

/** Hex SHA-256 of a string. @public */
export function sha256Hex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** An image digest `sha256:<64 hex>` for a seed. @public */
export function digestOf(seed: string): string {
  return `sha256:${sha256Hex(`digest:${seed}`)}`;
}

/** A UUID-shaped uid for a seed. @public */
export function uidOf(seed: string): string {
  const h = sha256Hex(`uid:${seed}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A Kubernetes-style random suffix (`wk62d`) for a seed. @public */
export function suffixOf(seed: string, length = 5): string {
  const h = sha256Hex(`suffix:${seed}`);
  let out = '';
  for (let i = 0; i < length; i++) {
    out +=
      SUFFIX_ALPHABET[
        parseInt(h.slice(i * 2, i * 2 + 2), 16) % SUFFIX_ALPHABET.length
      ];
  }
  return out;
}

/** A 10-hex pod-template-hash style suffix for a seed. @public */
export function hashSuffixOf(seed: string): string {
  return sha256Hex(`hash:${seed}`)
    .slice(0, 10)
    .replace(/^[0-9]/, 'f');
}

/** RFC 3339 time without milliseconds, as Kubernetes writes it. @public */
export function isoTime(ms: number): string {
  return new Date(Math.round(ms / 1000) * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

/** `20261118-0215`: the timestamp part of a version name, in UTC. @public */
export function versionTimestamp(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(
    d.getUTCDate(),
  )}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
}

/** `Nov 18 02:15`, as `ls -l` prints a recent time. @public */
export function lsTime(ms: number): string {
  const d = new Date(ms);
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${months[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}`;
}

/** Tekton's duration format: `1h0m0s`. @public */
export function tektonDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  return `${h}h${m}m${s}s`;
}

export { entityNameOf } from '@private-ai/plugin-modelops-common';
