/**
 * Demand classification learned from the IPC labels of the patents in the database: multinomial naive
 * Bayes over jieba tokens and Chinese character 1–3-grams. A patent with several subclasses counts as one
 * example of each. The IPC Chinese titles of each subclass and its main groups are added as weak extra
 * evidence (weight `ipcPrior`) for subclasses that have patents, so rare subclasses are not guesswork.
 */
import { tokenize } from '../search/search.text.ts';

export type LabelledText = { text: string; labels: readonly string[] };
export type Scored = { code: string; score: number };

/** Features of a text: tokens plus character 1–3-grams of the CJK/alphanumeric runs. */
export function features(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) out.push('w' + t);
  for (const run of text.replace(/^一种/, '').match(/[\u4e00-\u9fa5A-Za-z0-9]+/g) ?? []) {
    for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= run.length; i++) out.push(run.slice(i, i + n));
  }
  return out;
}

export class NaiveBayes {
  private featIds = new Map<string, number>();
  private labels: string[] = [];
  private labelIds = new Map<string, number>();
  private classDocs: number[] = [];
  private classTotal: number[] = [];
  private counts: Map<number, number>[] = [];
  private nDocs = 0;
  constructor(private readonly alpha = 0.1) {}

  get size(): { labels: number; features: number; docs: number } {
    return { labels: this.labels.length, features: this.featIds.size, docs: this.nDocs };
  }

  private labelId(lab: string): number {
    let c = this.labelIds.get(lab);
    if (c === undefined) {
      c = this.labels.length; this.labels.push(lab); this.labelIds.set(lab, c);
      this.classDocs.push(0); this.classTotal.push(0); this.counts.push(new Map());
    }
    return c;
  }

  private addFeatures(c: number, fs: readonly string[], weight: number): void {
    const m = this.counts[c]!;
    for (const f of fs) {
      let id = this.featIds.get(f);
      if (id === undefined) { id = this.featIds.size; this.featIds.set(f, id); }
      m.set(id, (m.get(id) ?? 0) + weight);
      this.classTotal[c]! += weight;
    }
  }

  add(ex: LabelledText): void {
    if (ex.labels.length === 0) return;
    const fs = features(ex.text);
    if (fs.length === 0) return;
    this.nDocs++;
    for (const lab of new Set(ex.labels)) {
      const c = this.labelId(lab);
      this.classDocs[c]!++;
      this.addFeatures(c, fs, 1);
    }
  }

  /** Add the IPC titles of known subclasses as weak evidence. titles: subclass → its and its main groups' titles. */
  addIpcTitles(titles: ReadonlyMap<string, readonly string[]>, weight = 0.3): void {
    for (const [sub, ts] of titles) {
      const c = this.labelIds.get(sub);
      if (c === undefined) continue;
      for (const t of ts) this.addFeatures(c, features(t), weight);
    }
  }

  train(examples: Iterable<LabelledText>): this {
    for (const e of examples) this.add(e);
    return this;
  }

  /** Top-k labels with posterior probabilities (softmax of the log scores over all classes). */
  predict(text: string, k = 5): Scored[] {
    const C = this.labels.length;
    if (C === 0) return [];
    const V = this.featIds.size;
    const ids: number[] = [];
    const seen = new Set<number>();
    for (const f of features(text)) {
      const id = this.featIds.get(f);
      if (id !== undefined && !seen.has(id)) { seen.add(id); ids.push(id); }
    }
    const scores = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      const m = this.counts[c]!;
      const denom = Math.log(this.classTotal[c]! + this.alpha * V);
      let s = Math.log(this.classDocs[c]! / this.nDocs);
      for (const id of ids) s += Math.log((m.get(id) ?? 0) + this.alpha) - denom;
      scores[c] = s;
    }
    let max = -Infinity;
    for (const s of scores) if (s > max) max = s;
    let z = 0;
    for (let c = 0; c < C; c++) z += Math.exp(scores[c]! - max);
    const order = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!).slice(0, k);
    return order.map((c) => ({ code: this.labels[c]!, score: Math.exp(scores[c]! - max) / z }));
  }
}
