import { AppError, isSme } from '@zhuanhua/domain';
import {
  buildReasons, checkFeedback, combineScore, feedbackAdjustment, highlightHtml, regionRelation, snippet,
  type FeedbackInput, type MatchReason, type SearchFilters,
} from '@zhuanhua/domain/demand/index.ts';
import { inTx, query, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import { engineFor, openLicenceFixedFee, PATENT_INDEX_SQL, SEI_NAMES, type SearchEngine } from '../search/search.engine.ts';
import type { Deps } from '../../deps.ts';
import { readDemand } from '../demand/demand.service.ts';

export type MatchResult = {
  patentId: number; applicationNumber: string; title: string; titleHtml: string; score: number; textScore: number;
  legalStatus: string; holderName: string | null; reasons: MatchReason[];
};

type Facts = {
  id: number; application_number: string; title: string; abstract: string | null; legal_status: string; ipc_codes: string[]; region: string | null;
  holder_type: string | null; holder_name: string | null; grade: string | null; sleeping: boolean; fee_mode: string | null; fee_terms: Record<string, unknown> | null;
};

async function factsOf(db: Queryable, ids: number[]): Promise<Map<number, Facts>> {
  if (!ids.length) return new Map();
  const rows = await query<Facts>(db, `select x.*, p2.application_number, (select ph.name from patent_holders ph where ph.patent_id = x.id order by ph.seq limit 1) as holder_name
    from (${PATENT_INDEX_SQL} where p.id = any($1::bigint[])) x join patents p2 on p2.id = x.id`, [ids]);
  return new Map(rows.map((r) => [r.id, r]));
}

export function demandText(d: { title: string; description: string; indicators?: string | null; problem?: string | null; industry?: string | null }): string {
  return [d.title, d.title, d.description, d.indicators, d.problem, d.industry].filter(Boolean).join('\n');
}

/** Demand → patents, each with its reasons. The demand's "not relevant" feedback hides those patents for it. */
export async function matchPatents(deps: Pick<Deps, 'db' | 'events' | 'log'>, actor: Actor | null, input: { text?: string; demandId?: number; top: number; filters?: SearchFilters }, opts: { record?: boolean } = {}) {
  const engine = engineFor(deps);
  await engine.ready();
  let text = input.text ?? '';
  let regionCode: string | null = null;
  let budget: { minFen: number | null; maxFen: number | null } | null = null;
  let demandId: number | null = null;
  if (input.demandId) {
    const d = await readDemand(deps.db, input.demandId, actor);
    demandId = d.id;
    text = demandText(d);
    regionCode = d.region_code;
    budget = { minFen: d.budget_min_fen, maxFen: d.budget_max_fen };
  }
  const res = await matchText(deps.db, engine, text, { top: input.top, filters: input.filters, regionCode, budget, demandId });
  if (opts.record !== false) {
    await query(deps.db, `insert into match_runs (demand_id, org_id, user_id, results, query_text) values ($1, $2, $3, $4, $5)`,
      [demandId, actor?.orgId ?? null, actor?.userId || null, res.results.length, demandId ? null : text.slice(0, 500)]);
  }
  return res;
}

export async function matchText(db: Queryable, engine: SearchEngine, text: string, o: { top: number; filters?: SearchFilters; regionCode?: string | null; budget?: { minFen: number | null; maxFen: number | null } | null; demandId?: number | null }) {
  const classification = engine.classify(text, 5);
  const terms = engine.patents.keyTerms(text, 24);
  const pool = Math.max(50, o.top * 3);
  const found = engine.patents.query(terms, { filters: o.filters, limit: pool });
  const ids = found.hits.map((h) => h.id);
  const facts = await factsOf(db, ids);
  const fb = ids.length ? await query<{ patent_id: number; interested: number; wrong: number; hidden: boolean }>(db,
    `select patent_id::int as patent_id, count(*) filter (where kind = 'interested')::int as interested,
            count(*) filter (where kind = 'not_relevant' and reason = 'wrong_field')::int as wrong,
            bool_or(kind = 'not_relevant' and demand_id = $2) as hidden
       from match_feedback where patent_id = any($1::bigint[]) group by patent_id`, [ids, o.demandId ?? -1]) : [];
  const fbBy = new Map(fb.map((r) => [r.patent_id, r]));
  const best = found.hits[0]?.score ?? 0;
  const predicted = classification.ipc;
  const results: MatchResult[] = [];
  for (const h of found.hits) {
    const f = facts.get(h.id);
    if (!f) continue;
    const feed = fbBy.get(h.id);
    if (feed?.hidden) continue;
    const ipc = f.ipc_codes ?? [];
    const { reasons, bonus } = buildReasons({
      matchedTerms: h.matchedTerms, ipcSubclasses: ipc, legalStatus: f.legal_status, holderType: f.holder_type, holderRegion: f.region,
      sleeping: f.sleeping, grade: f.grade, openLicence: f.fee_mode != null, openLicenceFeeFen: openLicenceFixedFee(f.fee_mode, f.fee_terms),
      industries: engine.industriesOf(ipc).map((c) => SEI_NAMES[c] ?? c),
    }, { predictedIpc: predicted, industries: classification.industries.filter((x) => x.score >= 0.2).slice(0, 2).map((x) => x.name), regionCode: o.regionCode ?? null, budget: o.budget ?? null });
    const adj = feed ? feedbackAdjustment(feed.interested, feed.wrong) : 0;
    if (adj !== 0) reasons.push({ kind: 'terms', text: adj > 0 ? `其他企业反馈感兴趣（${feed!.interested} 次）` : `曾被标记为领域不符（${feed!.wrong} 次）`, weight: adj });
    results.push({
      patentId: f.id, applicationNumber: f.application_number, title: f.title, titleHtml: highlightHtml(f.title, h.matchedTerms),
      score: Math.round(combineScore(h.score, best, bonus + adj) * 1000) / 1000, textScore: Math.round(h.score * 1000) / 1000,
      legalStatus: f.legal_status, holderName: f.holder_name, reasons,
    });
  }
  results.sort((a, b) => b.score - a.score || a.patentId - b.patentId);
  return { results: results.slice(0, o.top), classification, terms: terms.map((t) => t.term), candidates: found.total };
}

/** Patent → SMEs likely to license it: posted demands, business scope / products, own patents in the same subclass, region. */
export async function prospects(deps: Pick<Deps, 'db' | 'events' | 'log'>, patentId: number, top = 20) {
  const engine = engineFor(deps);
  await engine.ready();
  const p = await queryOne<{ id: number; title: string; abstract: string | null; ipc_codes: string[]; region_code: string | null }>(deps.db,
    `select id::int as id, title, abstract, ipc_codes, region_code from patents where id = $1`, [patentId]);
  if (!p) throw new AppError('NOT_FOUND', '专利不存在');
  const text = [p.title, p.title, p.abstract].filter(Boolean).join('\n');
  const terms = engine.demands.keyTerms(text, 16).length ? engine.demands.keyTerms(text, 16) : engine.patents.keyTerms(text, 16);
  const termList = terms.map((t) => t.term).slice(0, 10);
  const subs = [...new Set((p.ipc_codes ?? []).map((c) => c.slice(0, 4)))];
  type Cand = { orgId: number; score: number; reasons: MatchReason[] };
  const cands = new Map<number, Cand>();
  const add = (orgId: number, score: number, r: MatchReason) => {
    const c = cands.get(orgId) ?? { orgId, score: 0, reasons: [] };
    c.score += score; c.reasons.push(r); cands.set(orgId, c);
  };
  // 1. posted demands that match the patent's text
  const dm = engine.demands.query(terms, { limit: 50 });
  if (dm.hits.length) {
    const rows = await query<{ id: number; org_id: number; title: string }>(deps.db, `select id::int as id, org_id::int as org_id, title from demands where id = any($1::bigint[])`, [dm.hits.map((h) => h.id)]);
    const by = new Map(rows.map((r) => [r.id, r]));
    const best = dm.hits[0]!.score;
    for (const h of dm.hits) {
      const d = by.get(h.id);
      if (d) add(d.org_id, 0.6 * (h.score / best), { kind: 'demand', text: `发布的需求「${d.title}」匹配：${h.matchedTerms.slice(0, 5).join('、')}`, weight: 0.6 * (h.score / best), terms: h.matchedTerms.slice(0, 5) });
    }
  }
  // 2. business scope / products mention the patent's key terms
  if (termList.length) {
    const rows = await query<{ id: number; business_scope: string | null; products: string | null }>(deps.db,
      `select id::int as id, business_scope, products from organisations
        where type in ('private_enterprise','soe') and (business_scope is not null or products is not null)
          and exists (select 1 from unnest($1::text[]) t where coalesce(business_scope,'') || ' ' || coalesce(products,'') ilike '%' || t || '%') limit 500`, [termList]);
    for (const r of rows) {
      const hay = `${r.business_scope ?? ''} ${r.products ?? ''}`.toLowerCase();
      const hit = termList.filter((t) => hay.includes(t));
      add(r.id, 0.1 * hit.length, { kind: 'scope', text: `经营范围/产品含：${hit.join('、')}`, weight: 0.1 * hit.length, terms: hit });
    }
  }
  // 3. enterprises holding patents in the same IPC subclass
  if (subs.length) {
    const rows = await query<{ org_id: number; n: number }>(deps.db,
      `select ph.org_id::int as org_id, count(distinct pt.id)::int as n from patents pt join patent_holders ph on ph.patent_id = pt.id
         join organisations o on o.id = ph.org_id
        where o.type in ('private_enterprise','soe') and pt.id <> $2 and left(coalesce(pt.ipc_main, ''), 4) = any($1::text[])
        group by ph.org_id order by n desc limit 100`, [subs, patentId]);
    for (const r of rows) add(r.org_id, Math.min(0.3, 0.05 * r.n), { kind: 'patents', text: `自有 ${r.n} 件同 IPC 小类（${subs.join('、')}）专利`, weight: Math.min(0.3, 0.05 * r.n) });
  }
  if (!cands.size) return { items: [], total: 0 };
  const orgs = await query<{ id: number; name: string; type: string; size_class: string | null; region_code: string | null; industry_code: string | null }>(deps.db,
    `select id::int as id, name, type, size_class, region_code, industry_code from organisations where id = any($1::bigint[])`, [[...cands.keys()]]);
  const items = [];
  for (const o of orgs) {
    if (!isSme(o.type, o.size_class)) continue;
    const c = cands.get(o.id)!;
    const rel = regionRelation(o.region_code, p.region_code);
    if (rel === 'same_city' || rel === 'same_county') { c.score += 0.08; c.reasons.push({ kind: 'region', text: '地域：同城市', weight: 0.08 }); }
    else if (rel === 'same_province') { c.score += 0.05; c.reasons.push({ kind: 'region', text: '地域：同省份', weight: 0.05 }); }
    items.push({ orgId: o.id, name: o.name, sizeClass: o.size_class, regionCode: o.region_code, score: Math.round(c.score * 1000) / 1000, reasons: c.reasons.sort((a, b) => b.weight - a.weight) });
  }
  items.sort((a, b) => b.score - a.score || a.orgId - b.orgId);
  return { items: items.slice(0, top), total: items.length };
}

/** Interested → a contact request to the patent's holder organisation; not relevant → hidden for that demand. */
export async function giveFeedback(db: Queryable, actor: Actor, input: FeedbackInput) {
  checkFeedback(input.kind, input.reason, input.note);
  return inTx(db, async (tx) => {
    const pat = await queryOne<{ id: number; holder_org: number | null }>(tx, `select p.id::int as id, (select ph.org_id::int from patent_holders ph where ph.patent_id = p.id and ph.org_id is not null order by ph.seq limit 1) as holder_org from patents p where p.id = $1`, [input.patentId]);
    if (!pat) throw new AppError('NOT_FOUND', '专利不存在');
    if (input.demandId) await readDemand(tx, input.demandId, actor);
    const fb = await queryOne<{ id: number }>(tx, `insert into match_feedback (demand_id, patent_id, org_id, user_id, kind, reason, note) values ($1,$2,$3,$4,$5,$6,$7) returning id::int as id`,
      [input.demandId ?? null, input.patentId, actor.orgId, actor.userId || null, input.kind, input.reason ?? null, input.note ?? null]);
    let contactRequestId: number | null = null;
    if (input.kind === 'interested') {
      if (!pat.holder_org) throw new AppError('RULE_VIOLATION', '该专利的权利人未在平台注册，无法发送对接请求');
      if (pat.holder_org === actor.orgId) throw new AppError('RULE_VIOLATION', '不能对本机构的专利发起对接');
      const existing = await queryOne<{ id: number }>(tx, `select id::int as id from contact_requests where patent_id = $1 and from_org_id = $2 and coalesce(demand_id, 0) = coalesce($3::bigint, 0)`, [input.patentId, actor.orgId, input.demandId ?? null]);
      contactRequestId = existing?.id ?? (await queryOne<{ id: number }>(tx, `insert into contact_requests (demand_id, patent_id, from_org_id, from_user_id, to_org_id, message) values ($1,$2,$3,$4,$5,$6) returning id::int as id`,
        [input.demandId ?? null, input.patentId, actor.orgId, actor.userId || null, pat.holder_org, input.note ?? null]))!.id;
    }
    await audit(tx, actor, { action: 'match.feedback', entity: 'match_feedback', entityId: fb!.id, after: { ...input, contactRequestId } });
    return { feedbackId: fb!.id, contactRequestId };
  });
}

export async function listContacts(db: Queryable, actor: Actor, box: 'in' | 'out') {
  const col = box === 'in' ? 'cr.to_org_id' : 'cr.from_org_id';
  const all = actor.role === 'platform_admin';
  const rows = await query(db, `select cr.id::int as id, cr.state, cr.message, cr.created_at as "createdAt", cr.demand_id::int as "demandId", d.title as "demandTitle",
      cr.patent_id::int as "patentId", p.title as "patentTitle", p.application_number as "applicationNumber",
      cr.from_org_id::int as "fromOrgId", fo.name as "fromOrgName", cr.to_org_id::int as "toOrgId", tor.name as "toOrgName"
    from contact_requests cr join patents p on p.id = cr.patent_id left join demands d on d.id = cr.demand_id
    left join organisations fo on fo.id = cr.from_org_id left join organisations tor on tor.id = cr.to_org_id
    where ${all ? 'true' : `${col} = $1`} order by cr.id desc limit 200`, all ? [] : [actor.orgId ?? -1]);
  return { items: rows, total: rows.length };
}

export async function respondContact(db: Queryable, actor: Actor, id: number, state: 'accepted' | 'declined' | 'deal') {
  return inTx(db, async (tx) => {
    const cr = await queryOne<{ id: number; to_org_id: number; from_org_id: number; state: string }>(tx, `select id::int as id, to_org_id::int as to_org_id, from_org_id::int as from_org_id, state from contact_requests where id = $1`, [id]);
    if (!cr || (actor.role !== 'platform_admin' && actor.orgId !== cr.to_org_id && actor.orgId !== cr.from_org_id)) throw new AppError('NOT_FOUND', '对接请求不存在');
    if (state !== 'deal' && actor.role !== 'platform_admin' && actor.orgId !== cr.to_org_id) throw new AppError('FORBIDDEN', '只有权利人可以答复对接请求');
    const allowed: Record<string, string[]> = { pending: ['accepted', 'declined'], accepted: ['deal', 'declined'], declined: [], deal: [] };
    if (!allowed[cr.state]!.includes(state)) throw new AppError('ILLEGAL_TRANSITION', `对接请求当前状态不能变更为该状态`);
    await query(tx, `update contact_requests set state = $2, updated_at = now() where id = $1`, [id, state]);
    await audit(tx, actor, { action: 'match.contact', entity: 'contact_request', entityId: id, before: { state: cr.state }, after: { state } });
    return { id, state };
  });
}

export async function funnel(db: Queryable) {
  const r = (await queryOne<{ match: number; interest: number; contact: number; deal: number }>(db, `select
      (select coalesce(sum(results), 0)::int from match_runs) as match,
      (select count(*)::int from match_feedback where kind = 'interested') as interest,
      (select count(*)::int from contact_requests where state in ('accepted','deal')) as contact,
      (select count(*)::int from contact_requests where state = 'deal') as deal`))!;
  return r;
}

export { snippet };
