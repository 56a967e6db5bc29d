/**
 * Rules for what a user types into the ModelCar and evaluation templates. Shared by the
 * scaffolder field extensions (live feedback in the form) and the scaffolder actions (the
 * authoritative check before anything is written or started), so both say the same thing.
 *
 * Every check returns `undefined` when the value is fine, or a sentence that says what is
 * wrong with it; the caller puts the field name in front.
 */

/** A ModelCar build variant: quantization and the workspace it needs. @public */
export interface ModelCarVariant {
  id: string;
  title: string;
  /**
   * Suggested size of the shared workspace PVC: the downloaded model plus the OCI archive
   * built from it (about twice the model), with headroom for a 24B model.
   */
  workspaceSize: string;
}

/** The variants of the ModelCar naming convention (`<variant>-<YYYYMMDD>-<HHMM>`). @public */
export const MODELCAR_VARIANTS: readonly ModelCarVariant[] = Object.freeze([
  {
    id: 'quantized-w4a16',
    title: 'Quantized w4a16 (int4 weights, fp16 activations)',
    workspaceSize: '40Gi',
  },
  { id: 'full-fp16', title: 'Full fp16', workspaceSize: '120Gi' },
]);

/** The ModelCar version naming convention: `<variant>-<YYYYMMDD>-<HHMM>` (UTC). @public */
export const MODELCAR_VERSION_NAME_PATTERN =
  /^(quantized-w4a16|full-fp16)-\d{8}-\d{4}$/;

/** The variant of that id, or undefined. @public */
export function modelCarVariant(
  id: string | undefined,
): ModelCarVariant | undefined {
  return MODELCAR_VARIANTS.find(v => v.id === id);
}

/** A version name that follows the convention, for a build started at `at`. @public */
export function proposeVersionName(
  variant: string,
  at: Date = new Date(),
): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(
    at.getUTCDate(),
  )}`;
  return `${variant}-${day}-${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}`;
}

// Said once, because every value can carry them: what makes a value unsafe in YAML, a shell
// script or a template expression, named so the user sees what to remove.
function unsafeCharacters(value: string): string | undefined {
  if (/\$\{\{|\}\}|\$\(/.test(value))
    return 'must not contain template or substitution expressions (${{ }}, $( ))';
  if (/[\r\n]/.test(value)) return 'must be a single line';
  if (/\s/.test(value)) return 'must not contain spaces';
  const bad = value.match(/["'`:#{}[\],&*!|>%@\\;<$]/);
  if (bad) return `must not contain "${bad[0]}"`;
  return undefined;
}

function required(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'is required';
  return undefined;
}

/**
 * A Kubernetes object name: a DNS-1123 label (namespaces, Secrets we mount, service accounts,
 * InferenceServices), lower case, at most 63 characters.
 * @public
 */
export function checkKubernetesName(value: unknown): string | undefined {
  const missing = required(value);
  if (missing) return missing;
  const text = value as string;
  const unsafe = unsafeCharacters(text);
  if (unsafe) return unsafe;
  if (/[A-Z]/.test(text)) return `must be lower case ("${text.toLowerCase()}")`;
  if (text.length > 63)
    return `must be at most 63 characters (is ${text.length})`;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(text)) {
    return 'must consist of lower case letters, digits and "-", and start and end with a letter or digit';
  }
  return undefined;
}

/** A Hugging Face repository id: `owner/name`. @public */
export function checkHuggingFaceRepo(value: unknown): string | undefined {
  const missing = required(value);
  if (missing) return missing;
  const text = value as string;
  const unsafe = unsafeCharacters(text);
  if (unsafe) return unsafe;
  const parts = text.split('/');
  if (parts.length !== 2)
    return `must be "owner/name", e.g. mistralai/Mistral-Small-24B-Instruct-2501 (got "${text}")`;
  for (const part of parts) {
    if (
      !/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(part) ||
      part.length > 96 ||
      /\.\.|--/.test(part)
    ) {
      return `"${part}" is not a valid Hugging Face owner or repository name: letters, digits, "-", "_" and "." only, not at the start or end, at most 96 characters`;
    }
  }
  return undefined;
}

/** A git revision of a Hugging Face repository: branch, tag or commit. Empty means `main`. @public */
export function checkHuggingFaceRevision(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return 'must be a branch, tag or commit';
  const unsafe = unsafeCharacters(value);
  if (unsafe) return unsafe;
  if (
    !/^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/.test(value) ||
    value.includes('..') ||
    value.length > 128
  ) {
    return 'must be a branch, tag or commit: letters, digits, "-", "_", "." and "/", at most 128 characters';
  }
  return undefined;
}

