/** Shapes of the inventory API answers, with Chinese labels for the counts. */
import { countRows, GRADE_LABELS, GRADES, POOL_LABELS, INDUSTRY_MAPPING_NOTE, type RunSummary } from '@zhuanhua/domain/inventory/index.ts';
import { ORG_TYPE_LABELS, type OrgType } from '@zhuanhua/domain';
import type { Queryable } from '../../db/client.ts';
import * as repo from './inventory.repo.ts';
import { loadRefs } from './inventory.reference.ts';

export function presentRun(r: repo.RunRow) {
  return {
    id: r.id, batchNo: r.batch_no, asOf: r.as_of, scope: r.scope, holderId: r.holder_id, holderName: r.holder_name ?? null, regionCode: r.region_code,
    regionName: r.region_name ?? null, modelId: r.model_id, state: r.state, jobId: r.job_id, scanned: r.scanned, poolSize: r.pool_size,
    prevRunId: r.prev_run_id, note: r.note, createdAt: r.created_at, finishedAt: r.finished_at,
  };
}

export type CountView = { key: string; label: string; count: number };

/** The summary with names: grade, SEI industry, GB/T 4754 大类 (approximate), holder, province. */
export async function presentSummary(db: Queryable, s: RunSummary | null) {
  if (!s) return null;
  const refs = await loadRefs(db);
  const holderIds = Object.keys(s.byHolder).filter((k) => k !== 'none').map(Number);
  const holders = new Map((await repo.orgNames(db, holderIds)).map((o) => [String(o.id), o]));
  const regionCodes = Object.keys(s.byRegion).filter((k) => k !== 'none');
  const regions = new Map((await repo.regionNames(db, regionCodes)).map((r) => [r.code.trim(), r.name]));
  const rows = (c: Record<string, number>, label: (k: string) => string): CountView[] => countRows(c).map((r) => ({ ...r, label: r.key === 'none' ? '未归类' : label(r.key) }));
  return {
    scanned: s.scanned, poolSize: s.poolSize, highValueInPool: s.highValueInPool,
    byPool: (['univ', 'soe'] as const).map((k) => ({ key: k, label: POOL_LABELS[k], count: s.byPool[k] })),
    byGrade: GRADES.map((g) => ({ key: g, label: GRADE_LABELS[g], count: s.byGrade[g] })),
    bySei: rows(s.bySei, (k) => `${k} ${refs.seiNames.get(k) ?? ''}`.trim()),
    byIndustry: rows(s.byIndustry, (k) => `${k} ${refs.industryNames.get(k) ?? ''}`.trim()),
    industryNote: INDUSTRY_MAPPING_NOTE,
    byHolder: rows(s.byHolder, (k) => {
      const o = holders.get(k);
      return o ? `${o.name}（${ORG_TYPE_LABELS[o.type as OrgType] ?? o.type}）` : `机构 ${k}`;
    }),
    byRegion: rows(s.byRegion, (k) => regions.get(k) ?? k),
  };
}

export function presentItem(i: repo.ItemRow, names?: { sei?: Map<string, string>; industry?: Map<string, string> }) {
  return {
    patentId: i.patent_id, applicationNumber: i.application_number, title: i.title, type: i.type, pool: i.pool, grade: i.grade, score: i.score,
    legalScore: i.legal_score, technicalScore: i.technical_score, economicScore: i.economic_score,
    seiIndustry: i.sei_industry, seiIndustryName: i.sei_industry ? names?.sei?.get(i.sei_industry) ?? null : null, seiCodes: i.sei_codes,
    industryCode: i.industry_code, industryName: i.industry_code ? names?.industry?.get(i.industry_code) ?? null : null,
    holderId: i.holder_id, holderName: i.holder_name, holderType: i.holder_type, regionCode: i.region_code, highValue: i.high_value, hvFlags: i.hv_flags,
    openLicence: i.open_licence, ipcMain: i.ipc_main, filingDate: i.filing_date, grantDate: i.grant_date,
  };
}
