/**
 * The in-process full-text index: posting lists in typed arrays, BM25F over two fields (title weight 3,
 * body weight 1), phrase ("…"), prefix (word*) and exclusion (-word) queries, filters on typed per-document
 * columns, top-k by a small heap. Documents are appended; an update tombstones the old internal number.
 * Memory is about 5 bytes per posting plus ~30 bytes per document and the titles (for highlighting).
 */
import { bm25Idf, BM25_B, BM25_K1 } from '@zhuanhua/domain/demand/demand.scoring.ts';
import { tokenize } from './search.text.ts';

export const TITLE_WEIGHT = 3;
export const BODY_WEIGHT = 1;

export const TYPE_CODES: Record<string, number> = { invention: 1, utility_model: 2, design: 3 };
export const STATUS_CODES: Record<string, number> = { pending: 1, in_force: 2, lapsed: 3 };
export const HOLDER_CODES: Record<string, number> = {
  university: 1, research_institute: 2, soe: 3, private_enterprise: 4, service_agency: 5, bank: 6, insurer: 7, government: 8,
};
export const GRADE_CODES: Record<string, number> = { A: 1, B: 2, C: 3, D: 4 };

export type IndexDoc = {
  id: number;
  title: string;
  body?: string | null;
  type?: string | null;
  status?: string | null;
  holderType?: string | null;
  /** Types of all holders (a filter on holderType passes when any holder has it); defaults to [holderType]. */
  holderTypes?: readonly (string | null)[];
  filingYear?: number | null;
  grantYear?: number | null;
  grade?: string | null;
  openLicence?: boolean;
  sleeping?: boolean;
  regionCode?: string | null;
  ipc?: readonly string[];
  /** Strategic emerging industry codes '1'..'9'. */
  industries?: readonly string[];
};

export type IndexFilters = {
  patentType?: string; legalStatus?: string; ipc?: string; industry?: string; regionCode?: string;
  holderType?: string; grade?: string; openLicence?: boolean; sleeping?: boolean;
  filingYear?: number; grantYear?: number;
  /** Only these external ids (e.g. the patents of one holder, from SQL). */
  ids?: ReadonlySet<number>;
};

export type QueryTerm = { term: string; weight: number; required: boolean; group?: number };
export type Hit = { id: number; score: number; matchedTerms: string[] };
export type SearchResult = { total: number; hits: Hit[] };

