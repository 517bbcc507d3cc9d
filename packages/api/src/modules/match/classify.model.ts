/**
 * Demand classification learned from the IPC labels of the patents in the database: multinomial naive
 * Bayes over jieba tokens and Chinese character 1–2-grams (NGRAM_MAX; 2 measured best on the demo titles), ensembled with
 * a nearest-centroid score (cosine on class-idf-weighted features, scaled by the number of features so it keeps
 * pace with the naive-Bayes log score). Both parts share one inverted index, so prediction stays one pass over
 * the text's postings. A patent with several subclasses counts as one example of each. The IPC Chinese titles of each subclass and its main groups are added as weak extra
 * evidence (weight `ipcPrior`) for subclasses that have patents, so rare subclasses are not guesswork.
 */
import { tokenize } from '../search/search.text.ts';

export type LabelledText = { text: string; labels: readonly string[] };
export type Scored = { code: string; score: number };

/** Features of a text: tokens plus character 1–NGRAM_MAX-grams of the CJK/alphanumeric runs. */
/** Longest character n-gram used as a feature. */
export const NGRAM_MAX = { n: 2 };

export function features(text: string, tokens?: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens ?? tokenize(text)) out.push('w' + t);
  for (const run of text.replace(/^一种/, '').match(/[\u4e00-\u9fa5A-Za-z0-9]+/g) ?? []) {
    for (let n = 1; n <= NGRAM_MAX.n; n++) for (let i = 0; i + n <= run.length; i++) out.push(run.slice(i, i + n));
  }
  return out;
}

/**
 * Defaults used by the server. They were picked during development from cross-validation on the demo titles
 * (so they are NOT an unbiased estimate); `npm run eval:match` does not use them: it re-chooses alpha and
 * centroidWeight inside each training fold by an inner validation split (nested CV) from HYPER_GRID.
 */
export const DEFAULT_ALPHA = 0.5;
export const DEFAULT_CENTROID_WEIGHT = 16;
/** Grid searched by the nested cross-validation of the eval (fixed a priori, wide on purpose). */
export const HYPER_GRID = { alpha: [0.02, 0.05, 0.2, 0.5, 1], centroidWeight: [0, 4, 8, 12, 16, 20, 24, 32] } as const;

export class NaiveBayes {
  private featIds = new Map<string, number>();
  private labels: string[] = [];
  private labelIds = new Map<string, number>();
  private classDocs: number[] = [];
  private classTotal: number[] = [];
  private counts: Map<number, number>[] = [];
  private nDocs = 0;
  /** Inverted form for fast prediction: per feature, the classes that saw it and log((count+α)/α). */
  private compiled: { off: Uint32Array; cls: Uint16Array; gain: Float32Array; cgain: Float32Array; idf: Float32Array; logAlpha: number; denom: Float64Array; prior: Float64Array } | null = null;
  private _alpha: number;
  private _centroidWeight: number;
  /**
   * alpha: additive smoothing of the naive Bayes. centroidWeight: weight of a nearest-centroid score (cosine
   * between the text's idf-weighted features and each subclass's log(1+count)·idf centroid) added to the naive
   * Bayes log score; 0 = plain naive Bayes. Both can be changed after training (only the compiled form is rebuilt).
   */
  constructor(alpha = DEFAULT_ALPHA, centroidWeight = DEFAULT_CENTROID_WEIGHT) { this._alpha = alpha; this._centroidWeight = centroidWeight; }

  get alpha(): number { return this._alpha; }
  set alpha(v: number) { if (v !== this._alpha) { this._alpha = v; this.compiled = null; } }
  get centroidWeight(): number { return this._centroidWeight; }
  set centroidWeight(v: number) { this._centroidWeight = v; }

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

  add(ex: LabelledText, tokens?: readonly string[]): void {
    if (ex.labels.length === 0) return;
    this.compiled = null;
    const fs = features(ex.text, tokens);
    if (fs.length === 0) return;
    this.nDocs++;
    for (const lab of new Set(ex.labels)) {
      const c = this.labelId(lab);
      this.classDocs[c]!++;
      this.addFeatures(c, fs, 1);
    }
  }

