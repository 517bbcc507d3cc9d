/**
 * One search engine per database: the patent and demand indexes and the IPC classifier, built from the
 * database in the background at start (progress in `status`), kept in step by the 'patents.changed' /
 * 'demands.changed' events of this process and by polling updated_at (so several API processes on one
 * PostgreSQL each follow the database's changes).
 */
import { listingsSince } from '../listing/listing.repo.ts';
import { query, type Queryable } from '../../db/client.ts';
import { changedAfter, wmOf, WM_ZERO } from '../../db/watermark.ts';
import type { Deps } from '../../deps.ts';
import { NaiveBayes } from '../match/classify.model.ts';
import { SearchIndex, type IndexDoc } from './search.index.ts';
import { tokenize } from './search.text.ts';

export type EngineStatus = {
  state: 'idle' | 'building' | 'ready' | 'failed';
  done: number; total: number; startedAt: string | null; finishedAt: string | null; buildMs: number | null;
  patents: number; demands: number; terms: number; memoryMb: number; classifier: { labels: number; docs: number } | null; error?: string;
};

type PatentIndexRow = {
  id: number; title: string; abstract: string | null; type: string; legal_status: string; ipc_codes: string[]; region: string | null;
  holder_type: string | null; holder_types: string[] | null; filing_year: number | null; grant_year: number | null; grade: string | null; sleeping: boolean; fee_mode: string | null; fee_terms: Record<string, unknown> | null; updated_at: string; wm: string;
};

export const PATENT_INDEX_SQL = `select p.id::int as id, p.title, p.abstract, p.type, p.legal_status, p.ipc_codes, coalesce(p.region_code, h.region_code) as region,
    h.types[1] as holder_type, h.types as holder_types,
    extract(year from p.filing_date)::int as filing_year, extract(year from p.grant_date)::int as grant_year, ii.grade, (ii.patent_id is not null) as sleeping, ol.fee_mode, ol.fee_terms, p.updated_at, ${wmOf('p.updated_at')} as wm
  from patents p
  left join lateral (select (array_agg(o.type::text order by ph.seq))::text[] as types, (array_agg(o.region_code order by ph.seq))[1] as region_code
                       from patent_holders ph join organisations o on o.id = ph.org_id where ph.patent_id = p.id) h on true
  left join inventory_items ii on ii.patent_id = p.id and ii.run_id = (select max(id) from inventory_runs)
  left join open_licence_declarations ol on ol.patent_id = p.id and ol.state = 'published'`;

/** The fixed part of an open licence fee in fen (0 when free; null for pure royalties). */
export function openLicenceFixedFee(mode: string | null, terms: Record<string, unknown> | null): number | null {
  if (!mode) return null;
  if (mode === 'free') return 0;
  const n = (k: string) => (terms && typeof terms[k] === 'number' ? (terms[k] as number) : null);
  if (mode === 'lump_sum') return n('lumpSumFen');
  if (mode === 'entry_plus_royalty') return n('entryFeeFen');
  return null;
}

export class SearchEngine {
  readonly patents = new SearchIndex();
  readonly demands = new SearchIndex();
  readonly listings = new SearchIndex();
  classifier: NaiveBayes | null = null;
  ipcTitles = new Map<string, string>();
  private sei = new Map<string, string[]>();
  /** Patents: the (updated_at, id) of the last change seen by the build or a poll; the poll reads changes after it. */
  private watermark: { wm: string; id: number } = { wm: WM_ZERO, id: 0 };
  private demandWatermark: string | null = null;
  private listingWatermark: string | null = null;
  private olWatermark: string | null = null;
  private lastRun = 0;
  private pending = new Set<Promise<unknown>>();
  private polling: Promise<void> | null = null;
  private lastPoll = 0;
  /** Patents re-read by polls since start (each change once: a poll that re-reads old rows is a bug). */
  polledPatents = 0;
  private timer: NodeJS.Timeout | null = null;
  private building: Promise<void> | null = null;
  private closed = false;
  status: EngineStatus = { state: 'idle', done: 0, total: 0, startedAt: null, finishedAt: null, buildMs: null, patents: 0, demands: 0, terms: 0, memoryMb: 0, classifier: null };