class GrowU32 {
  a: Uint32Array;
  n = 0;
  constructor(cap = 4) { this.a = new Uint32Array(cap); }
  push(v: number): void {
    if (this.n === this.a.length) { const b = new Uint32Array(this.a.length * 2); b.set(this.a); this.a = b; }
    this.a[this.n++] = v;
  }
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array>(a: T, need: number, fill?: number): T {
  if (need <= a.length) return a;
  let len = Math.max(16, a.length);
  while (len < need) len *= 2;
  const b = new (a.constructor as new (n: number) => T)(len);
  if (fill !== undefined) b.fill(fill as never);
  b.set(a as never);
  return b;
}

/** Parse a user query into weighted terms. Quoted phrases and plain words; word* = prefix; -word = exclude. */
export function parseQuery(q: string): { terms: QueryTerm[]; phrases: string[]; prefixes: string[]; excluded: string[] } {
  const phrases: string[] = [];
  const prefixes: string[] = [];
  const excluded: string[] = [];
  const terms: QueryTerm[] = [];
  let rest = q.replace(/[“”"]([^“”"]+)[“”"]/g, (_, p: string) => { phrases.push(p.trim()); return ' '; });
  rest = rest.replace(/(^|\s)-(\S+)/g, (_, _s: string, w: string) => { excluded.push(...tokenize(w)); return ' '; });
  rest = rest.replace(/(\S+)\*/g, (_, w: string) => { prefixes.push(w.toLowerCase()); return ' '; });
  let group = 0;
  for (const p of phrases) {
    group++;
    for (const t of new Set(tokenize(p))) terms.push({ term: t, weight: 1, required: true, group });
  }
  const qtf = new Map<string, number>();
  for (const t of tokenize(rest)) qtf.set(t, (qtf.get(t) ?? 0) + 1);
  for (const [t, n] of qtf) terms.push({ term: t, weight: 1 + Math.log(n), required: false });
  return { terms, phrases, prefixes, excluded };
}

export class SearchIndex {
  private termIds = new Map<string, number>();
  private termList: string[] = [];
  private sortedTerms: string[] | null = null;
  private postDocs: GrowU32[] = [];
  private postTf: Uint8Array[] = [];
  private docCount = 0; // internal numbers used
  private live = 0;
  private extId = new Int32Array(16);
  private extToInt = new Int32Array(16).fill(-1);
  private titleLen = new Uint16Array(16);
  private bodyLen = new Uint16Array(16);
  private deleted = new Uint8Array(16);
  private type = new Uint8Array(16);
  private status = new Uint8Array(16);
  private holder = new Uint16Array(16); // bit per HOLDER_CODES value, for every holder
  private filingYear = new Uint16Array(16);
  private grantYear = new Uint16Array(16);
  private grade = new Uint8Array(16);
  private flags = new Uint8Array(16); // 1 open licence, 2 sleeping
  private industries = new Uint16Array(16);
  private region = new Uint32Array(16);
  private ipcOff = new Uint32Array(17);
  private ipcVals = new GrowU32(1024);
  private ipcCodes: string[] = [];
  private ipcCodeIds = new Map<string, number>();
  private titles: string[] = [];
  private sumTitle = 0;
  private sumBody = 0;
  private acc = new Float32Array(16);
  private mask = new Uint32Array(16);
  private touched = new Int32Array(16);

  get size(): number { return this.live; }
  get termCount(): number { return this.termIds.size; }

  has(id: number): boolean { return id < this.extToInt.length && this.extToInt[id]! >= 0; }

  /** Approximate bytes held by the typed arrays and strings. */
  memoryBytes(): number {
    let b = 0;
    for (let t = 0; t < this.postDocs.length; t++) b += this.postDocs[t]!.a.byteLength + this.postTf[t]!.byteLength;
    for (const a of [this.extId, this.extToInt, this.titleLen, this.bodyLen, this.deleted, this.type, this.status, this.holder, this.filingYear, this.grantYear, this.grade, this.flags, this.industries, this.region, this.ipcOff, this.ipcVals.a, this.acc, this.mask, this.touched]) b += a.byteLength;
    for (const t of this.titles) b += 16 + t.length * 2;
    return b;
  }

  private ensure(n: number): void {
    if (n + 1 > this.ipcOff.length) this.ipcOff = grow(this.ipcOff, n + 1); // one more slot than documents: grown on its own
    if (n <= this.titleLen.length) return;
    this.extId = grow(this.extId, n); this.titleLen = grow(this.titleLen, n); this.bodyLen = grow(this.bodyLen, n);
    this.deleted = grow(this.deleted, n); this.type = grow(this.type, n); this.status = grow(this.status, n); this.holder = grow(this.holder, n);
    this.filingYear = grow(this.filingYear, n); this.grantYear = grow(this.grantYear, n);
    this.grade = grow(this.grade, n); this.flags = grow(this.flags, n); this.industries = grow(this.industries, n); this.region = grow(this.region, n);
    this.acc = grow(this.acc, n); this.mask = grow(this.mask, n); this.touched = grow(this.touched, n);
  }

  private termId(t: string): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.termList.length;
      this.termIds.set(t, id); this.termList.push(t);
      this.postDocs.push(new GrowU32(2)); this.postTf.push(new Uint8Array(2));
      this.sortedTerms = null;
    }
    return id;
  }

