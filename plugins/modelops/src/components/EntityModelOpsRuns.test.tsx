import {
  MODELOPS_RUNS_SIGNAL_CHANNEL,
  PipelineRunSummary,
  RunListItem,
  RunListResponse,
  toRunListItem,
} from '@private-ai/plugin-modelops-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { EntityModelOpsRunsCard } from './EntityModelOpsRunsCard';
import { EntityModelOpsRunsContent } from './EntityModelOpsRunsContent';
import { OPENED_DETAILS_WAIT_MS } from './useOpenRuns';
import {
  demoRunList,
  demoRuns,
  fakeSignals,
  manyRuns,
  render,
} from './__testUtils__/renderRuns';

jest.setTimeout(60_000);

describe('EntityModelOpsRunsCard', () => {
  it('lists the latest runs with the cause of each failure and says which cluster could not be read', async () => {
    await render(<EntityModelOpsRunsCard />, true);
    expect(await screen.findByText('3 runs · 1 running')).toBeInTheDocument();
    expect(
      screen.getByText('A task was denied access to the shared workspace'),
    ).toBeInTheDocument();
    expect(screen.getByText('Succeeded, with a problem')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Cluster prod could not be read \(cluster prod: list pipelineruns: HTTP 401\): its runs are the history as of 2026-11-24 09:30 UTC \(\d+ d ago\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('All runs, logs and diagnoses').closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/mistral-small-24b-instruct/pipeline-runs',
    );
  });
});

describe('EntityModelOpsRunsContent', () => {
  it('opens the newest failure with cause, fix, evidence and the failing step', async () => {
    await render(<EntityModelOpsRunsContent />, true);
    expect(await screen.findByText(/^3 runs matching/)).toBeInTheDocument();
    // The digest-mismatch run is the newest diagnosed one: opened, with the differing digest marked.
    expect(
      await screen.findByText('sha256:222222222222 ≠ built image', {
        exact: false,
      }),
    ).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'run mistral-24b-quantized-p3x9q' }),
    );
    const diagnosis = await screen.findByText(
      'A task was denied access to the shared workspace',
      { selector: '.MuiAlertTitle-root *' },
    );
    expect(diagnosis).toBeInTheDocument();
    expect(
      screen.getByText(
        "cp: cannot open '/workspace/shared/oci/image.tar' for reading: Permission denied",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByLabelText(/push-to-internal: Failed .* step push exit 1/)
        .length,
    ).toBeGreaterThan(0);
  });

  it('shows a bounded log in a dialog and says it was cut', async () => {
    const { modelops } = await render(<EntityModelOpsRunsContent />, true);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'run mistral-24b-quantized-p3x9q',
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'push (exit 1)' }),
    );
    expect(
      await screen.findByText(/Only the last 1024 KiB of this log are shown/),
    ).toBeInTheDocument();
    expect(modelops.getLog).toHaveBeenCalledWith(
      {
        cluster: 'demo-cluster',
        namespace: 'private-ai',
        name: 'mistral-24b-quantized-p3x9q',
      },
      'push-to-internal',
      'push',
    );
  });

  it('offers re-run and cancel only with the permissions', async () => {
    const { modelops } = await render(<EntityModelOpsRunsContent />, true);
    const summary = await screen.findByRole('button', {
      name: 'run mistral-24b-quantized-p3x9q',
    });
    fireEvent.click(summary);
    const accordion = within(
      summary.closest('.MuiAccordion-root') as HTMLElement,
    );
    fireEvent.click(await accordion.findByRole('button', { name: 'Re-run' }));
    await waitFor(() =>
      expect(modelops.rerun).toHaveBeenCalledWith({
        cluster: 'demo-cluster',
        namespace: 'private-ai',
        name: 'mistral-24b-quantized-p3x9q',
      }),
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'run mistral-24b-quantized-r8n4m' }),
    );
    expect(
      await screen.findByRole('button', { name: 'Cancel run' }),
    ).toBeInTheDocument();
  });
});

