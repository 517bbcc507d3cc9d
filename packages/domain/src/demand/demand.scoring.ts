/**
 * Pure maths and explanations of search and matching: BM25, highlighting and snippets, and the concrete
 * reasons shown beside each match (terms, IPC / industry agreement, region, holder type, sleeping status,
 * grade, open licence fee against the demand's budget).
 */

// ---------------------------------------------------------------------------------------------
// BM25
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

/** Robertson–Spärck Jones idf with the +1 inside the log (never negative). N documents, df containing the term. */
export function bm25Idf(N: number, df: number): number {
  return Math.log(1 + (N - df + 0.5) / (df + 0.5));
}

/** The term-frequency part of BM25 for tf occurrences in a field of length len (average avgLen). */
export function bm25Tf(tf: number, len: number, avgLen: number, k1 = BM25_K1, b = BM25_B): number {
  if (tf <= 0) return 0;
  const norm = avgLen > 0 ? 1 - b + (b * len) / avgLen : 1;
  return (tf * (k1 + 1)) / (tf + k1 * norm);
}

/** BM25F-style: weighted tf over fields, then one saturation. fields: [{tf, len, avgLen, weight}]. */
export function bm25fTerm(idf: number, fields: ReadonlyArray<{ tf: number; len: number; avgLen: number; weight: number }>, k1 = BM25_K1, b = BM25_B): number {
  let wtf = 0;
  for (const f of fields) {
    if (f.tf <= 0) continue;
    const norm = f.avgLen > 0 ? 1 - b + (b * f.len) / f.avgLen : 1;
    wtf += (f.weight * f.tf) / norm;
  }
  if (wtf === 0) return 0;
  return (idf * wtf * (k1 + 1)) / (wtf + k1);
}

// ---------------------------------------------------------------------------------------------
// Highlighting and snippets
export type Span = { start: number; end: number };

