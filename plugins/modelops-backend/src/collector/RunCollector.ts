import { LoggerService } from '@backstage/backend-plugin-api';
import {
  attachEvents,
  Diagnosis,
  diagnoseRegistration,
  diagnoseSummary,
  DiagnosisRule,
  FailureCause,
  failureCauseRule,
  interpretPipelineRun,
  isFinalStatus,
  PipelineRunSummary,
  RunChangedSignal,
  StageMap,
  taskStepsRan,
} from '@private-ai/plugin-modelops-common';
import { BackgroundLogReads } from './BackgroundLogReads';
import { FinishedLogTails, finishedContainerKey } from './FinishedLogTails';
import {
  recordClusterFailure,
  recordClusterSuccess,
} from './ClusterWatchHealth';
import { keepEvidence } from './keepEvidence';
import { readAhead } from './readAhead';
import { EventLoopTurns } from './eventLoopTurns';
import { RunEvidenceReader, succeededStatus } from './RunEvidenceReader';
import {
  ClusterClient,
  KubernetesObject,
  ModelRegistryClient,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import { RunStore } from '../database/RunStore';
import { RunSource, RunSourceStats } from './RunSource';
import pLimit from 'p-limit';

/** Runs on the first page of a full sync's list: work starts before a whole page came. */
const FIRST_PAGE_SIZE = 100;

/** Where the collector publishes run changes (the signals service, or a test double). */
export interface RunChangePublisher {
  publish(signal: RunChangedSignal): Promise<void>;
}

/** Options of {@link RunCollector}. */
export interface RunCollectorOptions {
  clusters: ClusterClient[];
  store: RunStore;
  logger: LoggerService;
  /** Namespaces to read; undefined reads all namespaces. */
  namespaces?: string[];
  labelSelector?: string;
  pageSize?: number;
  stageMap?: StageMap;
  /** Code rules from the extension point (tagged `extension:<module>` unless they say). */
  extraRules?: DiagnosisRule[];
  /** The failure-cause knowledge base (`modelops.diagnosis.causes`), tried before every other rule. */
  failureCauses?: FailureCause[];
  registry?: ModelRegistryClient;
  publisher?: RunChangePublisher;
  /** Bytes of each failed step's log read for the diagnosis (`podLog` returns the end of the log). */
  diagnosisLogBytes?: number;
  /**
   * Failed runs of one sync (or watch batch) whose logs are read before they are written
   * (default 20); the logs of the others are read afterwards, in the background.
   */
  inlineLogRuns?: number;
  /** Failed runs of one sync whose logs are read in the background (default 500); past it, none. */
  backgroundLogRuns?: number;
  /** Log reads in flight in the background (default 2). */
  backgroundLogConcurrency?: number;
  /**
   * Characters of failed steps' log ends kept for containers that ended (default 8 Mi), so a
   * failed run that changes again is diagnosed without reading them again.
   */
  finishedLogTailChars?: number;
  now?: () => Date;
}

/** What the caller of {@link RunCollector.summarizeAndStore} already knows of the runs. */
export interface SummarizeOptions {
  /**
   * The TaskRuns of a run as the caller has them (the watch's), or undefined when it cannot
   * say: then they are listed.
   */
  taskRunsOf?: (run: KubernetesObject) => KubernetesObject[] | undefined;
}

/** What one collection did. */
export interface CollectionStats {
  listed: number;
  written: number;
  unchanged: number;
  pruned: number;
  failedClusters: string[];
}

const runKey = (cluster: string, o: KubernetesObject) =>
  `${cluster}/${o.metadata?.namespace}/${o.metadata?.name}`;

/** A failed step's container whose log the diagnosis reads. */
interface LogTarget {
  pod: string;
  container: string;
  /** The container as it ended ({@link finishedContainerKey}); undefined while it runs. */
  finished?: string;
}

/**
 * The failed steps whose logs the diagnosis reads: of failed, timed-out or cancelled tasks
 * (every task when the digests disagree), only where the pod is still listed (a log of a
 * deleted pod cannot be read).
 */
function logTargets(
  summary: PipelineRunSummary,
  pods: Map<string | undefined, KubernetesObject>,
): LogTarget[] {
  const targets: LogTarget[] = [];
  for (const task of summary.tasks) {
    const pod = task.podName ?? task.pod?.name;
    const listed = pods.get(pod);
    if (
      !pod ||
      !listed ||
      (!['Failed', 'TimedOut', 'Cancelled'].includes(task.status) &&
        summary.digests.consistent)
    )
      continue;
    for (const step of task.steps) {
      if (step.status === 'Succeeded' && summary.digests.consistent) continue;
      const container = step.container ?? `step-${step.name}`;
      targets.push({
        pod,
        container,
        finished: finishedContainerKey(listed, container),
      });
    }
  }
  return targets;
}

/**
 * The objects whose events a diagnosis reads: the pod and TaskRun of each task that did not
 * succeed (and was not skipped); the events of a task that succeeded explain no failure.
 */
function eventSubjects(summary: PipelineRunSummary): string[] {
  const names = new Set<string>();
  for (const task of summary.tasks) {
    if (task.status === 'Succeeded' || task.skipped) continue;
    for (const name of [task.podName, task.pod?.name, task.taskRunName])
      if (name) names.add(name);
  }
  return [...names];
}

/** The log reads of one sync or watch batch: how many ran inline, which wait for the write. */
interface BatchLogs {
  inline: number;
  deferred: number;
  /** Queued once the batch is written (a read that finishes first must find the run). */
  later: Array<() => void>;
}

/**
 * Reads PipelineRuns from every cluster, turns the changed ones into summaries with their
 * diagnosis, and writes them to the run history. A run whose resourceVersion is unchanged is
 * not written. A run that disappeared from a successful list is marked pruned, never deleted;
 * a failed list changes nothing but the cluster's status.
 */
export class RunCollector implements RunSource {
  readonly taskId = 'modelops-run-collector';
  readonly description = 'collected runs';
  private readonly rules: DiagnosisRule[];
  private readonly logReads: BackgroundLogReads;
  private readonly finishedLogs: FinishedLogTails;
  /** Shared by every run being summarized: none holds the event loop for long. */
  private readonly turns = new EventLoopTurns();

  constructor(private readonly options: RunCollectorOptions) {
    this.logReads = new BackgroundLogReads(
      options.logger,
      options.backgroundLogConcurrency ?? 2,
    );
    this.finishedLogs = new FinishedLogTails(
      options.finishedLogTailChars ?? 8 * 1024 * 1024,
    );
    this.rules = [
      ...(options.failureCauses ?? []).map(failureCauseRule),
      ...(options.extraRules ?? []).map(rule => ({
        ...rule,
        source: rule.source ?? ('extension:unnamed' as const),
      })),
    ];
  }

  /** Resolves when the failed steps' logs queued so far were read and their diagnoses written. */
  logsRead(): Promise<void> {
    return this.logReads.idle();
  }

  /** A full sync, as a {@link RunSource} pass. */
  async syncOnce(): Promise<RunSourceStats> {
    const { listed, written, pruned, failedClusters } =
      await this.collectOnce();
    return { read: listed, written, pruned, failedClusters };
  }

  async collectOnce(): Promise<CollectionStats> {
    const stats: CollectionStats = {
      listed: 0,
      written: 0,
      unchanged: 0,
      pruned: 0,
      failedClusters: [],
    };
    await Promise.all(
      this.options.clusters.map(async client => {
        const attemptAt = (this.options.now?.() ?? new Date()).toISOString();
        try {
          const result = await this.collectCluster(client, attemptAt);
          stats.listed += result.listed;
          stats.written += result.written;
          stats.unchanged += result.unchanged;
          stats.pruned += result.pruned;
          await recordClusterSuccess(
            this.options.store,
            client.cluster,
            attemptAt,
          );
        } catch (error) {
          stats.failedClusters.push(client.cluster);
          this.options.logger.warn(
            `run collection from cluster ${
              client.cluster
            } failed, history kept as it was: ${
              error instanceof Error ? error.message : String(error)
            }`,
          );
          await recordClusterFailure(
            this.options.store,
            client.cluster,
            error,
            attemptAt,
          );
        }
      }),
    );
    return stats;
  }

  /**
   * Streams the cluster's PipelineRuns page by page: a page's changed runs are summarized and
   * written before the next page is read, an unchanged run costs only its key. Pruning needs
   * the whole list: it runs only after every page came back well-formed (a bad page throws
   * out of `listPages`, and the collection fails with nothing pruned).
   */
  private async collectCluster(client: ClusterClient, seenAt: string) {
    const { store, labelSelector, pageSize } = this.options;
    const namespaces = this.options.namespaces?.length
      ? this.options.namespaces
      : [undefined];
    const stored = await store.versions(client.cluster);
    const reader = new RunEvidenceReader(client, {
      pageSize,
      logger: this.options.logger,
    });
    const logs: BatchLogs = { inline: 0, deferred: 0, later: [] };
    // Nothing stored from this cluster yet: every run will need its TaskRuns.
    if (stored.size === 0)
      for (const namespace of this.options.namespaces ?? [])
        reader.readTaskRunsOf(namespace);
    const present = new Set<string>();
    let listed = 0;
    let written = 0;
    for (const namespace of namespaces) {
      for await (const page of readAhead(
        client.listPages(RESOURCES.pipelineRuns, {
          namespace,
          labelSelector,
          pageSize,
          // Summarizing starts on a first page of 100 runs while the rest is read.
          firstPageSize: FIRST_PAGE_SIZE,
        }),
      )) {
        const changed: KubernetesObject[] = [];
        for (const run of page.items) {
          const key = runKey(client.cluster, run);
          present.add(key);
          const known = stored.get(key);
          // A different uid is a new run under an old name (deleted and recreated).
          if (
            !known ||
            known.pruned ||
            known.uid !== run.metadata?.uid ||
            known.resourceVersion !== run.metadata?.resourceVersion
          )
            changed.push(run);
          else reader.release(run);
        }
        listed += page.items.length;
        const summaries = await this.summarizeWith(
          client,
          reader,
          changed,
          seenAt,
          run => stored.has(runKey(client.cluster, run)),
          logs,
        );
        written += summaries.length;
      }
    }

    const inScope = (key: string) => {
      if (!this.options.namespaces?.length) return true;
      const namespace = key.split('/')[1];
      return this.options.namespaces.includes(namespace);
    };
    const gone = [...stored.entries()]
      .filter(
        ([key, value]) => !value.pruned && !present.has(key) && inScope(key),
      )
      .map(([key]) => {
        const [cluster, namespace, ...name] = key.split('/');
        return { cluster, namespace, name: name.join('/') };
      });
    const pruned = gone.length ? await store.markPruned(gone) : 0;
    return {
      listed,
      written,
      unchanged: listed - written,
      pruned,
    };
  }

  /**
   * Summarizes PipelineRuns known to have changed (with their TaskRuns, and for failing or
   * waiting runs their pods, events and failed steps' logs), writes them to the history and
   * publishes a signal per run. Used by the full sync and by the watch, which hands over the
   * runs it saw change (and the TaskRuns it has, `options.taskRunsOf`, so they are not
   * listed again). Returns the summaries written.
   */
  async summarizeAndStore(
    client: ClusterClient,
    changedRuns: KubernetesObject[],
    seenAt: string,
    options: SummarizeOptions = {},
  ): Promise<PipelineRunSummary[]> {
    const reader = new RunEvidenceReader(client, {
      pageSize: this.options.pageSize,
      logger: this.options.logger,
      taskRunsOf: options.taskRunsOf,
    });
    return this.summarizeWith(client, reader, changedRuns, seenAt, () => true);
  }

  /** `mayBeStored`: false when the run is surely new (no earlier evidence to keep). */
  private async summarizeWith(
    client: ClusterClient,
    reader: RunEvidenceReader,
    changedRuns: KubernetesObject[],
    seenAt: string,
    mayBeStored: (run: KubernetesObject) => boolean,
    batchLogs?: BatchLogs,
  ): Promise<PipelineRunSummary[]> {
    if (changedRuns.length === 0) return [];
    reader.announce(changedRuns);
    const logs = batchLogs ?? { inline: 0, deferred: 0, later: [] };
    const limit = pLimit(8);
    const summaries = await Promise.all(
      changedRuns.map(run =>
        limit(async () => {
          const summary = await this.summarize(
            client,
            run,
            reader,
            mayBeStored(run),
            logs,
          );
          reader.release(run);
          return summary;
        }),
      ),
    );
    await this.options.store.upsert(summaries, seenAt);
    for (const queue of logs.later.splice(0)) queue();
    await this.publish(summaries);
    return summaries;
  }

  private async summarize(
    client: ClusterClient,
    run: KubernetesObject,
    reader: RunEvidenceReader,
    mayBeStored: boolean,
    batchLogs: BatchLogs,
  ): Promise<PipelineRunSummary> {
    const cluster = client.cluster;
    const namespace = run.metadata?.namespace ?? '';
    const taskRuns = await reader.taskRuns(run);
    await this.turns.take();
    // A run that failed needs its pods: read them first and interpret the run once.
    let early: KubernetesObject[] | undefined;
    if (succeededStatus(run) === 'False') {
      early = await reader.pods(run).catch(() => undefined);
    }
    let summary = interpretPipelineRun(run, taskRuns, {
      cluster,
      stageMap: this.options.stageMap,
      ...(early ? { pods: early } : {}),
    });
    const failing =
      isFinalStatus(summary.status) &&
      (summary.status !== 'Succeeded' || !summary.digests.consistent);
    // A task whose pod has not started a step: read its pod and events now, while they
    // exist (Tekton deletes the pod when the task times out; events expire after an hour).
    const waiting =
      !isFinalStatus(summary.status) &&
      summary.tasks.some(
        t =>
          (t.status === 'Running' || t.status === 'Pending') &&
          t.podName !== undefined &&
          !taskStepsRan(t),
      );
    let pods: KubernetesObject[] = [];
    let targets: LogTarget[] = [];
    if (failing || waiting) {
      try {
        pods = early ?? (await reader.pods(run));
        // A pod that is not listed is gone, and its logs with it: no request for them.
        const podsByName = new Map(pods.map(p => [p.metadata?.name, p]));
        if (!early)
          summary = interpretPipelineRun(run, taskRuns, {
            cluster,
            stageMap: this.options.stageMap,
            pods,
          });
        summary = attachEvents(
          summary,
          await reader.events(run, eventSubjects(summary)),
        );
        targets = failing ? logTargets(summary, podsByName) : [];
      } catch (error) {
        this.options.logger.debug(
          `pods of ${namespace}/${run.metadata?.name} on ${cluster} not read: ${error}`,
        );
      }
    }
    if (mayBeStored) summary = await this.withKeptEvidence(summary);
    let logs: Record<string, string> = {};
    let logsNotRead = false;
    if (targets.length > 0) {
      const kept = this.keptLogs(client.cluster, namespace, targets);
      if (kept) {
        logs = kept;
      } else if (batchLogs.inline < (this.options.inlineLogRuns ?? 20)) {
        batchLogs.inline += 1;
        logs = await this.readLogs(client, namespace, targets);
      } else {
        // A large sync writes the run first and reads its logs afterwards.
        logsNotRead = true;
        if (batchLogs.deferred < (this.options.backgroundLogRuns ?? 500)) {
          batchLogs.deferred += 1;
          const written = summary;
          batchLogs.later.push(() =>
            this.logReads.enqueue({
              key: runKey(cluster, run),
              read: () => this.readLogsLater(client, written, targets),
            }),
          );
        }
      }
    }
    await this.turns.take();
    const diagnosis = await this.diagnose(summary, pods, logs);
    return {
      ...summary,
      diagnosis:
        diagnosis && logsNotRead ? { ...diagnosis, logsNotRead } : diagnosis,
    };
  }

  /** Every target's log, when each was read before from the container as it ended. */
  private keptLogs(
    cluster: string,
    namespace: string,
    targets: LogTarget[],
  ): Record<string, string> | undefined {
    const logs: Record<string, string> = {};
    for (const { pod, container, finished } of targets) {
      const kept = finished
        ? this.finishedLogs.get(`${cluster}/${namespace}/${finished}`)
        : undefined;
      if (kept === undefined) return undefined;
      logs[`${pod}/${container}`] = kept;
    }
    return logs;
  }

  /**
   * The ends of the failed steps' logs; a log that cannot be read is left out. The log of a
   * container that ended is read once: read again, it says the same.
   */
  private async readLogs(
    client: ClusterClient,
    namespace: string,
    targets: LogTarget[],
  ): Promise<Record<string, string>> {
    const logs: Record<string, string> = {};
    for (const { pod, container, finished } of targets) {
      const key = finished && `${client.cluster}/${namespace}/${finished}`;
      const kept = key ? this.finishedLogs.get(key) : undefined;
      if (kept !== undefined) {
        logs[`${pod}/${container}`] = kept;
        continue;
      }
      try {
        const text = await client.podLog(namespace, pod, container, {
          limitBytes: this.options.diagnosisLogBytes ?? 64 * 1024,
        });
        logs[`${pod}/${container}`] = text;
        if (key) this.finishedLogs.set(key, text);
      } catch {
        // the pod or its log is gone; the diagnosis works from what is left
      }
    }
    return logs;
  }

  /**
   * Reads the logs of a run written without them and replaces its diagnosis, unless the run
   * changed meanwhile (its newer summary has its own). A log that cannot be read counts as
   * when it is read first: the diagnosis works from what is left, and is no longer marked.
   */
  private async readLogsLater(
    client: ClusterClient,
    written: PipelineRunSummary,
    targets: LogTarget[],
  ): Promise<void> {
    const logs = await this.readLogs(client, written.namespace, targets);
    const diagnosis = await this.diagnose(written, [], logs);
    const key = {
      cluster: written.cluster,
      namespace: written.namespace,
      name: written.name,
    };
    const replaced = await this.options.store.replaceDiagnosis(
      key,
      written.resourceVersion,
      diagnosis,
    );
    if (replaced) await this.publish([replaced]);
  }

  /** The diagnosis of an interpreted run, with the Model Registry's word on evaluations. */
  private async diagnose(
    summary: PipelineRunSummary,
    pods: KubernetesObject[],
    logs: Record<string, string>,
  ): Promise<Diagnosis | undefined> {
    const diagnosis = diagnoseSummary(summary, {
      pods,
      logs,
      extraRules: this.rules,
      onRuleError: (rule, error) =>
        this.options.logger.warn(
          `diagnosis rule ${rule.code} (${
            rule.source ?? 'built-in'
          }) failed on ${summary.namespace}/${summary.name}, skipped: ${error}`,
        ),
    });
    if (
      this.options.registry &&
      summary.kind === 'evaluation' &&
      isFinalStatus(summary.status)
    ) {
      return (await this.checkRegistration(summary)) ?? diagnosis;
    }
    return diagnosis;
  }

  /** The summary with the pod states and events an earlier collection read and this one could not. */
  private async withKeptEvidence(
    summary: PipelineRunSummary,
  ): Promise<PipelineRunSummary> {
    try {
      const previous = await this.options.store.get({
        cluster: summary.cluster,
        namespace: summary.namespace,
        name: summary.name,
      });
      return previous && previous.uid === summary.uid
        ? keepEvidence(previous, summary)
        : summary;
    } catch (error) {
      this.options.logger.warn(
        `history of ${summary.namespace}/${summary.name} not read, earlier evidence not kept: ${error}`,
      );
      return summary;
    }
  }

  private async checkRegistration(summary: PipelineRunSummary) {
    const modelName = summary.keyParams.registeredModelName;
    if (!modelName || !this.options.registry) return undefined;
    try {
      const model = await this.options.registry.findModel(modelName);
      const versions = model
        ? await this.options.registry.versionNames(model.id)
        : [];
      return diagnoseRegistration(summary, {
        modelExists: !!model,
        versionExists:
          model && summary.keyParams.versionName
            ? versions.includes(summary.keyParams.versionName)
            : undefined,
        knownVersions: versions,
      });
    } catch (error) {
      this.options.logger.warn(
        `Model Registry check of ${summary.namespace}/${summary.name} failed: ${error}`,
      );
      return undefined;
    }
  }

  private async publish(summaries: PipelineRunSummary[]) {
    if (!this.options.publisher) return;
    for (const s of summaries) {
      try {
        await this.options.publisher.publish({
          cluster: s.cluster,
          namespace: s.namespace,
          name: s.name,
          status: s.status,
          labels: s.labels,
        });
      } catch (error) {
        this.options.logger.debug(`signal for ${s.name} not sent: ${error}`);
      }
    }
  }
}
