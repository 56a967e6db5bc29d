import { readAhead } from './readAhead';

describe('readAhead', () => {
  it('asks for the next item while the caller works on the current one', async () => {
    const asked: number[] = [];
    async function* pages() {
      for (let page = 1; page <= 3; page++) {
        asked.push(page);
        yield page;
      }
    }
    const seen: Array<{ page: number; asked: number[] }> = [];
    for await (const page of readAhead(pages())) {
      await new Promise(resolve => setTimeout(resolve, 5));
      seen.push({ page, asked: [...asked] });
    }
    expect(seen).toEqual([
      { page: 1, asked: [1, 2] },
      { page: 2, asked: [1, 2, 3] },
      { page: 3, asked: [1, 2, 3] },
    ]);
  });

  it('hands over the pages before a failed one, then the failure', async () => {
    async function* pages() {
      yield 1;
      throw new Error('page 2: HTTP 500');
    }
    const seen: number[] = [];
    await expect(async () => {
      for await (const page of readAhead(pages())) {
        await new Promise(resolve => setTimeout(resolve, 5));
        seen.push(page);
      }
    }).rejects.toThrow('page 2: HTTP 500');
    expect(seen).toEqual([1]);
  });
});
