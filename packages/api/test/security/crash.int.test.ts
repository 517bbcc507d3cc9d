import { describe, expect, it } from 'vitest';
import { crashTrials } from './crash-harness.ts';

describe('crash safety (short run; the 100-kill run is `npm run crash-test`)', () => {
  it('an import killed with SIGKILL leaves all rows or none, and the database reopens', async () => {
    const r = await crashTrials({ rows: 3000, kills: 3, seed: 7, log: (s) => console.info(`[crash] ${s}`) });
    expect(r.trials).toHaveLength(3);
    expect(r.openFailures).toBe(0);
    expect(r.partial).toBe(0);
    expect(r.before + r.after).toBe(3);
  }, 600_000);
});
