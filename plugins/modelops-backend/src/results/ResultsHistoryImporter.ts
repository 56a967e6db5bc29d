import { LoggerService } from '@backstage/backend-plugin-api';
import {
  diagnosePipelineRun,
  DiagnosisRule,
  FailureCause,
  failureCauseRule,
  interpretPipelineRun,
  LabelSelector,
  matchesLabelSelector,
  PipelineRunSummary,
  StageMap,
} from '@private-ai/plugin-modelops-common';
import {
  KubernetesObject,
  recordFilter,
  ResultsRecord,
  TektonResultsClient,
} from '@private-ai/plugin-modelops-node';
import pLimit from 'p-limit';
import { RunStore } from '../database/RunStore';
import { RunSource, RunSourceStats } from '../collector/RunSource';
import { ResultsWatermarkStore } from './ResultsWatermarkStore';

/** Options of {@link ResultsHistoryImporter}. */
export interface ResultsHistoryImporterOptions {
  sources: TektonResultsClient[];
  store: RunStore;
  watermarks: ResultsWatermarkStore;
  logger: LoggerService;
  /** The collector's scope: runs outside it are not imported either. */
  namespaces?: string[];
  labelSelector?: LabelSelector;
  stageMap?: StageMap;
  extraRules?: DiagnosisRule[];
  failureCauses?: FailureCause[];
  /** Bytes of each failed TaskRun's log read for the diagnosis. */
  diagnosisLogBytes?: number;
  now?: () => Date;
}

/** What one import did. */
export interface ResultsImportStats {
  /** PipelineRun records read. */
  read: number;
  /** Runs written as pruned history. */
  written: number;
  /** Records skipped: the live collector has the run, or the store has it at least as new. */
  skipped: number;
  failedClusters: string[];
}

type Run = KubernetesObject & { status?: { completionTime?: string } };

const keyOf = (cluster: string, run: KubernetesObject) =>
  `${cluster}/${run.metadata?.namespace}/${run.metadata?.name}`;

/** `<parent>/results/<result>` of a record name. */
const resultOf = (recordName: string) => recordName.split('/')[2];

/**
 * Fills the run history from Tekton Results, the archive OpenShift Pipelines keeps of runs
 * after they are pruned from the cluster: pages through PipelineRun records updated since the
 * last import (a watermark per cluster in the database), reads each run's TaskRun records and
 * the logs of failed TaskRuns, interprets and diagnoses them as the collector does, and writes
 * them as pruned history. The live cluster stays the source of truth: a run the collector
 * sees, or one stored at a newer resourceVersion, is never overwritten.
 */
export class ResultsHistoryImporter implements RunSource {
  readonly taskId = 'modelops-results-import';
  readonly description = 'imported run history from Tekton Results';
  private readonly rules: DiagnosisRule[];

  constructor(private readonly options: ResultsHistoryImporterOptions) {
    this.rules = [
      ...(options.failureCauses ?? []).map(failureCauseRule),
      ...(options.extraRules ?? []).map(rule => ({
        ...rule,
        source: rule.source ?? ('extension:unnamed' as const),
      })),
    ];
  }

  /** One import, as a {@link RunSource} pass (records read; it never prunes). */
  async syncOnce(): Promise<RunSourceStats> {
    const { read, written, failedClusters } = await this.importOnce();
    return { read, written, pruned: 0, failedClusters };
  }

  async importOnce(): Promise<ResultsImportStats> {
    const stats: ResultsImportStats = {
      read: 0,
      written: 0,
      skipped: 0,
      failedClusters: [],
    };
    for (const source of this.options.sources) {
      try {
        const result = await this.importCluster(source);
        stats.read += result.read;
        stats.written += result.written;
        stats.skipped += result.skipped;
      } catch (error) {
        stats.failedClusters.push(source.cluster);
        this.options.logger.warn(
          `history import from the Tekton Results of ${source.cluster} failed, resumes from its last watermark: ${error}`,
        );
      }
    }
    return stats;
  }