/** A promise the test settles when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('EntityModelOpsRunsContent while runs change', () => {
  const runButton = (name: string) =>
    screen.getByRole('button', { name: `run ${name}` });

  it('shows the runs only with the details of the failure it opens, so no row moves when they arrive', async () => {
    const detail = deferred<PipelineRunSummary>();
    const getRun = jest.fn(async () => detail.promise);
    await render(<EntityModelOpsRunsContent />, true, { getRun });
    await waitFor(() => expect(getRun).toHaveBeenCalledTimes(1));
    expect(getRun).toHaveBeenCalledWith({
      cluster: 'demo-cluster',
      namespace: 'private-ai',
      name: 'mistral-24b-quantized-d5m2v',
    });
    // Rows shown now would be pushed down by the details (hundreds of pixels) under the pointer.
    expect(screen.queryByRole('button', { name: /^run / })).toBeNull();

    await act(async () => detail.resolve(demoRuns.mismatch));
    const opened = await screen.findByRole('button', {
      name: 'run mistral-24b-quantized-d5m2v',
    });
    expect(opened).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByText('sha256:222222222222 ≠ built image', { exact: false }),
    ).toBeInTheDocument();
    // The open row shows what the tab fetched: no second request.
    expect(getRun).toHaveBeenCalledTimes(1);
  });

  it('shows the runs after one request when the first page carries the details of the failure it opens', async () => {
    const listRuns = jest.fn(async () => ({
      ...demoRunList,
      newestFailure: demoRuns.mismatch,
    }));
    const getRun = jest.fn(async () => demoRuns.mismatch);
    await render(<EntityModelOpsRunsContent />, true, { listRuns, getRun });
    const opened = await screen.findByRole('button', {
      name: 'run mistral-24b-quantized-d5m2v',
    });
    expect(opened).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByText('sha256:222222222222 ≠ built image', { exact: false }),
    ).toBeInTheDocument();
    expect(listRuns).toHaveBeenCalledTimes(1);
    expect(getRun).not.toHaveBeenCalled();
  });

  it('shows the runs anyway when the details of the failure it opens do not come', async () => {
    const getRun = jest.fn(() => new Promise<PipelineRunSummary>(() => {}));
    await render(<EntityModelOpsRunsContent />, true, { getRun });
    await waitFor(() => expect(getRun).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('button', { name: /^run / })).toBeNull();
    const opened = await screen.findByRole(
      'button',
      { name: 'run mistral-24b-quantized-d5m2v' },
      { timeout: OPENED_DETAILS_WAIT_MS + 2000 },
    );
    expect(opened).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByRole('button', { name: 'run mistral-24b-quantized-p3x9q' }),
    ).toBeInTheDocument();
  });

  it('keeps the runs open and the clicked row in place when a signal brings a newer failure during the click', async () => {
    const newFailure = toRunListItem({
      ...demoRuns.failed,
      name: 'mistral-24b-quantized-n3w1f',
      startedAt: '2026-11-25T06:00:00Z',
    });
    const reload = deferred<RunListResponse>();
    const listRuns = jest
      .fn()
      .mockResolvedValueOnce(demoRunList)
      .mockReturnValueOnce(reload.promise);
    const signals = fakeSignals();
    await render(
      <EntityModelOpsRunsContent />,
      true,
      { listRuns },
      signals.api,
    );
    await waitFor(() =>
      expect(runButton('mistral-24b-quantized-d5m2v')).toHaveAttribute(
        'aria-expanded',
        'true',
      ),
    );
    const clicked = runButton('mistral-24b-quantized-p3x9q');

    // The notice arrives and the reload is under way when the user clicks the run.
    await act(async () =>
      signals.emit(MODELOPS_RUNS_SIGNAL_CHANNEL, { type: 'changed' }),
    );
    await waitFor(() => expect(listRuns).toHaveBeenCalledTimes(2));
    fireEvent.click(clicked);
    await act(async () =>
      reload.resolve({
        ...demoRunList,
        items: [newFailure, ...demoRunList.items],
        totalCount: 4,
      }),
    );
    expect(
      await screen.findByRole('button', {
        name: 'run mistral-24b-quantized-n3w1f',
      }),
    ).toHaveAttribute('aria-expanded', 'false');

    // The same element (not a new row in its place), still open, and so is the run opened first.
    expect(clicked.isConnected).toBe(true);
    expect(runButton('mistral-24b-quantized-p3x9q')).toBe(clicked);
    expect(clicked).toHaveAttribute('aria-expanded', 'true');
    expect(runButton('mistral-24b-quantized-d5m2v')).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });
});

describe('EntityModelOpsRunsContent when a diagnosis was made without the logs', () => {
  it('says the cause may change, and shows the new cause when the logs are read (same run version)', async () => {
    const unread: PipelineRunSummary = {
      ...demoRuns.failed,
      resourceVersion: '41',
      diagnosis: {
        code: 'unknown',
        title: 'The run failed for a reason not recognised',
        explanation: 'No known failure pattern matched.',
        remediation:
          "Open the failed step's log (under Logs, or `oc logs -n private-ai run-push-to-internal-pod -c step-push`).",
        evidence: [
          { source: 'termination', task: 'push-to-internal', step: 'push' },
        ],
        logsNotRead: true,
      },
    };
    // The logs read after the sync: the diagnosis is replaced, the run's version stays.
    const read: PipelineRunSummary = {
      ...demoRuns.failed,
      resourceVersion: '41',
    };
    let stored = unread;
    const listRuns = jest.fn(async () => ({
      ...demoRunList,
      items: [toRunListItem(stored)],
      totalCount: 1,
    }));
    const getRun = jest.fn(async () => stored);
    const signals = fakeSignals();
    await render(
      <EntityModelOpsRunsContent />,
      true,
      { listRuns, getRun },
      signals.api,
    );
    const note = await screen.findByRole('note', { name: 'logs not read' });
    expect(note).toHaveTextContent(
      /log has not been read yet \(or could not be read\), so this cause may change/,
    );
    expect(
      screen.getByRole('button', { name: 'run mistral-24b-quantized-p3x9q' }),
    ).toHaveTextContent(
      'The run failed for a reason not recognised (log not read yet; may change)',
    );

    stored = read;
    await act(async () =>
      signals.emit(MODELOPS_RUNS_SIGNAL_CHANNEL, { type: 'changed' }),
    );
    const panel = await screen.findByRole('region', { name: 'diagnosis' });
    await waitFor(() =>
      expect(panel).toHaveTextContent(
        'A task was denied access to the shared workspace',
      ),
    );
    expect(screen.queryByRole('note', { name: 'logs not read' })).toBeNull();
    expect(
      screen.getByRole('button', { name: 'run mistral-24b-quantized-p3x9q' }),
    ).not.toHaveTextContent(/not read yet/);
    expect(getRun).toHaveBeenCalledTimes(2);
  });
});

describe('EntityModelOpsRunsContent with 1,000 runs', () => {
  const all = manyRuns(1000);
  const selector = 'backstage.io/kubernetes-id=mistral-small-24b-instruct';
  /** The backend's paging: pages of `limit` after the run a cursor names, newest first. */
  function pagedApi(runs: () => RunListItem[]) {
    return jest.fn(
      async (
        _entityRef: string,
        options: { limit?: number; cursor?: string } = {},
      ): Promise<RunListResponse> => {
        const list = runs();
        const start = options.cursor
          ? list.findIndex(r => `after:${r.name}` === options.cursor) + 1
          : 0;
        if (options.cursor && start === 0)
          throw new Error(`unknown cursor ${options.cursor}`);
        const items = list.slice(start, start + (options.limit ?? 50));
        const more = start + items.length < list.length;
        return {
          selector,
          items,
          totalCount: list.length,
          clusters: [{ cluster: 'demo-cluster', state: 'ok' }],
          ...(more
            ? { nextCursor: `after:${items[items.length - 1].name}` }
            : {}),
        };
      },
    );
  }
  const scrollTo = (top: number) => {
    const list = screen.getByRole('list', { name: 'Pipeline runs' });
    Object.defineProperty(list, 'scrollTop', {
      configurable: true,
      writable: true,
      value: top,
    });
    fireEvent.scroll(list);
  };
  const mountedRuns = () =>
    screen
      .getAllByRole('button', { name: /^run run-/ })
      .map(b => b.getAttribute('aria-label')!.slice(4));

  it('mounts only the runs in view and reaches the last one page by page, each page requested once', async () => {
    const listRuns = pagedApi(() => all);
    await render(<EntityModelOpsRunsContent />, true, { listRuns });
    expect(
      await screen.findByRole('button', { name: 'run run-0000' }),
    ).toBeInTheDocument();
    expect(mountedRuns().length).toBeLessThan(20);
    for (let page = 1; page < 20; page++) {
      // Scroll to the end of what is loaded: the next page is asked for with the last cursor.
      scrollTo(page * 50 * 72);
      await waitFor(() => expect(listRuns).toHaveBeenCalledTimes(page + 1));
      expect(listRuns).toHaveBeenLastCalledWith(
        'resource:default/mistral-small-24b-instruct',
        {
          limit: 50,
          cursor: `after:run-${String(page * 50 - 1).padStart(4, '0')}`,
        },
      );
    }
    scrollTo(1000 * 72);
    expect(
      await screen.findByRole('button', { name: 'run run-0999' }),
    ).toBeInTheDocument();
    expect(mountedRuns().length).toBeLessThan(20);
    expect(mountedRuns()).not.toContain('run-0000');
    expect(listRuns).toHaveBeenCalledTimes(20);
    expect(screen.queryByText('Loading older runs…')).not.toBeInTheDocument();
  });

  it('keeps the rows in view in place when newer runs arrive above them, and shows them at the top', async () => {
    let current = all;
    const listRuns = pagedApi(() => current);
    const signals = fakeSignals();
    await render(
      <EntityModelOpsRunsContent />,
      true,
      { listRuns },
      signals.api,
    );
    await screen.findByRole('button', { name: 'run run-0000' });
    const list = screen.getByRole('list', { name: 'Pipeline runs' });
    const newer = (prefix: string) =>
      manyRuns(3).map(r => ({ ...r, name: `${prefix}-${r.name}` }));
    const signal = async (calls: number) => {
      await act(async () =>
        signals.emit(MODELOPS_RUNS_SIGNAL_CHANNEL, { type: 'changed' }),
      );
      await waitFor(() => expect(listRuns).toHaveBeenCalledTimes(calls));
    };

    // Reading from run-0010 down: three newer runs start; the list scrolls by their height.
    scrollTo(10 * 72);
    current = [...newer('a'), ...all];
    await signal(2);
    await waitFor(() => expect(list.scrollTop).toBe(13 * 72));
    expect(mountedRuns()).toContain('run-0010');
    expect(mountedRuns()).not.toContain('a-run-0000');

    // At the top of the list, newer runs show where they arrive.
    scrollTo(0);
    current = [...newer('b'), ...current];
    await new Promise(r => setTimeout(r, 1100)); // one reload a second at most
    await signal(3);
    expect(
      await screen.findByRole('button', { name: 'run b-run-0000' }),
    ).toBeInTheDocument();
    expect(list.scrollTop).toBe(0);
  });

  it('reloads only the first page on a signal and keeps the older pages, without duplicates', async () => {
    let current = all;
    const listRuns = pagedApi(() => current);
    const signals = fakeSignals();
    await render(
      <EntityModelOpsRunsContent />,
      true,
      { listRuns },
      signals.api,
    );
    await screen.findByRole('button', { name: 'run run-0000' });
    scrollTo(50 * 72);
    await waitFor(() => expect(listRuns).toHaveBeenCalledTimes(2));
    // Three newer runs start: the first page now ends three runs earlier.
    const newer = manyRuns(3).map(r => ({ ...r, name: `new-${r.name}` }));
    current = [...newer, ...all];
    await act(async () =>
      signals.emit(MODELOPS_RUNS_SIGNAL_CHANNEL, {
        labels: {
          'backstage.io/kubernetes-id': 'mistral-small-24b-instruct',
        },
      }),
    );
    await waitFor(() => expect(listRuns).toHaveBeenCalledTimes(3));
    expect(listRuns).toHaveBeenLastCalledWith(
      'resource:default/mistral-small-24b-instruct',
      { limit: 50 },
    );
    scrollTo(0);
    expect(
      await screen.findByRole('button', { name: 'run new-run-0000' }),
    ).toBeInTheDocument();
    // The runs the refresh pushed out of the first page (run-0047..49) are still there, once.
    scrollTo(46 * 72);
    await waitFor(() => expect(mountedRuns()).toContain('run-0049'));
    expect(new Set(mountedRuns()).size).toBe(mountedRuns().length);
    // Paging on continues after the older page, not from the start.
    scrollTo(103 * 72);
    await waitFor(() => expect(listRuns).toHaveBeenCalledTimes(4));
    expect(listRuns).toHaveBeenLastCalledWith(
      'resource:default/mistral-small-24b-instruct',
      { limit: 50, cursor: 'after:run-0099' },
    );
  });
});
