import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { highlightHtml, searchQuery, snippet } from '@zhuanhua/domain/demand/index.ts';
import { LEGAL_STATUS_LABELS, PATENT_TYPE_LABELS, type LegalStatus, type PatentType } from '@zhuanhua/domain';
import { query } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { engineFor } from './search.engine.ts';
import { listingsSince } from '../listing/listing.repo.ts';

export async function searchRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['search'];
  r.get('/search', { config: { action: 'search.query' }, schema: { tags, querystring: searchQuery, description: '全文检索：短语用引号，前缀用 词*，排除用 -词；返回高亮片段' } }, async (req) => {
    const t0 = performance.now();
    const engine = engineFor(deps);
    const q = req.query;
    const { q: text, kind, page, pageSize, ...filters } = q;
    const index = engine.status.state === 'ready' ? (kind === 'demand' ? engine.demands : kind === 'listing' ? engine.listings : engine.patents) : null;
    if (!index) {
      return { items: [], total: 0, tookMs: 0, index: engine.status.state, message: engine.status.state === 'ready' ? undefined : `索引构建中（${engine.status.done}/${engine.status.total}）` };
    }
    const res = index.search(text, { filters: kind === 'patent' ? filters : { regionCode: filters.regionCode }, offset: (page - 1) * pageSize, limit: pageSize });
    const ids = res.hits.map((h) => h.id);
    const highlight = [...new Set(res.hits.flatMap((h) => h.matchedTerms))];
    let items: unknown[] = [];
    if (kind === 'patent' && ids.length) {
      const rows = await query<{ id: number; application_number: string; type: string; legal_status: string; title: string; abstract: string | null; ipc_main: string | null; holder: string | null }>(deps.db,
        `select p.id::int as id, p.application_number, p.type, p.legal_status, p.title, p.abstract, p.ipc_main,
                (select ph.name from patent_holders ph where ph.patent_id = p.id order by ph.seq limit 1) as holder
           from patents p where p.id = any($1::bigint[])`, [ids]);
      const by = new Map(rows.map((x) => [x.id, x]));
      items = res.hits.flatMap((h) => {
        const p = by.get(h.id);
        if (!p) return [];
        return [{ kind: 'patent', id: p.id, applicationNumber: p.application_number, title: p.title, titleHtml: highlightHtml(p.title, h.matchedTerms),
          snippetHtml: p.abstract ? highlightHtml(snippet(p.abstract, h.matchedTerms, 120), h.matchedTerms) : null,
          type: p.type, typeLabel: PATENT_TYPE_LABELS[p.type as PatentType], legalStatus: p.legal_status, legalStatusLabel: LEGAL_STATUS_LABELS[p.legal_status as LegalStatus],
          ipcMain: p.ipc_main, holder: p.holder, score: Math.round(h.score * 1000) / 1000, matchedTerms: h.matchedTerms }];
      });
    } else if (kind === 'listing' && ids.length) {
      const by = new Map((await listingsSince(deps.db, null, ids)).map((x) => [x.id, x]));
      items = res.hits.flatMap((h) => {
        const l = by.get(h.id);
        if (!l) return [];
        return [{ kind: 'listing', id: l.id, title: l.name, titleHtml: highlightHtml(l.name, h.matchedTerms),
          snippetHtml: l.summary ? highlightHtml(snippet(l.summary, h.matchedTerms, 120), h.matchedTerms) : null, company: l.organisation_name,
          field: l.field, stage: l.stage, transferMode: l.transfer_mode, score: Math.round(h.score * 1000) / 1000, matchedTerms: h.matchedTerms }];
      });
    } else if (ids.length) {
      const rows = await query<{ id: number; title: string; description: string; company_name: string | null; org_name: string | null; budget_text: string | null }>(deps.db,
        `select d.id::int as id, d.title, d.description, d.company_name, o.name as org_name, d.budget_text from demands d join organisations o on o.id = d.org_id
          where d.id = any($1::bigint[]) and d.state in ('published','matched')`, [ids]);
      const by = new Map(rows.map((x) => [x.id, x]));
      items = res.hits.flatMap((h) => {
        const d = by.get(h.id);
        if (!d) return [];
        return [{ kind: 'demand', id: d.id, title: d.title, titleHtml: highlightHtml(d.title, h.matchedTerms), snippetHtml: highlightHtml(snippet(d.description, h.matchedTerms, 120), h.matchedTerms),
          company: d.company_name ?? d.org_name, score: Math.round(h.score * 1000) / 1000, matchedTerms: h.matchedTerms }];
      });
    }
    return { items, total: res.total, terms: res.terms, highlight, tookMs: Math.round((performance.now() - t0) * 10) / 10, index: 'ready' };
  });
  r.get('/search/status', { config: { action: 'search.status' }, schema: { tags } }, async () => engineFor(deps).statusNow());
}
