import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterClient,
  KubernetesObject,
  KubernetesResource,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import { leanForJoin } from './leanForJoin';

/**
 * Runs of a namespace whose TaskRuns (or pods) are read one by one with a label selector;
 * past this, one paged list of the namespace serves the rest of the collection. A few
 * changed runs (a watch event, a steady-state poll) cost a few small requests; a full sync
 * costs the pages of one list instead of a request per run.
 */
const PER_RUN_LIMIT = 20;

const PIPELINE_RUN_LABEL = 'tekton.dev/pipelineRun';

/** The status of a run's `Succeeded` condition ('True', 'False', 'Unknown'), read as listed. */
export function succeededStatus(run: KubernetesObject): string | undefined {
  const conditions = (run.status as { conditions?: unknown } | undefined)
    ?.conditions;
  if (!Array.isArray(conditions)) return undefined;
  const condition = conditions.find(
    c => (c as { type?: unknown })?.type === 'Succeeded',
  ) as { status?: unknown } | undefined;
  return typeof condition?.status === 'string' ? condition.status : undefined;
}

/**
 * The names of the TaskRuns a PipelineRun says it has (`status.childReferences`, or the
 * `status.taskRuns` map of older Tekton versions); empty when it says none.
 */
function childTaskRunNames(run: KubernetesObject): string[] {
  const status = run.status as
    | { childReferences?: unknown; taskRuns?: unknown }
    | undefined;
  const names: string[] = [];
  if (Array.isArray(status?.childReferences))
    for (const ref of status.childReferences as Array<{
      kind?: unknown;
      name?: unknown;
    }>)
      if (ref?.kind === 'TaskRun' && typeof ref.name === 'string')
        names.push(ref.name);
  if (status?.taskRuns && typeof status.taskRuns === 'object')
    names.push(...Object.keys(status.taskRuns));
  return names;
}

/** A run waiting for its objects while the namespace's list is read. */
interface Waiter {
  runName: string;
  /** The objects it needs: it goes on as soon as these arrived (none: the whole list). */
  expected: string[];
  resolve: () => void;
}

/** Objects of a namespace grouped by the PipelineRun they belong to, read lazily. */
class GroupedReads {
  private asks = 0;
  private announced = 0;
  private reading = false;
  private done = false;
  private failure?: unknown;
  private readonly groups = new Map<string, KubernetesObject[]>();
  private waiters: Waiter[] = [];

  constructor(
    private readonly client: ClusterClient,
    private readonly resource: KubernetesResource,
    private readonly namespace: string,
    private readonly released: Set<string>,
    private readonly pageSize?: number,
  ) {}

  /** Says how many runs are about to ask, so a batch of many goes to the list at once. */
  announce(runs: number) {
    this.announced += runs;
  }

  /**
   * The objects of a run. From the namespace's list, a run that names its objects
   * (`expected`) gets them as soon as their page arrived, while later pages are still read.
   */
  async of(
    runName: string,
    expected: string[] = [],
  ): Promise<KubernetesObject[]> {
    this.asks += 1;
    if (!this.reading && Math.max(this.asks, this.announced) <= PER_RUN_LIMIT) {
      const { items } = await this.client.list(this.resource, {
        namespace: this.namespace,
        labelSelector: `${PIPELINE_RUN_LABEL}=${runName}`,
      });
      return items;
    }
    this.readAll();
    if (!this.done && !this.arrived(runName, expected))
      await new Promise<void>(resolve =>
        this.waiters.push({ runName, expected, resolve }),
      );
    if (this.failure && !this.arrived(runName, expected)) throw this.failure;
    return this.groups.get(runName) ?? [];
  }

  /** Starts reading the namespace's list now, before any run asks: many runs will. */
  readAll() {
    if (this.reading) return;
    this.reading = true;
    void this.readWhole();
  }

  /** Lets go of a run's objects: it is summarized, or unchanged. */
  release(runName: string) {
    this.groups.delete(runName);
  }

  private arrived(runName: string, expected: string[]) {
    if (expected.length === 0) return false;
    const group = this.groups.get(runName);
    return (
      !!group &&
      expected.every(name => group.some(o => o.metadata?.name === name))
    );
  }

  /** The namespace's objects of every run not yet released, page by page. */
  private async readWhole() {
    try {
      for await (const page of this.client.listPages(this.resource, {
        namespace: this.namespace,
        labelSelector: PIPELINE_RUN_LABEL,
        pageSize: this.pageSize,
      })) {
        for (const item of page.items) {
          const run = item.metadata?.labels?.[PIPELINE_RUN_LABEL];
          if (!run || this.released.has(run)) continue;
          const lean = leanForJoin(item);
          const group = this.groups.get(run);
          if (group) group.push(lean);
          else this.groups.set(run, [lean]);
        }
        const waiting = this.waiters;
        this.waiters = [];
        for (const waiter of waiting) {
          if (this.arrived(waiter.runName, waiter.expected)) waiter.resolve();
          else this.waiters.push(waiter);
        }
      }
    } catch (error) {
      // A run whose objects did arrive goes on; the others fail (the collection with them).
      this.failure = error;
    }
    this.done = true;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }
}

/**
 * Events of a namespace about named objects: while few runs ask, only the events of each
 * object (`fieldSelector=involvedObject.name=<name>`, one request per name: field selectors
 * have no "in"); past {@link PER_RUN_LIMIT} runs, the namespace's events once, shared.
 * A busy namespace holds an hour of events of every pod, most of them about other runs.
 */
class EventReads {
  private asks = 0;
  private announced = 0;
  private whole?: Promise<KubernetesObject[]>;

