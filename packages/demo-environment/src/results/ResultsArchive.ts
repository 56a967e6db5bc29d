import { createHash } from 'node:crypto';
import { KubeObject } from '../kubernetes/types';
import { BuiltLog } from '../scenario/tekton/buildPipelineRun';
import { FilterableRecord } from './recordFilter';

/** Record data types as Tekton Results writes them (v1 objects). */
export const RECORD_TYPES = {
  pipelineRun: 'tekton.dev/v1.PipelineRun',
  taskRun: 'tekton.dev/v1.TaskRun',
} as const;

/** A stored record: the wire shape (snake_case, as the API server marshals with proto names) and what filters read. */
export interface ArchivedRecord extends FilterableRecord {
  parent: string;
  result: string;
  wire: {
    name: string;
    id: string;
    uid: string;
    /** `value` (base64 JSON of the object) is made when a record is sent, to keep the archive small. */
    data: { type: string };
    etag: string;
    created_time: string;
    create_time: string;
    updated_time: string;
    update_time: string;
  };
}

/** A stored Result (one per PipelineRun, named by the run's uid, as the Results watcher does). */
export interface ArchivedResult {
  parent: string;
  wire: {
    name: string;
    id: string;
    uid: string;
    create_time: string;
    update_time: string;
    annotations: Record<string, string>;
    etag: string;
    summary: {
      record: string;
      type: string;
      start_time?: string;
      end_time?: string;
      status: 'UNKNOWN' | 'SUCCESS' | 'FAILURE' | 'TIMEOUT' | 'CANCELLED';
      annotations: Record<string, string>;
    };
  };
}

/** A server-assigned identifier, stable for a name (the real server assigns random UUIDs). */
function serverUid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

function summaryStatus(
  run: KubeObject,
): ArchivedResult['wire']['summary']['status'] {
  const status = run.status as
    | {
        conditions?: Array<{ type?: string; status?: string; reason?: string }>;
      }
    | undefined;
  const succeeded = status?.conditions?.find(c => c.type === 'Succeeded');
  if (!succeeded || succeeded.status === 'Unknown') return 'UNKNOWN';
  if (succeeded.status === 'True') return 'SUCCESS';
  if (/timeout/i.test(succeeded.reason ?? '')) return 'TIMEOUT';
  if (/cancel/i.test(succeeded.reason ?? '')) return 'CANCELLED';
  return 'FAILURE';
}

const etagOf = (uid: string, time: string) =>
  `${uid}-${BigInt(Date.parse(time)) * 1_000_000n}`;

/**
 * What a Tekton Results API server holds: Results (one per PipelineRun), their Records (the
 * PipelineRun and its TaskRuns, as base64 JSON) and the TaskRuns' logs. Records keep the
 * `results.tekton.dev/result` and `/record` annotations the Results watcher adds.
 */
export class ResultsArchive {
  readonly results = new Map<string, ArchivedResult>();
  /** In insertion order; listed by create time. */
  readonly records: ArchivedRecord[] = [];
  private readonly recordsByName = new Map<string, ArchivedRecord>();
  /** Log text by TaskRun record name. */
  readonly logs = new Map<string, string>();

