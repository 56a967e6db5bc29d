import { kubeErrors } from './status';

/**
 * The two patch formats the API server accepts for custom resources:
 * JSON merge patch (RFC 7386) and JSON patch (RFC 6902).
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

function decodePointer(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }
  if (!pointer.startsWith('/')) {
    throw kubeErrors.badRequest(
      `the JSON pointer "${pointer}" must start with "/"`,
    );
  }
  return pointer
    .slice(1)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

interface Operation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function parentOf(
  document: Json,
  parts: string[],
  pointer: string,
): { parent: any; key: string } {
  let node: any = document;
  for (const part of parts.slice(0, -1)) {
    node = childOf(node, part);
    if (node === undefined || node === null || typeof node !== 'object') {
      throw kubeErrors.internal(
        `jsonpatch: doc is missing path: "${pointer}": missing value`,
      );
    }
  }
  return { parent: node, key: parts[parts.length - 1] };
}

function childOf(node: any, part: string): any {
  if (Array.isArray(node)) return node[Number(part)];
  return isObject(node) ? node[part] : undefined;
}

function getAt(document: Json, pointer: string): Json {
  let node: any = document;
  for (const part of decodePointer(pointer)) {
    node = childOf(node, part);
    if (node === undefined) {
      throw kubeErrors.internal(
        `jsonpatch: doc is missing path: "${pointer}": missing value`,
      );
    }
  }
  return node;
}

function remove(document: Json, pointer: string): Json {
  const { parent, key } = parentOf(document, decodePointer(pointer), pointer);
  if (Array.isArray(parent)) {
    parent.splice(Number(key), 1);
  } else {
    if (!(key in parent)) {
      throw kubeErrors.internal(
        `jsonpatch remove operation does not apply: doc is missing key: ${pointer}`,
      );
    }
    delete parent[key];
  }
  return document;
}

function add(
  document: Json,
  pointer: string,
  value: Json,
  replace: boolean,
): Json {
  const parts = decodePointer(pointer);
  if (parts.length === 0) {
    return clone(value);
  }
  const { parent, key } = parentOf(document, parts, pointer);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (replace) {
      parent[index] = clone(value);
    } else {
      parent.splice(index, 0, clone(value));
    }
  } else {
    if (replace && !(key in parent)) {
      throw kubeErrors.internal(
        `jsonpatch replace operation does not apply: doc is missing key: ${pointer}`,
      );
    }
    parent[key] = clone(value);
  }
  return document;
}

/** Applies an RFC 6902 JSON patch (add, remove, replace, move, copy, test). @public */
export function applyJsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations)) {
    throw kubeErrors.badRequest(
      'the JSON patch must be an array of operations',
    );
  }
  let document = clone(target);
  for (const raw of operations as Operation[]) {
    if (
      !isObject(raw as Json) ||
      typeof raw.op !== 'string' ||
      typeof raw.path !== 'string'
    ) {
      throw kubeErrors.badRequest(
        'each JSON patch operation needs "op" and "path"',
      );
    }
    switch (raw.op) {
      case 'add':
        document = add(document, raw.path, raw.value, false);
        break;
      case 'replace':
        document = add(document, raw.path, raw.value, true);
        break;
      case 'remove':
        document = remove(document, raw.path);
        break;
      case 'move': {
        const value = getAt(document, raw.from ?? '');
        document = add(
          remove(document, raw.from ?? ''),
          raw.path,
          value,
          false,
        );
        break;
      }
      case 'copy':
        document = add(
          document,
          raw.path,
          getAt(document, raw.from ?? ''),
          false,
        );
        break;
      case 'test':
        if (
          JSON.stringify(getAt(document, raw.path)) !==
          JSON.stringify(raw.value)
        ) {
          throw kubeErrors.internal(
            `testing value ${raw.path} failed: test failed`,
          );
        }
        break;
      default:
        throw kubeErrors.badRequest(`Unexpected kind: ${raw.op}`);
    }
  }
  return document;
}