  constructor(
    private readonly client: ClusterClient,
    private readonly namespace: string,
    private readonly logger: LoggerService,
    private readonly pageSize?: number,
  ) {}

  announce(runs: number) {
    this.announced += runs;
  }

  /** Events about these objects (and, from the namespace's list, others). */
  async about(names: string[]): Promise<KubernetesObject[]> {
    this.asks += 1;
    if (!this.whole && Math.max(this.asks, this.announced) <= PER_RUN_LIMIT) {
      const lists = await Promise.all(
        names.map(name =>
          this.read({ fieldSelector: `involvedObject.name=${name}` }),
        ),
      );
      return lists.flat();
    }
    this.whole ??= this.read({ pageSize: this.pageSize });
    return this.whole;
  }

  /** A list of events; one that cannot be read gives none: the diagnosis works from the rest. */
  private read(options: { fieldSelector?: string; pageSize?: number }) {
    return this.client
      .list(RESOURCES.events, { namespace: this.namespace, ...options })
      .then(
        r => r.items,
        error => {
          this.logger.warn(
            `events of ${this.namespace} on ${this.client.cluster}${
              options.fieldSelector ? ` (${options.fieldSelector})` : ''
            } not read, diagnoses go without them: ${error}`,
          );
          return [];
        },
      );
  }
}

/** What one namespace's reads hold. */
class NamespaceReads {
  /** Runs already summarized or unchanged: their objects are not kept by a later list. */
  readonly released = new Set<string>();
  readonly taskRuns: GroupedReads;
  readonly pods: GroupedReads;
  readonly events: EventReads;

  constructor(
    client: ClusterClient,
    namespace: string,
    logger: LoggerService,
    pageSize?: number,
  ) {
    this.events = new EventReads(client, namespace, logger, pageSize);
    this.taskRuns = new GroupedReads(
      client,
      RESOURCES.taskRuns,
      namespace,
      this.released,
      pageSize,
    );
    this.pods = new GroupedReads(
      client,
      RESOURCES.pods,
      namespace,
      this.released,
      pageSize,
    );
  }
}

/**
 * The TaskRuns, pods and events the collector joins to PipelineRuns during one collection
 * of one cluster: per run while few runs need them, then one paged list per namespace joined
 * in memory, each list read at most once and only when a run needs it (pods only for runs that
 * fail or wait). What a released run had is dropped, so memory follows the runs in flight.
 */
export class RunEvidenceReader {
  private readonly namespaces = new Map<string, NamespaceReads>();

  constructor(
    private readonly client: ClusterClient,
    private readonly options: {
      pageSize?: number;
      logger: LoggerService;
      /** TaskRuns the caller already has (the watch's); undefined for a run it cannot answer. */
      taskRunsOf?: (run: KubernetesObject) => KubernetesObject[] | undefined;
    },
  ) {}

  private namespace(namespace: string) {
    let reads = this.namespaces.get(namespace);
    if (!reads) {
      reads = new NamespaceReads(
        this.client,
        namespace,
        this.options.logger,
        this.options.pageSize,
      );
      this.namespaces.set(namespace, reads);
    }
    return reads;
  }

  /** The TaskRuns of a run; a failed read throws (the collection fails, nothing is pruned). */
  taskRuns(run: KubernetesObject): Promise<KubernetesObject[]> {
    const known = this.options.taskRunsOf?.(run);
    if (known) return Promise.resolve(known);
    return this.namespace(run.metadata?.namespace ?? '').taskRuns.of(
      run.metadata?.name ?? '',
      childTaskRunNames(run),
    );
  }

  /** The pods of a run's tasks; a failed read throws. */
  pods(run: KubernetesObject): Promise<KubernetesObject[]> {
    return this.namespace(run.metadata?.namespace ?? '').pods.of(
      run.metadata?.name ?? '',
    );
  }

  /**
   * Events about a run's objects (its tasks' pods and TaskRuns, by name), read only when a
   * run needs them: per object while few runs ask, else the namespace's list once, joined in
   * memory. Events that cannot be read are none: the diagnosis works from the rest.
   */
  events(
    run: KubernetesObject,
    objectNames: string[],
  ): Promise<KubernetesObject[]> {
    if (objectNames.length === 0) return Promise.resolve([]);
    return this.namespace(run.metadata?.namespace ?? '').events.about(
      objectNames,
    );
  }

  /**
   * Says which runs are about to be summarized: when many of a namespace's runs will ask,
   * the namespace is listed at once rather than after {@link PER_RUN_LIMIT} single reads.
   * Pods and events are counted only for runs that have not succeeded (the ones they are read for).
   */
  announce(runs: KubernetesObject[]) {
    for (const run of runs) {
      const reads = this.namespace(run.metadata?.namespace ?? '');
      if (!this.options.taskRunsOf?.(run)) reads.taskRuns.announce(1);
      if (succeededStatus(run) !== 'True') {
        reads.pods.announce(1);
        reads.events.announce(1);
      }
    }
  }

  /**
   * Starts reading a namespace's TaskRuns before its runs are listed, for a sync in which
   * every run will need them (nothing stored yet): the first TaskRun page then comes with
   * the first page of runs instead of one round trip after it.
   */
  readTaskRunsOf(namespace: string) {
    this.namespace(namespace).taskRuns.readAll();
  }

  /** Lets go of what was read for a run (summarized, or unchanged and not to be read). */
  release(run: KubernetesObject) {
    const reads = this.namespace(run.metadata?.namespace ?? '');
    const name = run.metadata?.name ?? '';
    reads.released.add(name);
    reads.taskRuns.release(name);
    reads.pods.release(name);
  }
}