  /**
   * Archives a PipelineRun with its TaskRuns, and the TaskRuns' step logs from `logs`
   * (the logs of their pods, steps in order, as the log API returns one text per TaskRun).
   */
  addRun(
    run: KubeObject,
    taskRuns: KubeObject[],
    logs: BuiltLog[] = [],
    options: { updateTime?: string } = {},
  ): void {
    const namespace = run.metadata.namespace ?? 'default';
    const runUid = run.metadata.uid ?? serverUid(run.metadata.name);
    const resultName = `${namespace}/results/${runUid}`;
    const created = run.metadata.creationTimestamp ?? new Date(0).toISOString();
    const finished =
      options.updateTime ??
      (run.status as { completionTime?: string } | undefined)?.completionTime ??
      created;
    const runRecord = this.addRecord(
      namespace,
      resultName,
      run,
      RECORD_TYPES.pipelineRun,
      created,
      finished,
    );
    const resultUid = serverUid(resultName);
    this.results.set(resultName, {
      parent: namespace,
      wire: {
        name: resultName,
        id: resultUid,
        uid: resultUid,
        create_time: created,
        update_time: finished,
        annotations: {},
        etag: etagOf(resultUid, finished),
        summary: {
          record: runRecord.wire.name,
          type: RECORD_TYPES.pipelineRun,
          start_time: (run.status as { startTime?: string } | undefined)
            ?.startTime,
          end_time: (run.status as { completionTime?: string } | undefined)
            ?.completionTime,
          status: summaryStatus(run),
          annotations: {},
        },
      },
    });
    const logsOfPod = new Map<string, BuiltLog[]>();
    for (const log of logs) {
      const key = `${log.namespace}/${log.pod}`;
      logsOfPod.set(key, [...(logsOfPod.get(key) ?? []), log]);
    }
    for (const taskRun of taskRuns) {
      const trCreated = taskRun.metadata.creationTimestamp ?? created;
      const trStatus = taskRun.status as
        | {
            completionTime?: string;
            podName?: string;
            steps?: Array<{ container?: string; name?: string }>;
          }
        | undefined;
      const record = this.addRecord(
        namespace,
        resultName,
        taskRun,
        RECORD_TYPES.taskRun,
        trCreated,
        trStatus?.completionTime ?? trCreated,
      );
      const podLogs = trStatus?.podName
        ? logsOfPod.get(`${namespace}/${trStatus.podName}`)
        : undefined;
      if (podLogs?.length) {
        const order = (trStatus?.steps ?? []).map(
          s => s.container ?? `step-${s.name}`,
        );
        podLogs.sort(
          (a, b) => order.indexOf(a.container) - order.indexOf(b.container),
        );
        this.logs.set(
          record.wire.name,
          podLogs
            .map(l => (l.text.endsWith('\n') ? l.text : `${l.text}\n`))
            .join(''),
        );
      }
    }
  }

  /** Archives every PipelineRun of `objects` with its TaskRuns (joined by the `tekton.dev/pipelineRun` label) and their logs. */
  addObjects(objects: KubeObject[], logs: BuiltLog[] = []): number {
    const taskRunsOf = new Map<string, KubeObject[]>();
    for (const o of objects) {
      if (o.kind !== 'TaskRun') continue;
      const key = `${o.metadata.namespace}/${o.metadata.labels?.['tekton.dev/pipelineRun']}`;
      taskRunsOf.set(key, [...(taskRunsOf.get(key) ?? []), o]);
    }
    const logsOf = new Map<string, BuiltLog[]>();
    for (const log of logs) {
      logsOf.set(log.namespace, [...(logsOf.get(log.namespace) ?? []), log]);
    }
    let added = 0;
    for (const o of objects) {
      if (o.kind !== 'PipelineRun') continue;
      const taskRuns =
        taskRunsOf.get(`${o.metadata.namespace}/${o.metadata.name}`) ?? [];
      const pods = new Set(
        taskRuns.map(
          t => (t.status as { podName?: string } | undefined)?.podName,
        ),
      );
      this.addRun(
        o,
        taskRuns,
        (logsOf.get(o.metadata.namespace ?? '') ?? []).filter(l =>
          pods.has(l.pod),
        ),
      );
      added++;
    }
    return added;
  }

  /** A record as the API sends it, `data.value` being the base64 JSON of the object. */
  static wireOf(record: ArchivedRecord) {
    return {
      ...record.wire,
      data: {
        type: record.dataType,
        value: Buffer.from(JSON.stringify(record.data)).toString('base64'),
      },
    };
  }

  record(name: string): ArchivedRecord | undefined {
    return this.recordsByName.get(name);
  }

  private addRecord(
    parent: string,
    resultName: string,
    object: KubeObject,
    type: string,
    createTime: string,
    updateTime: string,
  ): ArchivedRecord {
    const name = `${resultName}/records/${
      object.metadata.uid ?? serverUid(object.metadata.name)
    }`;
    const data = {
      ...object,
      metadata: {
        ...object.metadata,
        annotations: {
          ...object.metadata.annotations,
          'results.tekton.dev/result': resultName,
          'results.tekton.dev/record': name,
        },
      },
    };
    const uid = serverUid(name);
    const record: ArchivedRecord = {
      parent,
      result: resultName,
      dataType: type,
      data,
      createTime,
      updateTime,
      wire: {
        name,
        id: uid,
        uid,
        data: { type },
        etag: etagOf(uid, updateTime),
        created_time: createTime,
        create_time: createTime,
        updated_time: updateTime,
        update_time: updateTime,
      },
    };
    const previous = this.recordsByName.get(name);
    if (previous) this.records.splice(this.records.indexOf(previous), 1);
    this.records.push(record);
    this.recordsByName.set(name, record);
    return record;
  }
}
