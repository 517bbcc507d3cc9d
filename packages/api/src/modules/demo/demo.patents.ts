import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { addDays, addYears } from '@zhuanhua/domain';
import { checkCharacter, validateApplicationNumber, validatePublicationNumber } from '@zhuanhua/domain/patent/patent-number.ts';
import { normaliseLegalStatus } from '@zhuanhua/domain/patent/legal-status.ts';
import { REFERENCE_DIR } from '../../lib/paths.ts';
import { isGrantKind, type PatentRecord } from '../patent/patent.rows.ts';
import { parseLooseDate } from '../../lib/tabular.ts';
import { hashString, rng } from './demo.data.ts';

/** Fields we make up for the demo patents: the data has only numbers, titles and IPC codes. */
export const GENERATED_FIELDS = ['application_number', 'filing_date', 'publication_date', 'grant_date', 'legal_status', 'holders', 'fee_paid_through', 'claims_count'];

export type DemoPatentSource = { publicationNumber: string; kind: string; title: string; ipcSubclasses: string[]; abstract?: string };

export function readDemoTitles(): DemoPatentSource[] {
  const rows = parse(fs.readFileSync(path.join(REFERENCE_DIR, 'demo/cn_patents_title_ipc_demo_8740.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  const out: DemoPatentSource[] = rows.map((r) => ({ publicationNumber: r.publication_number, kind: r.kind, title: r.title, ipcSubclasses: r.ipc_subclasses.split('|').filter(Boolean) }));
  const abs = fs.readFileSync(path.join(REFERENCE_DIR, 'demo/cn_patents_abstracts_sample_67.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { publication_number: string; title: string; abstract: string; cpc: string[] });
  const seen = new Set(out.map((o) => o.publicationNumber));
  for (const a of abs) {
    if (seen.has(a.publication_number) || !/^CN\d{9}[A-Z]\d?$/.test(a.publication_number)) continue;
    seen.add(a.publication_number);
    const kind = a.publication_number.replace(/^CN\d{9}/, '');
    out.push({ publicationNumber: a.publication_number, kind, title: a.title, abstract: a.abstract, ipcSubclasses: [...new Set(a.cpc.map((c) => c.replace(/\s+/g, '').slice(0, 4)))].filter((c) => /^[A-H]\d{2}[A-Z]$/.test(c)) });
  }
  return out;
}

/**
 * Turn a real publication (number, title, IPC) into a demo patent record. Application number, dates,
 * status and holder are generated deterministically from the publication number and listed in
 * generatedFields.
 */
export function demoPatentRecord(src: DemoPatentSource, holder: string, used: Set<string>): PatentRecord | null {
  const pub = validatePublicationNumber(src.publicationNumber);
  if (!pub.ok) return null;
  const r = rng(hashString(src.publicationNumber));
  const type = pub.value.patentType;
  const granted = isGrantKind(pub.value.kind);
  const year = granted ? 2010 + Math.floor(r() * 13) : 2019 + Math.floor(r() * 5);
  const typeDigit = type === 'invention' ? '1' : type === 'utility_model' ? '2' : '3';
  let serial = 100000 + Math.floor(r() * 800000);
  let body = '';
  do { body = `${year}${typeDigit}${String(serial++).padStart(7, '0')}`; } while (used.has(body));
  used.add(body);
  const appNo = `${body}.${checkCharacter(body)}`;
  const filing = addDays(`${year}-01-01`, Math.floor(r() * 360));
  const publication = addDays(filing, type === 'invention' ? 540 + Math.floor(r() * 200) : 150 + Math.floor(r() * 150));
  let grantDate: string | null = null;
  let status = 'pending', raw = '实质审查', lapseReason: string | null = null, feePaidThrough: string | null = null;
  if (granted) {
    grantDate = type === 'invention' ? addDays(filing, 700 + Math.floor(r() * 900)) : addDays(filing, 180 + Math.floor(r() * 200));
    if (grantDate > '2026-06-30') grantDate = '2026-06-30';
    const lapsed = r() < 0.12;
    status = lapsed ? 'lapsed' : 'in_force';
    raw = lapsed ? '未缴年费终止失效' : '专利权维持';
    lapseReason = lapsed ? 'FEE_UNPAID' : null;
    // annual fees paid to the next anniversary of the filing date after 2026-01-01 (generated)
    let paid = filing;
    while (paid <= '2026-01-01') paid = addYears(paid, 1);
    feePaidThrough = lapsed ? null : addDays(paid, -1);
  } else if (r() < 0.08) { status = 'lapsed'; raw = '驳回失效'; lapseReason = 'REJECTED'; }
  const st = normaliseLegalStatus(raw);
  return {
    applicationNumber: appNo, publicationNumber: granted && type === 'invention' ? `CN${pub.value.serial}A` : (granted ? null : pub.value.normalized),
    grantNumber: granted ? pub.value.normalized : null, type, title: src.title, abstract: src.abstract ?? null,
    claimsCount: 1 + Math.floor(r() * 15), ipcCodes: src.ipcSubclasses, inventors: [], holders: [holder],
    filingDate: filing, publicationDate: publication > '2026-06-30' ? null : publication, grantDate,
    legalStatus: st?.status ?? status, legalStatusRaw: raw, restorable: false, lapseReason, feePaidThrough,
    overseasFamily: [], citationsCount: Math.floor(r() * r() * 20), regionCode: null, holderAddress: null, source: 'demo', generatedFields: GENERATED_FIELDS,
  };
}

/** The four complete real records (incoPat-style export): imported as they are, with their real applicants. */
export function readFullBiblio(): PatentRecord[] {
  const lines = fs.readFileSync(path.join(REFERENCE_DIR, 'demo/cn_patents_fullbiblio_example_4.jsonl'), 'utf8').split('\n').filter(Boolean);
  const out: PatentRecord[] = [];
  for (const l of lines) {
    const o = JSON.parse(l) as Record<string, string | number>;
    const app = validateApplicationNumber(String(o['申请号']));
    if (!app.ok) continue;
    const pubNo = validatePublicationNumber(String(o['公开号'] ?? ''));
    const grant = validatePublicationNumber(String(o['授权公告号'] ?? ''));
    const st = normaliseLegalStatus(String(o['法律状态'] ?? ''));
    out.push({
      applicationNumber: app.value.normalized, publicationNumber: pubNo.ok ? pubNo.value.normalized : null, grantNumber: grant.ok ? grant.value.normalized : null,
      type: app.value.patentType, title: String(o['专利名称']), abstract: String(o['申请摘要'] ?? '') || null, claimsCount: null,
      ipcCodes: String(o['分类号'] ?? o['主分类号'] ?? '').split(/[;；\s]+/).map((c) => c.replace(/\s+/g, '')).filter((c) => /^[A-H]\d{2}[A-Z]/.test(c)),
      inventors: String(o['发明人'] ?? '').split(/[;；]/).filter(Boolean), holders: String(o['申请人'] ?? '').split(/[;；]/).filter(Boolean),
      filingDate: parseLooseDate(String(o['申请日'] ?? '')), publicationDate: parseLooseDate(String(o['公开日'] ?? '')), grantDate: grant.ok ? parseLooseDate(String(o['授权公告日'] ?? '')) : null,
      legalStatus: st?.status ?? 'in_force', legalStatusRaw: String(o['法律状态'] ?? '') || null, restorable: st?.restorable ?? false, lapseReason: st?.lapseReason ?? null,
      feePaidThrough: null, overseasFamily: [], citationsCount: 0, regionCode: null, holderAddress: String(o['地址'] ?? '') || null, source: 'demo', generatedFields: [],
    });
  }
  return out;
}
