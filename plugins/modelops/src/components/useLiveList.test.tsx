import { signalApiRef, SignalApi } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import { LIVE_RELOAD_MIN_INTERVAL_MS, useLiveList } from './useLiveList';

/** A signal API whose notices the test sends, as the signals client hands them over. */
function controllableSignals() {
  const listeners = new Map<string, Set<(message: any) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(onMessage);
      return { unsubscribe: () => listeners.get(channel)!.delete(onMessage) };
    },
  };
  const notify = (channel: string) =>
    act(() => {
      listeners.get(channel)?.forEach(l => l({ type: 'changed' }));
    });
  return { api, notify };
}

function LiveCount(props: { load: () => Promise<any> }) {
  const state = useLiveList({
    load: props.load,
    deps: [],
    channel: 'modelops:runs',
    isActive: () => false,
    pollSeconds: 10,
  });
  return <div>{state.value ? `loaded ${state.value.items.length}` : '…'}</div>;
}

async function render() {
  const signals = controllableSignals();
  let loads = 0;
  const load = jest.fn(async () => {
    loads += 1;
    return { selector: 'app=x', items: new Array(loads).fill(0) };
  });
  await renderInTestApp(
    <TestApiProvider apis={[[signalApiRef, signals.api]]}>
      <LiveCount load={load} />
    </TestApiProvider>,
  );
  await screen.findByText('loaded 1');
  return { load, notify: signals.notify };
}

describe('useLiveList', () => {
  it('reloads its list once on a change notice', async () => {
    const { load, notify } = await render();
    notify('modelops:runs');
    expect(await screen.findByText('loaded 2')).toBeInTheDocument();
    await new Promise(r => setTimeout(r, LIVE_RELOAD_MIN_INTERVAL_MS + 200));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('ignores notices on other channels', async () => {
    const { load, notify } = await render();
    notify('modelops:validations');
    await new Promise(r => setTimeout(r, 200));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('turns a burst of notices into one reload, and the next burst into one more after the interval', async () => {
    const { load, notify } = await render();
    for (let i = 0; i < 5; i++) notify('modelops:runs');
    await screen.findByText('loaded 2');
    const startedSecond = Date.now();
    for (let i = 0; i < 5; i++) notify('modelops:runs');
    await screen.findByText('loaded 3', undefined, { timeout: 3000 });
    expect(Date.now() - startedSecond).toBeGreaterThanOrEqual(
      LIVE_RELOAD_MIN_INTERVAL_MS - 300,
    );
    await new Promise(r => setTimeout(r, LIVE_RELOAD_MIN_INTERVAL_MS + 200));
    await waitFor(() => expect(load).toHaveBeenCalledTimes(3));
  });
});
