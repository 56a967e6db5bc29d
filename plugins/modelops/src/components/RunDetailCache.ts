import {
  PipelineRunSummary,
  RunListItem,
  toRunListItem,
} from '@private-ai/plugin-modelops-common';
import { ModelOpsApi } from '../api/ModelOpsApi';

interface Entry {
  version: string;
  promise: Promise<PipelineRunSummary>;
  value?: PipelineRunSummary;
}

const keyOf = (run: RunListItem) =>
  `${run.cluster}/${run.namespace}/${run.name}`;

/**
 * The version of a run's details as its list item tells it: its resource version, and its
 * diagnosis, which the backend replaces without a new resource version when the failed steps'
 * logs are read after a large sync (`logsNotRead` goes away, the cause may change).
 */
export const detailVersion = (run: RunListItem) =>
  JSON.stringify([
    run.resourceVersion ?? null,
    run.diagnosis?.code ?? null,
    run.diagnosis?.title ?? null,
    run.diagnosis?.logsNotRead ?? false,
  ]);

/**
 * The details of the runs opened in one runs tab, by run and version. A virtualised list
 * unmounts an open run scrolled out of view: mounted again, it shows its details at once
 * instead of a progress bar that grows by hundreds of pixels under the user's pointer. The
 * tab also has the details of the run it opens by itself before showing the list, for the same
 * reason: they come with the first page ({@link RunDetailCache.prime}), or are fetched.
 */
export class RunDetailCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly api: Pick<ModelOpsApi, 'getRun'>) {}

  /** The details of this version of the run, if they are already here. */
  peek(run: RunListItem): PipelineRunSummary | undefined {
    const entry = this.entries.get(keyOf(run));
    return entry?.version === detailVersion(run) ? entry?.value : undefined;
  }

  /**
   * Keeps details that came with the list (the first page carries its newest failure's), unless
   * this version of the run is already here.
   */
  prime(value: PipelineRunSummary): void {
    const item = toRunListItem(value);
    const version = detailVersion(item);
    if (this.entries.get(keyOf(item))?.version === version) return;
    this.entries.set(keyOf(item), {
      version,
      promise: Promise.resolve(value),
      value,
    });
  }

  /** The details of this version of the run: one request, however many ask at once. */
  load(run: RunListItem): Promise<PipelineRunSummary> {
    const key = keyOf(run);
    const entry = this.entries.get(key);
    const version = detailVersion(run);
    if (entry && entry.version === version) return entry.promise;
    const created: Entry = {
      version,
      promise: this.api.getRun({
        cluster: run.cluster,
        namespace: run.namespace,
        name: run.name,
      }),
    };
    this.entries.set(key, created);
    created.promise.then(
      value => {
        created.value = value;
      },
      () => {
        // Asked again next time, not answered with the old failure.
        if (this.entries.get(key) === created) this.entries.delete(key);
      },
    );
    return created.promise;
  }
}