  private async importCluster(client: TektonResultsClient) {
    const { store, watermarks } = this.options;
    const cluster = client.cluster;
    const since = await watermarks.get(cluster);
    const stored = await store.versions(cluster);
    // Without a watermark (an empty history) most runs are new: read every TaskRun record in
    // pages once and join them in memory, instead of one request per run.
    const bulkTaskRuns =
      since === undefined ? await this.allTaskRuns(client) : undefined;
    let read = 0;
    let written = 0;
    let skipped = 0;
    let watermark = since;
    for await (const page of client.listRecords({
      filter: recordFilter({ type: 'pipelineRun', updatedSince: since }),
      orderBy: 'update_time asc',
    })) {
      read += page.length;
      const wanted = page.filter(record =>
        this.wanted(cluster, record, stored),
      );
      skipped += page.length - wanted.length;
      const limit = pLimit(8);
      const summaries = await Promise.all(
        wanted.map(record =>
          limit(() =>
            this.summarize(client, record as ResultsRecord<Run>, bulkTaskRuns),
          ),
        ),
      );
      const seenAt = (this.options.now?.() ?? new Date()).toISOString();
      const done = await store.upsertArchived(summaries, seenAt);
      written += done.length;
      skipped += summaries.length - done.length;
      const last = page[page.length - 1]?.updateTime;
      if (last && (!watermark || Date.parse(last) > Date.parse(watermark))) {
        watermark = last;
        // Kept per page: an import stopped halfway resumes here, not from the start.
        await watermarks.set(cluster, watermark, seenAt);
      }
    }
    return { read, written, skipped };
  }

  /** In the collector's scope, and not a run the store has live or at least as new. */
  private wanted(
    cluster: string,
    record: ResultsRecord,
    stored: Map<
      string,
      { uid?: string; resourceVersion?: string; pruned: boolean }
    >,
  ): boolean {
    const run = record.data as Run;
    const meta = run.metadata;
    if (!meta?.name || !meta.namespace) return false;
    if (
      this.options.namespaces &&
      !this.options.namespaces.includes(meta.namespace)
    )
      return false;
    if (
      this.options.labelSelector &&
      !matchesLabelSelector(this.options.labelSelector, meta.labels)
    )
      return false;
    const known = stored.get(keyOf(cluster, run));
    if (!known) return true;
    if (!known.pruned) return false;
    return (
      known.uid !== meta.uid || known.resourceVersion !== meta.resourceVersion
    );
  }

  /** Every TaskRun record of the archive, by `<namespace>/<result>`. */
  private async allTaskRuns(client: TektonResultsClient) {
    const byResult = new Map<string, ResultsRecord[]>();
    for await (const page of client.listRecords({
      filter: recordFilter({ type: 'taskRun' }),
    })) {
      for (const record of page) {
        const key = record.name.split('/records/')[0];
        byResult.set(key, [...(byResult.get(key) ?? []), record]);
      }
    }
    return byResult;
  }

  private async summarize(
    client: TektonResultsClient,
    record: ResultsRecord<Run>,
    bulkTaskRuns?: Map<string, ResultsRecord[]>,
  ): Promise<PipelineRunSummary> {
    const run = record.data;
    const cluster = client.cluster;
    const resultName = record.name.split('/records/')[0];
    const taskRunRecords =
      bulkTaskRuns?.get(resultName) ??
      (await client.allRecords({
        parent: record.name.split('/')[0],
        result: resultOf(record.name),
        filter: recordFilter({
          type: 'taskRun',
          labels: { 'tekton.dev/pipelineRun': run.metadata?.name ?? '' },
        }),
      }));
    const taskRuns = taskRunRecords.map(r => r.data as KubernetesObject);
    const summary = interpretPipelineRun(run, taskRuns, {
      cluster,
      stageMap: this.options.stageMap,
    });
    // The archive keeps one log per TaskRun (its steps in order), so the failed step, the
    // last one that ran, ends it: the end of that log is the failed step's evidence.
    const logs: Record<string, string> = {};
    for (const task of summary.tasks) {
      if (!['Failed', 'TimedOut'].includes(task.status)) continue;
      const taskRecord = taskRunRecords.find(
        r => (r.data as KubernetesObject).metadata?.name === task.taskRunName,
      );
      const step =
        task.steps.find(s => s.status !== 'Succeeded') ??
        task.steps[task.steps.length - 1];
      const podName = task.podName ?? task.pod?.name;
      if (!taskRecord || !step || !podName) continue;
      try {
        const tail = await client.logTail(
          taskRecord.name,
          this.options.diagnosisLogBytes ?? 64 * 1024,
        );
        logs[`${podName}/${step.container ?? `step-${step.name}`}`] = tail.text;
      } catch (error) {
        this.options.logger.debug(
          `log of ${taskRecord.name} not read from Tekton Results, the diagnosis works without it: ${error}`,
        );
      }
    }
    const diagnosis = diagnosePipelineRun(run, taskRuns, [], {
      summary,
      logs,
      extraRules: this.rules,
      onRuleError: (rule, error) =>
        this.options.logger.warn(
          `diagnosis rule ${rule.code} (${
            rule.source ?? 'built-in'
          }) failed on ${run.metadata?.namespace}/${
            run.metadata?.name
          }, skipped: ${error}`,
        ),
    });
    return { ...summary, diagnosis, historySource: 'results' };
  }
}