/** A registered model name in the Model Registry, e.g. `Mistral-Small-24B-Instruct`. @public */
export function checkRegisteredModelName(value: unknown): string | undefined {
  const missing = required(value);
  if (missing) return missing;
  const text = value as string;
  const unsafe = unsafeCharacters(text);
  if (unsafe) return unsafe;
  if (
    !/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(text) ||
    text.length > 128
  ) {
    return 'must consist of letters, digits, "-", "_" and ".", start and end with a letter or digit, at most 128 characters';
  }
  return undefined;
}

/** A model version name that follows the ModelCar convention for its variant. @public */
export function checkVersionName(
  value: unknown,
  variant?: string,
): string | undefined {
  const missing = required(value);
  if (missing) return missing;
  const text = value as string;
  const unsafe = unsafeCharacters(text);
  if (unsafe) return unsafe;
  if (!MODELCAR_VERSION_NAME_PATTERN.test(text)) {
    return `must follow the naming convention <variant>-<YYYYMMDD>-<HHMM>, e.g. ${proposeVersionName(
      variant ?? 'quantized-w4a16',
    )} (got "${text}")`;
  }
  if (variant && !text.startsWith(`${variant}-`)) {
    return `must start with the variant "${variant}-" (got "${text}")`;
  }
  const [day, time] = text.split('-').slice(-2);
  const badTime = impossibleBuildTime(day, time);
  if (badTime) return `${badTime} (got "${text}")`;
  return undefined;
}

// The pattern only says "8 digits, 4 digits"; the name is read back as the build's UTC time,
// so a date that is not on the calendar is refused with the part that is wrong.
function impossibleBuildTime(day: string, time: string): string | undefined {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(4, 6));
  const date = Number(day.slice(6, 8));
  const hour = Number(time.slice(0, 2));
  const minute = Number(time.slice(2, 4));
  if (month < 1 || month > 12)
    return `month ${day.slice(4, 6)} of ${day} is not a month (01-12)`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (date < 1 || date > daysInMonth) {
    return `day ${day.slice(
      6,
      8,
    )} of ${day} is not a day of that month (01-${daysInMonth})`;
  }
  if (hour > 23)
    return `hour ${time.slice(0, 2)} of ${time} is not an hour (00-23)`;
  if (minute > 59)
    return `minute ${time.slice(2, 4)} of ${time} is not a minute (00-59)`;
  return undefined;
}

/**
 * Bounds of the ModelCar workspace PVC: below 1Gi no model fits; above 2Ti is a typing error
 * (the largest variant suggests 120Gi) that would ask the cluster for storage no one meant.
 * @public
 */
export const WORKSPACE_SIZE_BOUNDS = Object.freeze({ min: '1Gi', max: '2Ti' });

const QUANTITY_SUFFIXES: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * Bytes of a Kubernetes quantity (`40Gi`, `1.5Ti`, `500G`, `1e9`), or undefined when it is not
 * quantity syntax. Milli (`m`) is refused: a fraction of a byte is no storage size.
 * @public
 */
export function parseStorageQuantity(text: string): number | undefined {
  const match = text.match(
    /^(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/,
  );
  if (!match) return undefined;
  const [, number, suffix, exponent] = match;
  const scale =
    exponent !== undefined
      ? 10 ** Number(exponent)
      : QUANTITY_SUFFIXES[suffix ?? ''];
  return Number(number) * scale;
}

/** A PVC size in Kubernetes quantity syntax, such as `40Gi`, from 1Gi to 2Ti. @public */
export function checkStorageSize(value: unknown): string | undefined {
  const missing = required(value);
  if (missing) return missing;
  const bytes = parseStorageQuantity(value as string);
  if (bytes === undefined)
    return `must be a Kubernetes quantity like 40Gi (got "${value}")`;
  const { min, max } = WORKSPACE_SIZE_BOUNDS;
  if (bytes < parseStorageQuantity(min)!)
    return `must be at least ${min} (got "${value}")`;
  if (bytes > parseStorageQuantity(max)!)
    return `must be at most ${max} (got "${value}")`;
  return undefined;
}

/** A UID or GID for the pod security context. @public */
export function checkUserId(value: unknown): string | undefined {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > 2147483647
  ) {
    return `must be a whole number from 0 to 2147483647 (got ${JSON.stringify(
      value,
    )})`;
  }
  return undefined;
}

/**
 * A UID or GID the pipeline's pods run as: not 0. The tasks download and package a model; none
 * needs root, and a root pod on a shared cluster can write what other tenants read. Leave the
 * value to the namespace's range (OpenShift's restricted SCC assigns one) or pick a UID the
 * service account's SCC allows.
 * @public
 */
export function checkNonRootId(value: unknown): string | undefined {
  const problem = checkUserId(value);
  if (problem) return problem;
  if (value === 0)
    return "must not be 0 (root): the pipeline must not run as root; use a UID from the namespace's range (e.g. 1001)";
  return undefined;
}
