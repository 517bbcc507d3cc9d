import fs from 'node:fs';
import { features } from './src/modules/match/classify.model.ts';
const rows = fs.readFileSync('/work/main/reference/demo/cn_patents_title_ipc_demo_8740.csv', 'utf8').trim().split('\n').slice(1).map((l) => {
  const p = l.split(','); return { text: p.slice(2, -1).join(','), labels: p[p.length - 1]!.split('|') };
});
const feats = rows.map((r) => features(r.text));
const K = 5;
const kk = Number(process.argv[2] ?? 20); const pw = Number(process.argv[3] ?? 1);
let top1 = 0, top3 = 0;
for (let f = 0; f < K; f++) {
  const train = rows.map((_, i) => i).filter((i) => i % K !== f);
  const df = new Map<string, number>();
  for (const i of train) for (const t of new Set(feats[i])) df.set(t, (df.get(t) ?? 0) + 1);
  const N = train.length;
  const vec = (fs: string[]) => { const m = new Map<string, number>(); for (const t of fs) m.set(t, (m.get(t) ?? 0) + 1);
    const v = new Map<string, number>(); let n = 0; for (const [t, c] of m) { const d = df.get(t); if (!d) continue; const w = (1 + Math.log(c)) * Math.log(1 + N / d); v.set(t, w); n += w * w; }
    n = Math.sqrt(n) || 1; for (const [t, w] of v) v.set(t, w / n); return v; };
  const post = new Map<string, Array<[number, number]>>();
  for (const i of train) for (const [t, w] of vec(feats[i]!)) { let l = post.get(t); if (!l) post.set(t, l = []); l.push([i, w]); }
  for (const [i, r] of rows.entries()) { if (i % K !== f) continue;
    const q = vec(feats[i]!); const sim = new Map<number, number>();
    for (const [t, w] of q) for (const [d, dw] of post.get(t) ?? []) sim.set(d, (sim.get(d) ?? 0) + w * dw);
    const nn = [...sim].sort((a, b) => b[1] - a[1]).slice(0, kk);
    const votes = new Map<string, number>();
    for (const [d, s] of nn) for (const l of rows[d]!.labels) votes.set(l, (votes.get(l) ?? 0) + s ** pw);
    const p = [...votes].sort((a, b) => b[1] - a[1]).slice(0, 3).map((x) => x[0]);
    if (r.labels.includes(p[0]!)) top1++; if (p.some((c) => r.labels.includes(c))) top3++;
  }
}
console.log({ kk, pw, top1: top1 / rows.length, top3: top3 / rows.length });
