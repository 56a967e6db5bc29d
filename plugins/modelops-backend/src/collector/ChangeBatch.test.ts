import { ChangeBatch } from './ChangeBatch';

describe('ChangeBatch', () => {
  const batch = (
    write: (b: Map<string, string | undefined>) => Promise<void>,
  ) => {
    const errors: string[] = [];
    const changes = new ChangeBatch<string>({
      delayMs: 10,
      retryMs: 10,
      write,
      onError: (error, size) => void errors.push(`${size}: ${error}`),
    });
    return { changes, errors };
  };

  it('writes keys marked close together once, keeping the value a bare mark would lose', async () => {
    const written: Array<[string, string | undefined][]> = [];
    const { changes } = batch(async b => void written.push([...b]));
    changes.mark('ns/a', 'job a');
    changes.mark('ns/b');
    changes.mark('ns/a'); // only its pod changed: the watched job stays
    changes.mark('ns/c', 'job c');
    changes.forget('ns/c'); // deleted meanwhile
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(written).toEqual([
      [
        ['ns/a', 'job a'],
        ['ns/b', undefined],
      ],
    ]);
    await changes.flush();
    expect(written).toHaveLength(1);
  });

  it('keeps a batch whose write failed and writes it again', async () => {
    let attempts = 0;
    const written: string[] = [];
    const { changes, errors } = batch(async b => {
      attempts += 1;
      if (attempts === 1) throw new Error('database away');
      written.push(...b.keys());
    });
    changes.mark('ns/a', 'job a');
    await changes.flush();
    expect(errors).toEqual(['1: Error: database away']);
    expect(written).toEqual([]);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(written).toEqual(['ns/a']);
  });
});
