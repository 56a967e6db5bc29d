/**
 * Where a run says who or what started it, tried in order. The first source with a
 * value wins. Extend by passing your own list to `readTriggeredBy`.
 * @public
 */
export interface TriggerSource {
  from: 'label' | 'annotation';
  key: string;
  /** Turns the value (and the object's labels and annotations) into display text. */
  format?: (
    value: string,
    labels: Record<string, string>,
    annotations: Record<string, string>,
  ) => string;
}

/** The trigger sources we know, most explicit first. @public */
export const defaultTriggerSources: readonly TriggerSource[] = Object.freeze([
  // Set by the ModelOps portal (scaffolder action, re-run) to the Backstage user ref.
  { from: 'annotation', key: 'modelops.io/triggered-by' },
  {
    from: 'label',
    key: 'pipelinesascode.tekton.dev/sender',
    format: (value, labels) => {
      const event = labels['pipelinesascode.tekton.dev/event-type'];
      return `${value} (Pipelines as Code${event ? ` ${event}` : ''})`;
    },
  },
  {
    from: 'annotation',
    key: 'pipelinesascode.tekton.dev/sender',
    format: value => `${value} (Pipelines as Code)`,
  },
  {
    from: 'label',
    key: 'triggers.tekton.dev/eventlistener',
    format: (value, labels) => {
      const trigger = labels['triggers.tekton.dev/trigger'];
      return `EventListener ${value}${trigger ? ` (trigger ${trigger})` : ''}`;
    },
  },
  // The OpenShift console and `tkn` set this to the user who started the run.
  { from: 'annotation', key: 'pipeline.openshift.io/started-by' },
  { from: 'label', key: 'app.kubernetes.io/managed-by' },
]);

/**
 * Who or what started a run, from its labels and annotations.
 * @public
 */
export function readTriggeredBy(
  labels: Record<string, string>,
  annotations: Record<string, string>,
  sources: readonly TriggerSource[] = defaultTriggerSources,
): string | undefined {
  for (const source of sources) {
    const map = source.from === 'label' ? labels : annotations;
    const value = Object.prototype.hasOwnProperty.call(map, source.key)
      ? map[source.key]?.trim()
      : undefined;
    // The janus mocks carry `undefined` as a string: treat it as absent.
    if (!value || value === 'undefined') {
      continue;
    }
    return source.format ? source.format(value, labels, annotations) : value;
  }
  return undefined;
}
