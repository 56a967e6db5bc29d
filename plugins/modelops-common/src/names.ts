/**
 * A valid catalog entity name for a registry or model name: lower case, `[a-z0-9.-]`, at most
 * 63 characters (a longer name is cut and ends with 8 hex digits of a hash of the whole name,
 * so two long names stay apart). The same name always gives the same result.
 * @public
 */
export function entityNameOf(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (cleaned.length > 0 && cleaned.length <= 63) return cleaned;
  return `${cleaned.slice(0, 54).replace(/[-.]+$/, '')}-${fnv1a(name)}`;
}

/** 32-bit FNV-1a as 8 hex digits (isomorphic: no crypto module needed). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