  constructor(private readonly db: Queryable, private readonly log?: Deps['log'], readonly opts: { trainLimit?: number; pollMs?: number } = {}) {}

  industriesOf(ipc: readonly string[]): string[] {
    const out = new Set<string>();
    for (const code of ipc) {
      const keys = [code, code.replace(/\/\d+$/, '/00'), code.slice(0, 4)];
      for (const k of keys) for (const s of this.sei.get(k) ?? []) out.add(s);
    }
    return [...out];
  }

  private toDoc(r: PatentIndexRow): IndexDoc {
    const ipc = r.ipc_codes ?? [];
    return {
      id: r.id, title: r.title, body: r.abstract, type: r.type, status: r.legal_status, holderType: r.holder_type, holderTypes: r.holder_types ?? [],
      filingYear: r.filing_year, grantYear: r.grant_year, grade: r.grade,
      openLicence: r.fee_mode != null, sleeping: r.sleeping, regionCode: r.region, ipc, industries: this.industriesOf(ipc),
    };
  }

  private async loadReference(): Promise<void> {
    const sei = await query<{ ipc_code: string; parent_code: string }>(this.db, `select distinct si.ipc_code, s.parent_code from ref_sei_ipc si join ref_sei s on s.id = si.sei_id`);
    for (const r of sei) { const l = this.sei.get(r.ipc_code); if (l) { if (!l.includes(r.parent_code)) l.push(r.parent_code); } else this.sei.set(r.ipc_code, [r.parent_code]); }
    const ipc = await query<{ code: string; title_zh: string }>(this.db, `select code, title_zh from ref_ipc where level in ('subclass','class','section')`);
    for (const r of ipc) this.ipcTitles.set(r.code, r.title_zh);
  }

  /** Build everything (idempotent; concurrent callers share the same build). */
  build(): Promise<void> {
    this.building ??= this.doBuild();
    return this.building;
  }

  async ready(): Promise<void> { await this.build(); }

  private async doBuild(): Promise<void> {
    const t0 = performance.now();
    this.status = { ...this.status, state: 'building', startedAt: new Date().toISOString(), done: 0 };
    try {
      await this.loadReference();
      const total = (await query<{ n: number }>(this.db, 'select count(*)::int as n from patents'))[0]!.n;
      this.status.total = total;
      const trainLimit = this.opts.trainLimit ?? 300_000;
      const step = Math.max(1, Math.ceil(total / trainLimit));
      const nb = new NaiveBayes();
      let after = 0, seen = 0;
      for (;;) {
        if (this.closed) return;
        const rows = await query<PatentIndexRow>(this.db, `${PATENT_INDEX_SQL} where p.id > $1 order by p.id limit 5000`, [after]);
        if (rows.length === 0) break;
        for (const r of rows) {
          const tt = tokenize(r.title);
          this.patents.upsert(this.toDoc(r), { title: tt, body: r.abstract ? tokenize(r.abstract) : [] });
          if (seen++ % step === 0) { const subs = [...new Set((r.ipc_codes ?? []).map((c) => c.slice(0, 4)))]; if (subs.length) nb.add({ text: r.title, labels: subs }, tt); }
          if (r.wm > this.watermark.wm || (r.wm === this.watermark.wm && r.id > this.watermark.id)) this.watermark = { wm: r.wm, id: r.id };
        }
        after = rows[rows.length - 1]!.id;
        this.status.done = seen;
        await new Promise((res) => setImmediate(res)); // let the server answer requests while building
      }
      nb.addIpcTitles(await this.ipcTitleBags());
      this.classifier = nb;
      await this.refreshDemands();
      await this.refreshListings();
      await this.followSideTables(true);
      this.status = { ...this.status, state: 'ready', finishedAt: new Date().toISOString(), buildMs: Math.round(performance.now() - t0) };
      this.updateCounts();
      this.startPolling();
    } catch (e) {
      this.status = { ...this.status, state: 'failed', error: (e as Error).message };
      this.log?.error({ err: e }, 'search index build failed');
    }
  }

