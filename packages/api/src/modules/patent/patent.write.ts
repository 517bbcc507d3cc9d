import { query, type Queryable } from '../../db/client.ts';
import type { PatentRecord } from './patent.rows.ts';

const COLS = ['application_number', 'publication_number', 'grant_number', 'type', 'title', 'abstract', 'claims_count', 'ipc_main', 'ipc_codes',
  'inventors', 'filing_date', 'publication_date', 'grant_date', 'legal_status', 'legal_status_raw', 'restorable', 'lapse_reason',
  'fee_paid_through', 'overseas_family', 'citations_count', 'region_code', 'holder_address', 'source', 'generated_fields'];

/** text[] columns travel as array literals ('{"a","b"}'), one per row, cast back per row: unnest cannot take ragged arrays. */
const ARRAY_COLS = new Set(['ipc_codes', 'inventors', 'overseas_family', 'generated_fields']);
export const pgArrayLiteral = (a: string[]): string => `{${a.map((e) => `"${e.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/**
 * Insert or update a batch of patents by application number, then rewrite their holders (linked to
 * organisations by exact name) and append a status-history entry when the status is new or changed.
 */
export async function upsertPatents(db: Queryable, records: PatentRecord[]): Promise<{ inserted: number; updated: number; ids: number[] }> {
  if (!records.length) return { inserted: 0, updated: 0, ids: [] };
  const v = (f: (r: PatentRecord) => unknown) => records.map(f);
  const scalars: unknown[] = [
    v((r) => r.applicationNumber), v((r) => r.publicationNumber), v((r) => r.grantNumber), v((r) => r.type), v((r) => r.title), v((r) => r.abstract),
    v((r) => r.claimsCount), v((r) => r.ipcCodes[0] ?? null), v((r) => pgArrayLiteral(r.ipcCodes)), v((r) => pgArrayLiteral(r.inventors)),
    v((r) => r.filingDate), v((r) => r.publicationDate), v((r) => r.grantDate), v((r) => r.legalStatus), v((r) => r.legalStatusRaw), v((r) => r.restorable),
    v((r) => r.lapseReason), v((r) => r.feePaidThrough), v((r) => pgArrayLiteral(r.overseasFamily)), v((r) => r.citationsCount), v((r) => r.regionCode),
    v((r) => r.holderAddress), v((r) => r.source), v((r) => pgArrayLiteral(r.generatedFields)),
  ];
  const types = ['text', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'date', 'date', 'date', 'text', 'text', 'bool', 'text', 'date', 'text', 'int', 'text', 'text', 'text', 'text'];
  const unnestArgs = COLS.map((c, i) => `$${i + 1}::${ARRAY_COLS.has(c) ? 'text' : types[i]}[]`).join(', ');
  const selectCols = COLS.map((c) => (ARRAY_COLS.has(c) ? `u.${c}::text[]` : `u.${c}`)).join(', ');
  const sql = `
    with old as (select id, application_number, legal_status, legal_status_raw from patents where application_number = any($1::text[])),
    up as (
      insert into patents (${COLS.join(', ')})
      select ${selectCols} from unnest(${unnestArgs}) as u(${COLS.join(', ')})
      on conflict (application_number) do update set
        ${COLS.filter((c) => c !== 'application_number').map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()
      returning id, application_number, legal_status, legal_status_raw, grant_date
    )
    select up.id, up.application_number, up.legal_status, up.legal_status_raw, up.grant_date, old.id is null as inserted,
           (old.id is null or old.legal_status is distinct from up.legal_status or old.legal_status_raw is distinct from up.legal_status_raw) as status_changed
      from up left join old on old.application_number = up.application_number`;
  const rows = await query<{ id: number; application_number: string; legal_status: string; legal_status_raw: string | null; grant_date: string | null; inserted: boolean; status_changed: boolean }>(db, sql, scalars);
  const idByApp = new Map(rows.map((r) => [r.application_number, r.id]));
  const ids = rows.map((r) => r.id);

  await query(db, `delete from patent_holders where patent_id = any($1::bigint[])`, [ids]);
  const hp: number[] = [], hs: number[] = [], hn: string[] = [];
  for (const r of records) {
    const id = idByApp.get(r.applicationNumber)!;
    r.holders.forEach((name, i) => { hp.push(id); hs.push(i + 1); hn.push(name); });
  }
  if (hp.length) {
    await query(db, `insert into patent_holders (patent_id, seq, name, org_id)
                     select u.p, u.s, u.n, o.id from unnest($1::bigint[], $2::int[], $3::text[]) as u(p, s, n) left join organisations o on o.name = u.n
                     on conflict do nothing`, [hp, hs, hn]);
  }
  const changed = rows.filter((r) => r.status_changed);
  if (changed.length) {
    await query(db, `insert into patent_status_history (patent_id, event_date, status, raw)
                     select * from unnest($1::bigint[], $2::date[], $3::text[], $4::text[])`,
    [changed.map((r) => r.id), changed.map((r) => (r.inserted ? r.grant_date : null)), changed.map((r) => r.legal_status), changed.map((r) => r.legal_status_raw)]);
  }
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted, ids };
}