  /** Add or replace a document. Tokens may be passed in (pre-tokenised in bulk builds). */
  upsert(doc: IndexDoc, tokens?: { title: string[]; body: string[] }): void {
    this.remove(doc.id); // also bumps the version (clears cached results)
    const titleToks = tokens?.title ?? tokenize(doc.title);
    const bodyToks = tokens?.body ?? (doc.body ? tokenize(doc.body) : []);
    const d = this.docCount++;
    this.ensure(d + 1);
    if (doc.id >= this.extToInt.length) this.extToInt = grow(this.extToInt, doc.id + 1, -1);
    this.extToInt[doc.id] = d;
    this.extId[d] = doc.id;
    this.titles[d] = doc.title;
    this.titleLen[d] = Math.min(65535, titleToks.length);
    this.bodyLen[d] = Math.min(65535, bodyToks.length);
    this.sumTitle += this.titleLen[d]!; this.sumBody += this.bodyLen[d]!;
    this.type[d] = TYPE_CODES[doc.type ?? ''] ?? 0;
    this.status[d] = STATUS_CODES[doc.status ?? ''] ?? 0;
    let hm = 0;
    for (const t of doc.holderTypes ?? [doc.holderType]) { const c = HOLDER_CODES[t ?? '']; if (c) hm |= 1 << c; }
    this.holder[d] = hm;
    this.filingYear[d] = doc.filingYear ?? 0;
    this.grantYear[d] = doc.grantYear ?? 0;
    this.grade[d] = GRADE_CODES[doc.grade ?? ''] ?? 0;
    this.flags[d] = (doc.openLicence ? 1 : 0) | (doc.sleeping ? 2 : 0);
    this.region[d] = doc.regionCode && /^\d{6}$/.test(doc.regionCode) ? Number(doc.regionCode) : 0;
    let ind = 0;
    for (const i of doc.industries ?? []) { const n = Number(i); if (n >= 1 && n <= 15) ind |= 1 << n; }
    this.industries[d] = ind;
    this.ipcOff[d] = this.ipcVals.n;
    for (const code of doc.ipc ?? []) {
      let id = this.ipcCodeIds.get(code);
      if (id === undefined) { id = this.ipcCodes.length; this.ipcCodes.push(code); this.ipcCodeIds.set(code, id); }
      this.ipcVals.push(id);
    }
    this.ipcOff[d + 1] = this.ipcVals.n;
    const tf = new Map<string, number>();
    for (const t of titleToks) tf.set(t, (tf.get(t) ?? 0) + 1024);
    for (const t of bodyToks) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, v] of tf) {
      const id = this.termId(t);
      const p = this.postDocs[id]!;
      const ti = Math.min(15, v >> 10);
      const bi = Math.min(15, v & 1023);
      const n = p.n;
      p.push(d);
      let tfs = this.postTf[id]!;
      if (n >= tfs.length) { const b = new Uint8Array(p.a.length); b.set(tfs); this.postTf[id] = tfs = b; }
      tfs[n] = (ti << 4) | bi;
    }
    this.live++;
  }

  remove(id: number): boolean {
    this.version++;
    if (id >= this.extToInt.length) return false;
    const d = this.extToInt[id]!;
    if (d < 0) return false;
    this.deleted[d] = 1;
    this.extToInt[id] = -1;
    this.sumTitle -= this.titleLen[d]!; this.sumBody -= this.bodyLen[d]!;
    this.live--;
    return true;
  }

  titleOf(id: number): string | null {
    const d = this.has(id) ? this.extToInt[id]! : -1;
    return d >= 0 ? this.titles[d]! : null;
  }

  ipcOf(id: number): string[] {
    const d = this.has(id) ? this.extToInt[id]! : -1;
    if (d < 0) return [];
    const out: string[] = [];
    for (let k = this.ipcOff[d]!; k < this.ipcOff[d + 1]!; k++) out.push(this.ipcCodes[this.ipcVals.a[k]!]!);
    return out;
  }

  /** Terms of the dictionary starting with prefix (at most limit), for prefix queries and suggestions. */
  expandPrefix(prefix: string, limit = 50): string[] {
    if (!prefix) return [];
    this.sortedTerms ??= [...this.termList].sort();
    const a = this.sortedTerms;
    let lo = 0, hi = a.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (a[mid]! < prefix) lo = mid + 1; else hi = mid; }
    const out: string[] = [];
    for (let i = lo; i < a.length && a[i]!.startsWith(prefix) && out.length < limit; i++) out.push(a[i]!);
    return out;
  }

  df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.postDocs[id]!.n;
  }

  /** One predicate for a filter set (IPC prefixes resolved once per query, then a byte lookup per document). */
  private compile(f: IndexFilters): (d: number) => boolean {
    let ipcOk: Uint8Array | null = null;
    if (f.ipc) {
      const prefix = f.ipc.toUpperCase();
      const ok = new Uint8Array(this.ipcCodes.length);
      this.ipcCodes.forEach((c, i) => { if (c.startsWith(prefix)) ok[i] = 1; });
      ipcOk = ok;
    }
    let regionDiv = 0, regionVal = 0;
    if (f.regionCode) { regionDiv = 10 ** (6 - f.regionCode.length); regionVal = Number(f.regionCode); }
    const type = f.patentType ? TYPE_CODES[f.patentType] ?? -1 : 0;
    const status = f.legalStatus ? STATUS_CODES[f.legalStatus] ?? -1 : 0;
    const holderBit = f.holderType ? 1 << (HOLDER_CODES[f.holderType] ?? 15) : 0;
    const grade = f.grade ? GRADE_CODES[f.grade] ?? -1 : 0;
    const industryBit = f.industry ? 1 << Number(f.industry) : 0;
    const { ids, filingYear, grantYear, openLicence, sleeping } = f;
    return (d) => {
      if (type && this.type[d] !== type) return false;
      if (status && this.status[d] !== status) return false;
      if (holderBit && !(this.holder[d]! & holderBit)) return false;
      if (grade && this.grade[d] !== grade) return false;
      if (openLicence !== undefined && ((this.flags[d]! & 1) === 1) !== openLicence) return false;
      if (sleeping !== undefined && ((this.flags[d]! & 2) === 2) !== sleeping) return false;
      if (industryBit && !(this.industries[d]! & industryBit)) return false;
      if (filingYear && this.filingYear[d] !== filingYear) return false;
      if (grantYear && this.grantYear[d] !== grantYear) return false;
      if (regionDiv > 0 && Math.floor(this.region[d]! / regionDiv) !== regionVal) return false;
      if (ids && !ids.has(this.extId[d]!)) return false;
      if (ipcOk) {
        let ok = false;
        for (let k = this.ipcOff[d]!; k < this.ipcOff[d + 1]! && !ok; k++) ok = ipcOk[this.ipcVals.a[k]!] === 1;
        if (!ok) return false;
      }
      return true;
    };
  }

  /**
   * Documents passing the filters, newest external id first (the list order of `ORDER BY id DESC`), with their
   * count: a scan of the typed columns, no text terms.
   */
  list(filters: IndexFilters, page: { offset: number; limit: number }): { total: number; ids: number[] } {
    return this.scan(filters, page, 'L');
  }

  /**
   * Titles containing the text as a substring (case-insensitive for Latin letters), newest id first, with the
   * filters: the fallback when the words of a query are not in the dictionary. A scan of the titles in memory.
   */
  titleContains(text: string, filters: IndexFilters, page: { offset: number; limit: number }): { total: number; ids: number[] } {
    const needle = text.toLowerCase();
    const fold = /[a-z]/.test(needle);
    return this.scan(filters, page, `T${needle}|`, (d) => (fold ? this.titles[d]!.toLowerCase() : this.titles[d]!).includes(needle));
  }

  /**
   * Documents passing the filters (and `match`), newest external id first, with their count. The count is cached
   * under `kind` + filters while the index is unchanged, and then the scan stops at the end of the page.
   */
  private scan(filters: IndexFilters, page: { offset: number; limit: number }, kind: string, match?: (d: number) => boolean): { total: number; ids: number[] } {
    const passes = this.compile(filters);
    const key = filters.ids ? null : `${kind}${filterKey(filters)}`;
    const known = key ? this.cached<{ total: number }>(key) : undefined;
    const out: number[] = [];
    const end = page.offset + page.limit;
    let seen = 0;
    const visit = (id: number) => {
      const d = id < this.extToInt.length ? this.extToInt[id]! : -1;
      if (d < 0 || (match && !match(d)) || !passes(d)) return;
      if (seen >= page.offset && seen < end) out.push(id);
      seen++;
    };
    if (filters.ids) for (const id of [...filters.ids].sort((x, y) => y - x)) visit(id);
    else for (let id = this.extToInt.length - 1; id >= 0 && !(known && seen >= end); id--) visit(id);
    if (key && !known) this.remember(key, { total: seen });
    return { total: known ? known.total : seen, ids: out };
  }

  // ---- results cache: answers for the same query and filters while the index is unchanged (every write bumps version)
  private version = 0;
  private cache = new Map<string, { version: number; value: unknown }>();

  private cached<T>(key: string): T | undefined {
    const c = this.cache.get(key);
    if (!c || c.version !== this.version) return undefined;
    this.cache.delete(key); this.cache.set(key, c); // most recently used last
    return c.value as T;
  }

  private remember(key: string, value: unknown): void {
    this.cache.set(key, { version: this.version, value });
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
  }

  /**
   * Score the weighted terms with BM25F; keep documents that have every required term, pass the filters and
   * contain each phrase in the title (phrases are checked on the title; the body only needs the phrase's words).
   */
  query(terms: readonly QueryTerm[], opts: { filters?: IndexFilters; offset?: number; limit?: number; excluded?: readonly string[]; phrases?: readonly string[]; minShouldMatch?: number } = {}): SearchResult {
    const N = Math.max(1, this.live);
    const avgT = this.live ? this.sumTitle / this.live : 1;
    const avgB = this.live ? Math.max(1, this.sumBody / this.live) : 1;
    const k1 = BM25_K1, b = BM25_B;
    const use = terms.filter((t) => this.termIds.has(t.term)).slice(0, 32);
    const missingRequired = terms.some((t) => t.required && !this.termIds.has(t.term));
    if (missingRequired || use.length === 0) return { total: 0, hits: [] };
    let requiredMask = 0;
    use.forEach((t, i) => { if (t.required) requiredMask |= 1 << i; });
    let nt = 0;
    const acc = this.acc, mask = this.mask, touched = this.touched, deleted = this.deleted;
    const tl = this.titleLen, bl = this.bodyLen;
    for (let i = 0; i < use.length; i++) {
      const q = use[i]!;
      const id = this.termIds.get(q.term)!;
      const p = this.postDocs[id]!;
      const tfs = this.postTf[id]!;
      const idf = bm25Idf(N, p.n) * q.weight;
      const bit = 1 << i;
      const docs = p.a;
      for (let k = 0; k < p.n; k++) {
        const d = docs[k]!;
        if (deleted[d]) continue;
        const v = tfs[k]!;
        const tt = v >> 4, tb = v & 15;
        let w = 0;
        if (tt) w += (TITLE_WEIGHT * tt) / (1 - b + (b * tl[d]!) / avgT);
        if (tb) w += (BODY_WEIGHT * tb) / (1 - b + (b * bl[d]!) / avgB);
        const s = (idf * w * (k1 + 1)) / (w + k1);
        if (mask[d] === 0) touched[nt++] = d;
        acc[d]! += s;
        mask[d]! |= bit;
      }
    }
    const excludedDocs = new Set<number>();
    for (const e of opts.excluded ?? []) {
      const id = this.termIds.get(e);
      if (id === undefined) continue;
      const p = this.postDocs[id]!;
      for (let k = 0; k < p.n; k++) excludedDocs.add(p.a[k]!);
    }
    const passes = this.compile(opts.filters ?? {});
    const minMatch = opts.minShouldMatch ?? 1;
    const limit = (opts.offset ?? 0) + (opts.limit ?? 20);
    // min-heap of (score, doc) of size limit
    const hs = new Float32Array(limit), hd = new Int32Array(limit);
    let hn = 0, total = 0;
    const phrases = (opts.phrases ?? []).map((p) => p.toLowerCase());
    // min-heap on (score, -doc): the root is the worst kept hit; ties go to the lower internal number, as in the final order
    const worse = (a: number, b: number) => hs[a]! < hs[b]! || (hs[a] === hs[b] && hd[a]! > hd[b]!);
    for (let j = 0; j < nt; j++) {
      const d = touched[j]!;
      const s = acc[d]!, m = mask[d]!;
      acc[d] = 0; mask[d] = 0;
      if ((m & requiredMask) !== requiredMask) continue;
      if (minMatch > 1 && popcount(m) < minMatch) continue;
      if (excludedDocs.has(d)) continue;
      if (!passes(d)) continue;
      let score = s;
      if (phrases.length) {
        const t = this.titles[d]!.toLowerCase();
        const inTitle = phrases.every((p) => t.includes(p));
        if (inTitle) score *= 1.5;
      }
      total++;
      score = Math.fround(score); // compare as stored, so that ties are ties
      if (hn < limit) {
        let i = hn++;
        hs[i] = score; hd[i] = d;
        while (i > 0) { const pa = (i - 1) >> 1; if (!worse(i, pa)) break; swap(hs, hd, i, pa); i = pa; }
      } else if (limit > 0 && (score > hs[0]! || (score === hs[0] && d < hd[0]!))) {
        hs[0] = score; hd[0] = d;
        let i = 0;
        for (;;) { const l = 2 * i + 1, r = l + 1; let m2 = i; if (l < hn && worse(l, m2)) m2 = l; if (r < hn && worse(r, m2)) m2 = r; if (m2 === i) break; swap(hs, hd, i, m2); i = m2; }
      }
    }
    const order = [...Array(hn).keys()].sort((x, y) => hs[y]! - hs[x]! || hd[x]! - hd[y]!);
    const hits: Hit[] = [];
    for (const i of order.slice(opts.offset ?? 0)) {
      const d = hd[i]!;
      const matched: string[] = [];
      // recompute which terms matched (cheap: per hit, per term binary search on postings)
      for (const q of use) if (this.containsTerm(q.term, d)) matched.push(q.term);
      hits.push({ id: this.extId[d]!, score: hs[i]!, matchedTerms: matched });
    }
    return { total, hits };
  }

  private containsTerm(term: string, d: number): boolean {
    const id = this.termIds.get(term);
    if (id === undefined) return false;
    const p = this.postDocs[id]!;
    let lo = 0, hi = p.n - 1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; const v = p.a[mid]!; if (v === d) return true; if (v < d) lo = mid + 1; else hi = mid - 1; }
    return false;
  }

  /** A user query string: phrases, prefixes, exclusions and words. */
  search(q: string, opts: { filters?: IndexFilters; offset?: number; limit?: number; allTerms?: boolean } = {}): SearchResult & { terms: string[] } {
    const offset = opts.offset ?? 0, limit = opts.limit ?? 20;
    // the first CACHE_HITS hits of a query are kept while the index is unchanged: later pages and repeats are free
    const key = opts.filters?.ids || offset + limit > CACHE_HITS ? null : `S${opts.allTerms ? 1 : 0}${filterKey(opts.filters ?? {})}|${q}`;
    const known = key ? this.cached<SearchResult & { terms: string[] }>(key) : undefined;
    if (known) return { total: known.total, hits: known.hits.slice(offset, offset + limit), terms: known.terms };
    const pq = parseQuery(q);
    const terms = opts.allTerms ? pq.terms.map((t) => ({ ...t, required: true })) : [...pq.terms];
    for (const p of pq.prefixes) for (const t of this.expandPrefix(p, 20)) terms.push({ term: t, weight: 0.8, required: false });
    const res = this.query(terms, { filters: opts.filters, offset: key ? 0 : offset, limit: key ? CACHE_HITS : limit, excluded: pq.excluded, phrases: pq.phrases });
    const out = { ...res, terms: [...new Set(terms.map((t) => t.term))] };
    if (!key) return out;
    this.remember(key, out);
    return { ...out, hits: out.hits.slice(offset, offset + limit) };
  }

  /** Long text (a demand): the most informative distinct terms (by idf × qtf), at most maxTerms. */
  keyTerms(text: string, maxTerms = 24): QueryTerm[] {
    const N = Math.max(1, this.live);
    const qtf = new Map<string, number>();
    for (const t of tokenize(text)) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    const scored: Array<QueryTerm & { s: number }> = [];
    for (const [t, n] of qtf) {
      const df = this.df(t);
      if (df === 0 || (N >= 50 && df > N * 0.2)) continue; // unknown or too common to discriminate
      const w = 1 + Math.log(n);
      scored.push({ term: t, weight: w, required: false, s: w * bm25Idf(N, df) });
    }
    scored.sort((a, c) => c.s - a.s);
    return scored.slice(0, maxTerms).map(({ term, weight, required }) => ({ term, weight, required }));
  }
}

const CACHE_ENTRIES = 256;
const CACHE_HITS = 200;

/** A stable key for a filter set without an id set (keys sorted, undefined left out). */
function filterKey(f: IndexFilters): string {
  return JSON.stringify(Object.keys(f).sort().filter((k) => k !== 'ids' && f[k as keyof IndexFilters] !== undefined).map((k) => [k, f[k as keyof IndexFilters]]));
}

function swap(hs: Float32Array, hd: Int32Array, i: number, j: number): void {
  const s = hs[i]!; hs[i] = hs[j]!; hs[j] = s;
  const d = hd[i]!; hd[i] = hd[j]!; hd[j] = d;
}
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
