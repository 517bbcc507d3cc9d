import fs from 'node:fs';
import { tokenize } from './src/modules/search/search.text.ts';
const rows = fs.readFileSync('/work/main/reference/demo/cn_patents_title_ipc_demo_8740.csv', 'utf8').trim().split('\n').slice(1).map((l) => {
  const p = l.split(','); return { text: p.slice(2, -1).join(','), labels: p[p.length - 1]!.split('|') };
});
const useIpc = process.argv[2] === '1'; const epochs = Number(process.argv[3] ?? 8); const nmax = Number(process.argv[4] ?? 3);
function feats(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) out.push('w' + t);
  for (const run of text.match(/[\u4e00-\u9fa5A-Za-z0-9]+/g) ?? []) for (let n = 1; n <= nmax; n++) for (let i = 0; i + n <= run.length; i++) out.push(run.slice(i, i + n));
  return out;
}
// ipc pseudo docs: subclass title + its main-group titles
const ipcDocs: { text: string; labels: string[] }[] = [];
if (useIpc) {
  const by = new Map<string, string[]>();
  for (const l of fs.readFileSync('/work/main/reference/ipc_zh_2026.01.csv', 'utf8').split('\n').slice(1)) {
    const p = l.split(','); if (p.length < 4) continue; const code = p[0]!, level = p[1]!; const title = p.slice(2, -1).join(',');
    if (level === 'subclass' || level === 'main_group') { const s = code.slice(0, 4); if (!by.has(s)) by.set(s, []); by.get(s)!.push(title); }
  }
  for (const [s, ts] of by) for (const t of ts) ipcDocs.push({ text: t, labels: [s] });
}
const F = rows.map((r) => feats(r.text));
const IF = ipcDocs.map((r) => feats(r.text));
const K = 5; let top1 = 0, top3 = 0;
const t0 = performance.now();
for (let f = 0; f < K; f++) {
  const tr = rows.map((_, i) => i).filter((i) => i % K !== f);
  const df = new Map<string, number>();
  for (const i of tr) for (const t of new Set(F[i])) df.set(t, (df.get(t) ?? 0) + 1);
  const N = tr.length;
  const fid = new Map<string, number>(); for (const t of df.keys()) fid.set(t, fid.size);
  const vec = (fs: string[]): [Int32Array, Float32Array] => { const m = new Map<number, number>(); for (const t of fs) { const id = fid.get(t); if (id !== undefined) m.set(id, (m.get(id) ?? 0) + 1); }
    const ids = Int32Array.from(m.keys()); const w = new Float32Array(ids.length); let n = 0;
    ids.forEach((id, j) => { const c = m.get(id)!; w[j] = 1 + Math.log(c); });
    // proper idf
    return [ids, w]; };
  const idf = new Float32Array(fid.size); for (const [t, id] of fid) idf[id] = Math.log(1 + N / df.get(t)!);
  const vec2 = (fs: string[]) => { const [ids, w] = vec(fs); let n = 0; for (let j = 0; j < ids.length; j++) { w[j]! *= idf[ids[j]!]!; n += w[j]! ** 2; } n = Math.sqrt(n) || 1; for (let j = 0; j < w.length; j++) w[j]! /= n; return [ids, w] as const; };
  const labs = new Map<string, number>(); for (const i of tr) for (const l of rows[i]!.labels) if (!labs.has(l)) labs.set(l, labs.size);
  const ex: { v: readonly [Int32Array, Float32Array]; y: number[] }[] = tr.map((i) => ({ v: vec2(F[i]!), y: rows[i]!.labels.map((l) => labs.get(l)!) }));
  for (const [j, d] of ipcDocs.entries()) { const y = labs.get(d.labels[0]!); if (y !== undefined) ex.push({ v: vec2(IF[j]!), y: [y] }); }
  const C = labs.size, V = fid.size; const W = new Float32Array(C * V); const b = new Float32Array(C);
  const s = new Float32Array(C);
  let lr = 1.0;
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = ex.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [ex[i], ex[j]] = [ex[j]!, ex[i]!]; }
    for (const e of ex) {
      const [ids, w] = e.v; let max = -Infinity;
      for (let c = 0; c < C; c++) { let z = b[c]!; const o = c * V; for (let j = 0; j < ids.length; j++) z += W[o + ids[j]!]! * w[j]!; s[c] = z; if (z > max) max = z; }
      let Z = 0; for (let c = 0; c < C; c++) { s[c] = Math.exp(s[c]! - max); Z += s[c]!; }
      const t = 1 / e.y.length;
      for (let c = 0; c < C; c++) { let g = s[c]! / Z - (e.y.includes(c) ? t : 0); if (Math.abs(g) < 1e-4) continue; g *= lr; const o = c * V; for (let j = 0; j < ids.length; j++) W[o + ids[j]!]! -= g * w[j]!; b[c]! -= g * 0.1; }
    }
    lr *= 0.7;
  }
  const names = [...labs.keys()];
  for (const [i, r] of rows.entries()) { if (i % K !== f) continue;
    const [ids, w] = vec2(F[i]!);
    for (let c = 0; c < C; c++) { let z = b[c]!; const o = c * V; for (let j = 0; j < ids.length; j++) z += W[o + ids[j]!]! * w[j]!; s[c] = z; }
    const p = [...s.keys()].sort((a, c) => s[c]! - s[a]!).slice(0, 3).map((c) => names[c]!);
    if (r.labels.includes(p[0]!)) top1++; if (p.some((c) => r.labels.includes(c))) top3++;
  }
  if (f === 0) console.log('fold0 ms', performance.now() - t0);
}
console.log({ useIpc, epochs, nmax, top1: top1 / rows.length, top3: top3 / rows.length, ms: performance.now() - t0 });
