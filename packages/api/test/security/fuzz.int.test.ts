import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz-run.ts';

describe('fuzzing (short run; `npm run fuzz -- --runs N` for more)', () => {
  it('importers and JSON bodies: no unexpected error, no 5xx, no stack trace; bombs refused; formulas escaped', async () => {
    const r = await runFuzz({ runs: 60, seed: 11 });
    expect(r.importerUnexpected).toEqual([]);
    expect(r.json5xx).toEqual([]);
    expect(r.jsonStack).toEqual([]);
    expect(r.pollution).toBe(false);
    expect(r.formulaEscaped).toBe(true);
    const honest = r.bombs.find((b) => b.name.startsWith('zip bomb 1 GB'))!;
    expect(honest.refused).toBe(true);
    expect(honest.ms).toBeLessThan(1000);
    const xml = r.bombs.find((b) => b.name.startsWith('XML entity bomb'))!;
    expect(xml.refused).toBe(true);
    // Known gap (reported): a zip whose headers understate the size is inflated by the streaming reader;
    // memory stays bounded (streamed) but it is not refused. Asserted here so a regression in memory shows.
    const liar = r.bombs.find((b) => b.name.startsWith('zip bomb 200 MB'))!;
    expect(liar.rssGrowthMb).toBeLessThan(256);
  }, 600_000);
});
