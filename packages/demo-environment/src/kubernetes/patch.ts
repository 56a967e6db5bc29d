/**
 * JSON merge patch (RFC 7386), the patch format the demo's clients send (cancelling a run). The API server's JSON patch (RFC 6902) is not served: no client uses it.
 */

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Applies an RFC 7386 merge patch: objects merge, `null` deletes, everything else replaces. @public */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) {
    return patch;
  }
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
    } else {
      out[key] = applyMergePatch(out[key], value);
    }
  }
  return out;
}