  /** Add the IPC titles of known subclasses as weak evidence. titles: subclass → its and its main groups' titles. */
  addIpcTitles(titles: ReadonlyMap<string, readonly string[]>, weight = 0.5): void {
    this.compiled = null;
    for (const [sub, ts] of titles) {
      const c = this.labelIds.get(sub);
      if (c === undefined) continue;
      for (const t of ts) this.addFeatures(c, features(t), weight);
    }
  }

  private compile() {
    if (this.compiled) return this.compiled;
    const C = this.labels.length, V = this.featIds.size;
    const cnt = new Uint32Array(V + 1);
    for (const m of this.counts) for (const id of m.keys()) cnt[id + 1]!++;
    for (let i = 0; i < V; i++) cnt[i + 1]! += cnt[i]!;
    const off = cnt.slice();
    const pos = cnt.slice(0, V);
    const cls = new Uint16Array(off[V]!), gain = new Float32Array(off[V]!), cgain = new Float32Array(off[V]!);
    const a = this._alpha;
    // idf over classes: a feature seen by few subclasses is discriminative.
    const idf = new Float32Array(V);
    for (let i = 0; i < V; i++) idf[i] = Math.log(1 + C / Math.max(1, off[i + 1]! - off[i]!));
    const norm = new Float64Array(C);
    this.counts.forEach((m, c) => {
      let s2 = 0;
      for (const [id, v] of m) { const j = pos[id]!++; cls[j] = c; gain[j] = Math.log((v + a) / a); const w = Math.log1p(v) * idf[id]!; cgain[j] = w; s2 += w * w; }
      norm[c] = Math.sqrt(s2) || 1;
    });
    for (let i = 0; i < V; i++) for (let j = off[i]!; j < off[i + 1]!; j++) cgain[j] = cgain[j]! * idf[i]! / norm[cls[j]!]!;
    const denom = new Float64Array(C), prior = new Float64Array(C);
    for (let c = 0; c < C; c++) { denom[c] = Math.log(this.classTotal[c]! + a * V); prior[c] = Math.log(this.classDocs[c]! / this.nDocs); }
    this.compiled = { off, cls, gain, cgain, idf, logAlpha: Math.log(a), denom, prior };
    return this.compiled;
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
    const k2 = this.compile();
    const scores = new Float64Array(C);
    const n = ids.length;
    for (let c = 0; c < C; c++) scores[c] = k2.prior[c]! + n * (k2.logAlpha - k2.denom[c]!);
    for (const id of ids) for (let j = k2.off[id]!; j < k2.off[id + 1]!; j++) scores[k2.cls[j]!]! += k2.gain[j]!;
    const w = this._centroidWeight;
    if (w > 0 && n > 0) {
      let q2 = 0;
      for (const id of ids) q2 += k2.idf[id]! * k2.idf[id]!;
      const wq = w * n / Math.sqrt(q2);
      for (const id of ids) for (let j = k2.off[id]!; j < k2.off[id + 1]!; j++) scores[k2.cls[j]!]! += wq * k2.cgain[j]!;
    }
    // Top-k by insertion into a short sorted list (ties keep the lower class id, as the former stable sort did).
    const order: number[] = [];
    const kk = Math.min(k, C);
    if (kk <= 0) return [];
    for (let c = 0; c < C; c++) {
      const v = scores[c]!;
      if (order.length === kk && v <= scores[order[kk - 1]!]!) continue;
      let i = order.length === kk ? kk - 1 : order.length;
      while (i > 0 && scores[order[i - 1]!]! < v) { order[i] = order[i - 1]!; i--; }
      order[i] = c;
    }
    // Long texts make naive-Bayes posteriors degenerate (one class ≈ 100%); a temperature growing with the
    // number of features keeps the ranking and gives usable probabilities.
    const T = Math.max(1, ids.length / 10);
    const max = scores[order[0]!]! / T;
    let z = 0;
    for (let c = 0; c < C; c++) z += Math.exp(scores[c]! / T - max);
    return order.map((c) => ({ code: this.labels[c]!, score: Math.exp(scores[c]! / T - max) / z }));
  }
}
