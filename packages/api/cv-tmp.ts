import fs from 'node:fs';
import { NaiveBayes } from './src/modules/match/classify.model.ts';
const rows = fs.readFileSync('/work/main/reference/demo/cn_patents_title_ipc_demo_8740.csv', 'utf8').trim().split('\n').slice(1).map((l) => {
  const p = l.split(','); return { text: p.slice(2, -1).join(','), labels: p[p.length - 1]!.split('|') };
});
const alpha = Number(process.argv[2] ?? 0.1);
const K = 5; let top1 = 0, top3 = 0, strict1 = 0;
const t0 = performance.now();
for (let f = 0; f < K; f++) {
  const nb = new NaiveBayes(alpha).train(rows.filter((_, i) => i % K !== f));
  for (const [i, r] of rows.entries()) { if (i % K !== f) continue;
    const p = nb.predict(r.text, 3).map((x) => x.code);
    if (r.labels.includes(p[0]!)) top1++; if (p.some((c) => r.labels.includes(c))) top3++;
  }
}
console.log({ alpha, top1: top1 / rows.length, top3: top3 / rows.length, ms: performance.now() - t0 });
