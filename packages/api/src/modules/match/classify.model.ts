/**
 * Demand classification learned from the IPC labels of the patents in the database: a multinomial
 * naive Bayes over jieba tokens and Chinese character bigrams (a patent with several subclasses counts
 * as one training example for each). Compact: feature ids, per-class sparse counts.
 */
import { charBigrams, tokenize, WEAK_TERMS } from '../search/search.text.ts';

export type LabelledText = { text: string; labels: readonly string[] };
export type Scored = { code: string; score: number };

/** Features of a text: tokens (weak generic words dropped) plus character bigrams, prefixed to keep apart. */
export function features(text: string): string[] {
  const toks = tokenize(text).filter((t) => !WEAK_TERMS.has(t));
  return [...toks.map((t) => 'w:' + t), ...charBigrams(text).map((b) => 'c:' + b)];
}

export class NaiveBayes {
  private featIds = new Map<string, number>();
  private labels: string[] = [];
  private labelIds = new Map<string, number>();
  private classDocs: number[] = [];
  private classTotal: number[] = [];
  private counts: Map<number, number>[] = [];
  private docFreq: number[] = [];
  private nDocs = 0;
  constructor(private readonly alpha = 0.1) {}

  get size(): { labels: number; features: number; docs: number } {
    return { labels: this.labels.length, features: this.featIds.size, docs: this.nDocs };
  }

  add(ex: LabelledText): void {
    const fs = features(ex.text);
    if (fs.length === 0 || ex.labels.length === 0) return;
    this.nDocs++;
    const ids = new Map<number, number>();
    for (const f of fs) {
      let id = this.featIds.get(f);
      if (id === undefined) { id = this.featIds.size; this.featIds.set(f, id); this.docFreq.push(0); }
      ids.set(id, (ids.get(id) ?? 0) + 1);
    }
    for (const id of ids.keys()) this.docFreq[id]!++;
    for (const lab of new Set(ex.labels)) {
      let c = this.labelIds.get(lab);
      if (c === undefined) {
        c = this.labels.length; this.labels.push(lab); this.labelIds.set(lab, c);
        this.classDocs.push(0); this.classTotal.push(0); this.counts.push(new Map());
      }
      this.classDocs[c]!++;
      const m = this.counts[c]!;
      for (const [id, n] of ids) {
        const w = 1 + Math.log(n); // sub-linear tf
        m.set(id, (m.get(id) ?? 0) + w);
        this.classTotal[c]! += w;
      }
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
    const ids = new Map<number, number>();
    for (const f of features(text)) {
      const id = this.featIds.get(f);
      if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
    }
    const logN = Math.log(this.nDocs);
    const scores = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      const m = this.counts[c]!;
      const denom = Math.log(this.classTotal[c]! + this.alpha * V);
      let s = Math.log(this.classDocs[c]!) - logN;
      for (const [id, n] of ids) {
        const idf = Math.log(this.nDocs / this.docFreq[id]!);
        s += n * idf * (Math.log((m.get(id) ?? 0) + this.alpha) - denom);
      }
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