/** All occurrences of the terms in text (case-insensitive), merged where they overlap. */
export function findSpans(text: string, terms: readonly string[]): Span[] {
  const lower = text.toLowerCase();
  const spans: Span[] = [];
  for (const t of new Set(terms.map((x) => x.toLowerCase()).filter((x) => x.length > 0))) {
    let i = lower.indexOf(t);
    while (i >= 0) {
      spans.push({ start: i, end: i + t.length });
      i = lower.indexOf(t, i + t.length);
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Split text into parts marked hit / not hit (for the UI to render <mark> without HTML injection). */
export function highlightParts(text: string, terms: readonly string[]): Array<{ text: string; hit: boolean }> {
  const parts: Array<{ text: string; hit: boolean }> = [];
  let pos = 0;
  for (const s of findSpans(text, terms)) {
    if (s.start > pos) parts.push({ text: text.slice(pos, s.start), hit: false });
    parts.push({ text: text.slice(s.start, s.end), hit: true });
    pos = s.end;
  }
  if (pos < text.length) parts.push({ text: text.slice(pos), hit: false });
  return parts;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** HTML with <em> around hits; everything else escaped. */
export function highlightHtml(text: string, terms: readonly string[]): string {
  return highlightParts(text, terms).map((p) => (p.hit ? `<em>${escapeHtml(p.text)}</em>` : escapeHtml(p.text))).join('');
}

/** The window of about `width` characters holding the most hits, with … at cut ends. */
export function snippet(text: string, terms: readonly string[], width = 80): string {
  if (text.length <= width) return text;
  const spans = findSpans(text, terms);
  if (spans.length === 0) return text.slice(0, width) + '…';
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < spans.length; i++) {
    let c = 0;
    for (let j = i; j < spans.length && spans[j]!.end <= spans[i]!.start + width; j++) c++;
    if (c > bestCount) { bestCount = c; best = i; }
  }
  let start = Math.max(0, spans[best]!.start - Math.floor(width / 4));
  start = Math.min(start, text.length - width);
  const end = start + width;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Reasons of a match
export type ReasonKind = 'terms' | 'ipc' | 'industry' | 'region' | 'holder' | 'sleeping' | 'grade' | 'open_licence' | 'fee' | 'status' | 'demand' | 'patents' | 'scope';
export type MatchReason = { kind: ReasonKind; text: string; weight: number; terms?: string[] };

export type RegionRelation = 'same_county' | 'same_city' | 'same_province' | 'other' | 'unknown';
/** Compare two GB/T 2260 codes (6 digits; province = first 2, city = first 4). */
export function regionRelation(a: string | null | undefined, b: string | null | undefined): RegionRelation {
  if (!a || !b || a.length < 2 || b.length < 2) return 'unknown';
  if (a.length >= 6 && b.length >= 6 && a.slice(0, 6) === b.slice(0, 6) && !a.endsWith('00')) return 'same_county';
  if (a.length >= 4 && b.length >= 4 && a.slice(0, 4) === b.slice(0, 4) && a.slice(2, 4) !== '00') return 'same_city';
  if (a.slice(0, 2) === b.slice(0, 2)) return 'same_province';
  return 'other';
}
export const REGION_BONUS: Record<RegionRelation, number> = { same_county: 0.1, same_city: 0.08, same_province: 0.05, other: 0, unknown: 0 };
const REGION_TEXT: Record<RegionRelation, string> = { same_county: '同区县', same_city: '同城市', same_province: '同省份', other: '', unknown: '' };

export type FeeFit = 'within' | 'over' | 'free' | 'unknown';
/**
 * Compare an open licence's fixed fee (fen) with the demand's budget range. free = 0 fee;
 * within = fee ≤ budget max (or no max); over = fee > max; unknown = no fixed fee or no budget.
 */
export function feeVsBudget(feeFen: number | null | undefined, budget: { minFen: number | null; maxFen: number | null } | null): FeeFit {
  if (feeFen == null) return 'unknown';
  if (feeFen === 0) return 'free';
  if (!budget || (budget.minFen == null && budget.maxFen == null)) return 'unknown';
  if (budget.maxFen == null) return 'within';
  return feeFen <= budget.maxFen ? 'within' : 'over';
}

const wan = (fen: number) => (fen / 1_000_000).toFixed(4).replace(/\.?0+$/, '');

/** What we know about the candidate patent and the demand when building reasons. */
export type PatentFacts = {
  matchedTerms: string[];
  ipcSubclasses: string[];
  legalStatus?: string | null;
  holderType?: string | null;
  holderRegion?: string | null;
  sleeping?: boolean | null;
  grade?: string | null;
  openLicence?: boolean | null;
  openLicenceFeeFen?: number | null;
  industries?: string[];
};
export type DemandFacts = {
  predictedIpc: Array<{ code: string; title?: string; score: number }>;
  industries?: string[];
  regionCode?: string | null;
  budget?: { minFen: number | null; maxFen: number | null } | null;
};

const HOLDER_TEXT: Record<string, string> = { university: '高校', research_institute: '科研院所', soe: '国有企业' };

/**
 * Build the concrete reasons and the bonus they add to the text score. The bonus is additive on a
 * normalised text score in [0,1]: IPC agreement up to 0.3, region up to 0.1, open licence 0.05 (+0.05 when
 * the fee fits the budget, −0.05 when over), sleeping / grade A 0.03. Returns reasons sorted by weight.
 */
/** Drop terms contained in a longer matched term ("人机" when "无人机" matched), keeping the order. */
export function collapseTerms(terms: readonly string[]): string[] {
  const uniq = [...new Set(terms)];
  return uniq.filter((t) => !uniq.some((o) => o !== t && o.length > t.length && o.includes(t)));
}

const short = (s: string, n = 24) => ([...s].length > n ? [...s].slice(0, n).join('') + '…' : s);

export function buildReasons(p: PatentFacts, d: DemandFacts): { reasons: MatchReason[]; bonus: number } {
  const reasons: MatchReason[] = [];
  const shown = collapseTerms(p.matchedTerms).slice(0, 8);
  if (shown.length > 0) {
    reasons.push({ kind: 'terms', text: `匹配关键词：${shown.join('、')}`, weight: 0, terms: shown });
  }
  let bonus = 0;
  const top = d.predictedIpc[0]?.score || 1;
  // only predictions with at least 10% of the best one's probability count as evidence
  const credible = d.predictedIpc.filter((x) => x.score >= 0.1 * top);
  const subs = new Set(p.ipcSubclasses.map((c) => c.slice(0, 4)));
  const hit = credible.find((x) => subs.has(x.code.slice(0, 4)));
  if (hit) {
    const w = 0.3 * Math.min(1, hit.score / top);
    bonus += w;
    reasons.push({ kind: 'ipc', text: `IPC 分类一致：${hit.code}${hit.title ? ' ' + short(hit.title) : ''}`, weight: w });
  } else {
    const cls = new Set(p.ipcSubclasses.map((c) => c.slice(0, 3)));
    const near = credible.find((x) => cls.has(x.code.slice(0, 3)));
    if (near) {
      bonus += 0.08;
      reasons.push({ kind: 'ipc', text: `IPC 大类相近：${near.code.slice(0, 3)}`, weight: 0.08 });
    }
  }
  const ind = (d.industries ?? []).filter((x) => (p.industries ?? []).includes(x));
  if (ind.length > 0) {
    bonus += 0.05;
    reasons.push({ kind: 'industry', text: `产业一致：${ind.join('、')}`, weight: 0.05 });
  }
  const rel = regionRelation(p.holderRegion, d.regionCode);
  if (REGION_BONUS[rel] > 0) {
    bonus += REGION_BONUS[rel];
    reasons.push({ kind: 'region', text: `地域：${REGION_TEXT[rel]}`, weight: REGION_BONUS[rel] });
  }
  if (p.holderType && HOLDER_TEXT[p.holderType]) {
    reasons.push({ kind: 'holder', text: `权利人为${HOLDER_TEXT[p.holderType]}`, weight: 0 });
  }
  if (p.sleeping) {
    bonus += 0.03;
    reasons.push({ kind: 'sleeping', text: '存量（沉睡）专利，待转化', weight: 0.03 });
  }
  if (p.grade === 'A') {
    bonus += 0.03;
    reasons.push({ kind: 'grade', text: '分级 A：转化前景较好', weight: 0.03 });
  } else if (p.grade === 'B') {
    reasons.push({ kind: 'grade', text: '分级 B：有一定前景（需二次开发）', weight: 0 });
  }
  if (p.openLicence) {
    bonus += 0.05;
    const fit = feeVsBudget(p.openLicenceFeeFen, d.budget ?? null);
    const fee = p.openLicenceFeeFen;
    if (fit === 'free') { bonus += 0.05; reasons.push({ kind: 'open_licence', text: '开放许可，免费许可', weight: 0.1 }); }
    else if (fit === 'within') { bonus += 0.05; reasons.push({ kind: 'fee', text: `开放许可费 ${wan(fee!)} 万元，在预算内`, weight: 0.1 }); }
    else if (fit === 'over') { bonus -= 0.05; reasons.push({ kind: 'fee', text: `开放许可费 ${wan(fee!)} 万元，超出预算上限 ${wan(d.budget!.maxFen!)} 万元`, weight: 0 }); }
    else reasons.push({ kind: 'open_licence', text: fee != null ? `开放许可，许可费 ${wan(fee)} 万元` : '可开放许可', weight: 0.05 });
  }
  if (p.legalStatus === 'in_force') reasons.push({ kind: 'status', text: '专利有效', weight: 0 });
  else if (p.legalStatus === 'pending') reasons.push({ kind: 'status', text: '专利审中', weight: 0 });
  else if (p.legalStatus === 'lapsed') { bonus -= 0.1; reasons.push({ kind: 'status', text: '专利已失效（可免费实施）', weight: 0 }); }
  reasons.sort((a, b) => (a.kind === 'terms' ? -1 : b.kind === 'terms' ? 1 : b.weight - a.weight));
  return { reasons, bonus };
}

/** Final match score: normalised text score (0..1, relative to the best hit) plus the bonus, clamped at 0. */
export function combineScore(textScore: number, bestTextScore: number, bonus: number): number {
  const t = bestTextScore > 0 ? textScore / bestTextScore : 0;
  return Math.max(0, t + bonus);
}

/**
 * Feedback adjustment: each "interested" on the same patent for similar demands adds, each "not relevant" with
 * reason wrong_field subtracts; bounded to ±0.15 so feedback refines but never dominates the text evidence.
 */
export function feedbackAdjustment(interested: number, notRelevant: number): number {
  const raw = 0.03 * interested - 0.03 * notRelevant;
  return Math.max(-0.15, Math.min(0.15, raw));
}
