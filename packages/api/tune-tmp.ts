import { NaiveBayes } from './src/modules/match/classify.model.ts';
import { readDemoTitles } from './src/modules/demo/demo.patents.ts';
import fs from 'node:fs';
const rows = readDemoTitles().map((r) => ({ text: r.title, labels: r.ipcSubclasses.map((c) => c.slice(0, 4)) })).filter((r) => r.labels.length);
const m = new Map<string, string[]>();
for (const line of fs.readFileSync('/work/main/reference/ipc_zh_2026.01.csv', 'utf8').split('\n').slice(1)) { const p = line.split(','); if (p.length < 4 || (p[1] !== 'subclass' && p[1] !== 'main_group')) continue; const s = p[0]!.slice(0, 4); const t = p.slice(2, -1).join(','); const l = m.get(s); if (l) l.push(t); else m.set(s, [t]); }
const train = rows.filter((_, i) => i % 5 !== 0), test = rows.filter((_, i) => i % 5 === 0);
for (const [a, w] of [[0.01, 1.0], [0.02, 0.5], [0.02, 2.0], [0.005, 1.0]] as const) {
  const nb = new NaiveBayes(a).train(train); nb.addIpcTitles(m, w);
  let a1 = 0; for (const r of test) { const p = nb.predict(r.text, 1); if (r.labels.includes(p[0]!.code)) a1++; }
  console.log(a, w, (100 * a1 / test.length).toFixed(1));
}