  /** Subclass → its own and its main groups' Chinese titles (prior knowledge for the classifier). */
  private async ipcTitleBags(): Promise<Map<string, string[]>> {
    const rows = await query<{ code: string; title_zh: string }>(this.db, `select code, title_zh from ref_ipc where level in ('subclass','main_group')`);
    const m = new Map<string, string[]>();
    for (const r of rows) { const s = r.code.slice(0, 4); const l = m.get(s); if (l) l.push(r.title_zh); else m.set(s, [r.title_zh]); }
    return m;
  }

  updateCounts(): void {
    this.status.patents = this.patents.size;
    this.status.demands = this.demands.size;
    this.status.terms = this.patents.termCount;
    this.status.classifier = this.classifier ? { labels: this.classifier.size.labels, docs: this.classifier.size.docs } : null;
  }

  /** The status with the index's memory (walks every posting list: for the status page, not for each refresh). */
  statusNow(): EngineStatus {
    if (this.status.state === 'ready') this.status.memoryMb = Math.round((this.patents.memoryBytes() + this.demands.memoryBytes()) / 1e6);
    return this.status;
  }

  async refreshPatents(ids: readonly number[]): Promise<void> {
    if (!ids.length) return;
    const rows = await query<PatentIndexRow>(this.db, `${PATENT_INDEX_SQL} where p.id = any($1::bigint[])`, [ids]);
    const found = new Set<number>();
    // the watermark is not moved here: only the poll moves it, so that no other writer's change is skipped
    for (const r of rows) { this.patents.upsert(this.toDoc(r)); found.add(r.id); }
    for (const id of ids) if (!found.has(id)) this.patents.remove(id);
    this.updateCounts();
  }

  /** Re-read demands changed since the last look (all at first). Only public demands are searchable. */
  async refreshDemands(ids?: readonly number[]): Promise<void> {
    const cols = `id::int as id, title, description, indicators, problem, industry, region_code, state, ${wmOf('updated_at')} as wm`;
    const rows = await query<{ id: number; title: string; description: string; indicators: string | null; problem: string | null; industry: string | null; region_code: string | null; state: string; wm: string }>(this.db,
      ids ? `select ${cols} from demands where id = any($1::bigint[])`
        : `select ${cols} from demands where ($1::text is null or ${changedAfter('updated_at', '$1')})`,
      [ids ? ids : this.demandWatermark]);
    for (const r of rows) {
      if (r.state === 'published' || r.state === 'matched') {
        this.demands.upsert({ id: r.id, title: r.title, body: [r.description, r.indicators, r.problem, r.industry].filter(Boolean).join('\n'), regionCode: r.region_code, status: r.state });
      } else this.demands.remove(r.id);
      if (!ids && (!this.demandWatermark || r.wm > this.demandWatermark)) this.demandWatermark = r.wm;
    }
    this.updateCounts();
  }

  /** Re-read technology listings changed since the last look (all at first). */
  async refreshListings(): Promise<void> {
    for (const r of await listingsSince(this.db, this.listingWatermark)) {
      this.listings.upsert({ id: r.id, title: r.name, body: [r.summary, r.field, r.keywords, r.organisation_name].filter(Boolean).join('\n'), status: 'published' });
      if (!this.listingWatermark || r.wm > this.listingWatermark) this.listingWatermark = r.wm;
    }
  }

