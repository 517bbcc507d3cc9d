/**
 * `npm run crash-test -- [--rows 100000] [--kills 100] [--seed 9]`: SIGKILL during an import, N times; prints how many
 * trials ended before / after / partial, and database open failures (targets: partial 0, open failures 0).
 */
import { crashTrials } from '../test/security/crash-harness.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const rows = arg('rows', 100_000), kills = arg('kills', 100), seed = arg('seed', 9);
const t = Date.now();
const r = await crashTrials({ rows, kills, seed, log: (s) => console.log(s) });
console.log(JSON.stringify({ rows, kills, seed, before: r.before, after: r.after, partial: r.partial, openFailures: r.openFailures,
  fullImportMs: r.fullImportMs, startupMs: r.startupMs, maxReopenMs: Math.max(...r.trials.map((x) => x.openMs)), totalSeconds: Math.round((Date.now() - t) / 1000) }, null, 2));
process.exitCode = r.partial === 0 && r.openFailures === 0 ? 0 : 1;
