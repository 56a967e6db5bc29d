/**
 * Kubernetes label selectors, as `kubectl get -l` and the API's `labelSelector` parameter
 * take them: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a` (exists) and `!a`,
 * joined by commas (all must match).
 */

import {
  CommonValidatorFunctions,
  KubernetesValidatorFunctions,
} from '@backstage/catalog-model';

/** One requirement of a selector. @public */
export type LabelRequirement =
  | { key: string; operator: 'in' | 'notin'; values: string[] }
  | { key: string; operator: 'exists' | 'doesnotexist' };

/** A parsed label selector: every requirement must match. @public */
export interface LabelSelector {
  requirements: LabelRequirement[];
}

/** A selector that does not parse; the API server answers it with 400 BadRequest. @public */
export class LabelSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSelectorError';
  }
}

// Kubernetes' rules for label keys (`[prefix/]name`: a lower-case DNS subdomain of at most 253
// characters, then a name of at most 63) and values, as the catalog model implements them.
const { isValidLabelKey, isValidLabelValue } = KubernetesValidatorFunctions;

function checkKey(key: string, whole: string): string {
  if (!isValidLabelKey(key)) {
    const slash = key.indexOf('/');
    const problem =
      slash >= 0 &&
      !CommonValidatorFunctions.isValidDnsSubdomain(key.slice(0, slash))
        ? "prefix part must be a lowercase RFC 1123 subdomain of at most 253 characters: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character"
        : "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    throw new LabelSelectorError(
      `unable to parse requirement: invalid label key "${key}" in "${whole}": ${problem}`,
    );
  }
  return key;
}

function checkValue(value: string, whole: string): string {
  if (!isValidLabelValue(value)) {
    throw new LabelSelectorError(
      `unable to parse requirement: invalid label value: "${value}" in "${whole}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return value;
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  terms.push(current);
  return terms.map(t => t.trim());
}

function parseTerm(term: string, whole: string): LabelRequirement {
  const set = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(term);
  if (set) {
    const values = set[3]
      .split(',')
      .map(v => v.trim())
      .filter(v => v.length > 0)
      .map(v => checkValue(v, whole));
    if (values.length === 0) {
      throw new LabelSelectorError(
        `unable to parse requirement: for 'in', 'notin' operators, values set can't be empty`,
      );
    }
    return {
      key: checkKey(set[1], whole),
      operator: set[2] as 'in' | 'notin',
      values,
    };
  }
  const inequality = /^([^=!\s]+)\s*!=\s*(\S*)$/.exec(term);
  if (inequality) {
    return {
      key: checkKey(inequality[1], whole),
      operator: 'notin',
      values: [checkValue(inequality[2], whole)],
    };
  }
  const equality = /^([^=!\s]+)\s*==?\s*(\S*)$/.exec(term);
  if (equality) {
    return {
      key: checkKey(equality[1], whole),
      operator: 'in',
      values: [checkValue(equality[2], whole)],
    };
  }
  const notExists = /^!\s*(\S+)$/.exec(term);
  if (notExists) {
    return { key: checkKey(notExists[1], whole), operator: 'doesnotexist' };
  }
  if (/^\S+$/.test(term)) {
    return { key: checkKey(term, whole), operator: 'exists' };
  }
  throw new LabelSelectorError(
    `unable to parse requirement: found '${term}', expected: identifier`,
  );
}

/**
 * Parses a label selector. An empty or missing selector selects everything.
 * Throws {@link LabelSelectorError} on a malformed selector.
 * @public
 */
export function parseLabelSelector(
  selector: string | undefined | null,
): LabelSelector {
  if (!selector || selector.trim() === '') {
    return { requirements: [] };
  }
  const requirements = splitTerms(selector).map(term => {
    if (term === '') {
      throw new LabelSelectorError(
        `unable to parse requirement: found '', expected: identifier in "${selector}"`,
      );
    }
    return parseTerm(term, selector);
  });
  return { requirements };
}

/** True when `labels` satisfy every requirement of `selector`. @public */
export function matchesLabelSelector(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const own = labels ?? {};
  return selector.requirements.every(requirement => {
    const has = Object.prototype.hasOwnProperty.call(own, requirement.key);
    switch (requirement.operator) {
      case 'exists':
        return has;
      case 'doesnotexist':
        return !has;
      case 'in':
        return has && requirement.values.includes(own[requirement.key]);
      case 'notin':
        return !has || !requirement.values.includes(own[requirement.key]);
      default:
        return false;
    }
  });
}