  /** Run a refresh and remember it until it ends, so that readers can wait for writes already announced. */
  track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    const done = () => { this.pending.delete(p); };
    p.then(done, done);
    return p;
  }

  /**
   * Before answering a list from the index: wait for the refreshes of this process's own writes, and look for
   * other writers' changes when the last look is older than maxAgeMs (one look at a time; concurrent callers share it).
   */
  async catchUp(maxAgeMs = this.opts.pollMs ?? 5000): Promise<void> {
    if (this.pending.size) await Promise.allSettled([...this.pending]);
    if (Date.now() - this.lastPoll < maxAgeMs && !this.polling) return;
    this.polling ??= this.poll().finally(() => { this.polling = null; });
    await this.polling;
  }

  /** Follow writes made by other processes (or by SQL): patents and demands updated since the watermark. */
  async poll(): Promise<void> {
    this.lastPoll = Date.now();
    const rows = await query<{ id: number; wm: string }>(this.db,
      `select id::int as id, ${wmOf('updated_at')} as wm from patents
        where (updated_at, id) > (($1::timestamp at time zone 'UTC'), $2::bigint) order by updated_at, id limit 5000`, [this.watermark.wm, this.watermark.id]);
    if (rows.length) {
      this.polledPatents += rows.length;
      await this.refreshPatents(rows.map((r) => r.id));
      const last = rows[rows.length - 1]!;
      this.watermark = { wm: last.wm, id: last.id };
    }
    await this.refreshDemands();
    await this.refreshListings();
    await this.followSideTables(false);
  }

  /**
   * Open-licence declarations and inventory runs change the filter flags (open licence, sleeping, grade)
   * without touching patents.updated_at: re-index the patents they name. init = only set the watermarks.
   */
  private async followSideTables(init: boolean): Promise<void> {
    try {
      const ol = await query<{ id: number; wm: string }>(this.db,
        `select patent_id::int as id, ${wmOf('updated_at')} as wm from open_licence_declarations where ${changedAfter('updated_at', '$1')} order by updated_at limit 5000`, [this.olWatermark ?? WM_ZERO]);
      if (ol.length) {
        this.olWatermark = ol[ol.length - 1]!.wm;
        if (!init) await this.refreshPatents([...new Set(ol.map((r) => r.id))]);
      }
      const run = (await query<{ id: number | null }>(this.db, `select max(id)::int as id from inventory_runs`))[0]?.id ?? 0;
      if (run > this.lastRun) {
        const prev = this.lastRun;
        this.lastRun = run;
        if (!init) {
          const ids = await query<{ id: number }>(this.db, `select distinct patent_id::int as id from inventory_items where run_id in ($1, $2)`, [run, prev]);
          for (let i = 0; i < ids.length; i += 5000) await this.refreshPatents(ids.slice(i, i + 5000).map((r) => r.id));
        }
      }
    } catch (e) {
      this.log?.debug({ err: e }, 'side tables not followed');
    }
  }

  private startPolling(): void {
    const ms = this.opts.pollMs ?? 5000;
    if (ms <= 0 || this.timer || this.closed) return;
    this.timer = setInterval(() => { this.poll().catch((e) => this.log?.warn({ err: e }, 'search poll failed')); }, ms);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Classify text: top IPC subclasses with Chinese titles, and the strategic emerging industries they map to. */
  classify(text: string, top = 5): { ipc: Array<{ code: string; title: string; score: number }>; industries: Array<{ code: string; name: string; score: number }> } {
    const preds = this.classifier?.predict(text, top) ?? [];
    const ipc = preds.map((p) => ({ code: p.code, title: this.ipcTitles.get(p.code) ?? '', score: round4(p.score) }));
    const ind = new Map<string, number>();
    for (const p of preds) for (const s of this.sei.get(p.code) ?? []) ind.set(s, (ind.get(s) ?? 0) + p.score);
    const industries = [...ind].sort((a, b) => b[1] - a[1]).map(([code, score]) => ({ code, name: SEI_NAMES[code] ?? code, score: round4(Math.min(1, score)) }));
    return { ipc, industries };
  }

  tokens(text: string): string[] { return tokenize(text); }
}

export const SEI_NAMES: Record<string, string> = {
  '1': '新一代信息技术产业', '2': '高端装备制造产业', '3': '新材料产业', '4': '生物产业', '5': '新能源汽车产业',
  '6': '新能源产业', '7': '节能环保产业', '8': '数字创意产业', '9': '相关服务业',
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

const engines = new WeakMap<object, SearchEngine>();

/** The engine of this database (one per Deps.db), wired to the write events once. */
export function engineFor(deps: Pick<Deps, 'db' | 'events' | 'log'>): SearchEngine {
  let e = engines.get(deps.db);
  if (!e) {
    const engine = new SearchEngine(deps.db, deps.log, { pollMs: process.env.NODE_ENV === 'test' ? 0 : 5000 });
    e = engine;
    engines.set(deps.db, engine);
    deps.events.on('patents.changed', (p: { ids?: number[] }) => { if (engine.status.state === 'ready') engine.track(engine.refreshPatents(p.ids ?? [])).catch(() => undefined); });
    deps.events.on('demands.changed', (p: { ids?: number[] }) => { if (engine.status.state === 'ready') engine.track(engine.refreshDemands(p.ids)).catch(() => undefined); });
  }
  return e;
}
