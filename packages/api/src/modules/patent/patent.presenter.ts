import type { PatentRow } from './patent.repo.ts';

export function presentPatentSummary(p: PatentRow) {
  return {
    id: p.id, applicationNumber: p.application_number, publicationNumber: p.publication_number, grantNumber: p.grant_number, type: p.type,
    title: p.title, ipcMain: p.ipc_main, ipcCodes: p.ipc_codes, filingDate: p.filing_date, grantDate: p.grant_date, legalStatus: p.legal_status,
    regionCode: p.region_code, holders: p.holders ?? [], source: p.source, generatedFields: p.generated_fields,
  };
}

export function presentPatentDetail(p: PatentRow, extra: {
  ipcTitles: Map<string, string>; history: { event_date: string | null; status: string; raw: string | null; event_code: string | null }[];
  uses: { kind: string; source_type: string | null; source_id: number | null; from_date: string; to_date: string | null; note: string | null }[];
}) {
  return {
    ...presentPatentSummary(p),
    abstract: p.abstract, claimsCount: p.claims_count, inventors: p.inventors, publicationDate: p.publication_date,
    ipc: p.ipc_codes.map((code) => ({ code, title: extra.ipcTitles.get(code) ?? null })),
    legalStatusRaw: p.legal_status_raw, restorable: p.restorable, lapseReason: p.lapse_reason, lapseDate: p.lapse_date,
    feePaidThrough: p.fee_paid_through, termExtensionDays: p.term_extension_days, overseasFamily: p.overseas_family,
    citationsCount: p.citations_count, awards: p.awards, holderAddress: p.holder_address,
    statusHistory: extra.history.map((h) => ({ date: h.event_date, status: h.status, raw: h.raw, eventCode: h.event_code })),
    uses: extra.uses.map((u) => ({ kind: u.kind, sourceType: u.source_type, sourceId: u.source_id, fromDate: u.from_date, toDate: u.to_date, note: u.note })),
    createdAt: p.created_at, updatedAt: p.updated_at,
  };
}
