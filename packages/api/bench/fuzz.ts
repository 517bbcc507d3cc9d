/** `npm run fuzz -- --runs N` (default 1000): importer and JSON-body fuzzing, bombs, formula escaping. Exit 1 on any finding. */
import { runFuzz } from '../test/security/fuzz-run.ts';

const i = process.argv.indexOf('--runs');
const runs = i > 0 ? Number(process.argv[i + 1]) : 1000;
const j = process.argv.indexOf('--seed');
const seed = j > 0 ? Number(process.argv[j + 1]) : 4242;
const r = await runFuzz({ runs, seed, log: (s) => console.log(s) });
console.log(JSON.stringify(r, null, 2));
const bad = r.importerUnexpected.length + r.json5xx.length + r.jsonStack.length + (r.pollution ? 1 : 0) + r.bombs.filter((b) => !b.refused || b.ms > 1000).length + (r.formulaEscaped ? 0 : 1);
process.exitCode = bad ? 1 : 0;
