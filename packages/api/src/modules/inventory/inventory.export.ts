/** Excel export of a run: one sheet per view (summary, grade, SEI industry, GB/T 4754, holder, region, changes, pool). */
import { GRADE_LABELS, HV_FLAG_LABELS, POOL_LABELS, type Grade, type HvFlagCode, type RunSummary } from '@zhuanhua/domain/inventory/index.ts';
import { PATENT_TYPE_LABELS, ORG_TYPE_LABELS, type OrgType, type PatentType } from '@zhuanhua/domain';
import type { Queryable } from '../../db/client.ts';
import { writeXlsx, type Sheet } from '../../lib/excel-export.ts';
import * as repo from './inventory.repo.ts';
import { presentRun, presentSummary, type CountView } from './inventory.presenter.ts';
import { loadRefs } from './inventory.reference.ts';

/** The pool sheet holds at most this many rows (Excel's limit is 1,048,576; larger pools: filter first). */
export const EXPORT_ITEMS_MAX = 100_000;

const countSheet = (name: string, head: string, rows: CountView[]): Sheet => ({
  name, columns: [{ header: head, key: 'label', width: 40 }, { header: '代码', key: 'key', width: 12 }, { header: '入库数量（件）', key: 'count', width: 14 }], rows,
});

export async function exportRun(db: Queryable, run: repo.RunRow, filter: repo.ItemFilter): Promise<Buffer> {
  const r = presentRun(run);
  const s = await presentSummary(db, run.summary as RunSummary | null);
  const refs = await loadRefs(db);
  const diff = run.diff as { previousBatchNo: string; enteredCount: number; leftCount: number; gradeChangedCount: number; unchanged: number; entered: number[]; left: number[]; gradeChanged: { patentId: number; from: Grade; to: Grade }[] } | null;
  const { rows } = await repo.listItems(db, run.id, filter, 1, EXPORT_ITEMS_MAX, '-score');
  const sheets: Sheet[] = [
    {
      name: '汇总', columns: [{ header: '项目', key: 'k', width: 24 }, { header: '内容', key: 'v', width: 60 }],
      rows: [
        { k: '批次号', v: r.batchNo }, { k: '盘点基准日', v: r.asOf }, { k: '范围', v: r.scope === 'all' ? '全部' : r.scope === 'holder' ? `权利人：${r.holderName ?? r.holderId}` : `地区：${r.regionName ?? r.regionCode}` },
        { k: '分级模型', v: run.model_id }, { k: '盘点专利数（高校院所、国企持有）', v: r.scanned }, { k: '入库沉睡专利数', v: r.poolSize },
        { k: '其中高价值发明专利', v: s?.highValueInPool ?? 0 },
        ...(s?.byPool ?? []).map((p) => ({ k: p.label, v: p.count })),
        { k: '国民经济行业对照', v: '近似对照（人工整理），非官方参照关系表' },
        { k: '说明', v: '演示数据中的申请日、授权日、法律状态与权利人为生成数据' },
      ],
    },
    countSheet('按分级', '分级', s?.byGrade ?? []),
    countSheet('按战略性新兴产业', '战略性新兴产业', s?.bySei ?? []),
    countSheet('按国民经济行业（近似）', '国民经济行业大类（近似对照，人工整理）', s?.byIndustry ?? []),
    countSheet('按权利人', '权利人', s?.byHolder ?? []),
    countSheet('按地区', '省份', s?.byRegion ?? []),
    {
      name: '与上批次比较', columns: [{ header: '变化', key: 'k', width: 20 }, { header: '数量', key: 'n', width: 10 }, { header: '专利ID（至多1000个）', key: 'ids', width: 80 }],
      rows: diff ? [
        { k: `上一批次`, n: null, ids: diff.previousBatchNo }, { k: '新入库', n: diff.enteredCount, ids: diff.entered.join(',') },
        { k: '出库', n: diff.leftCount, ids: diff.left.join(',') },
        { k: '分级变化', n: diff.gradeChangedCount, ids: diff.gradeChanged.map((g) => `${g.patentId}:${g.from}→${g.to}`).join(',') }, { k: '未变化', n: diff.unchanged, ids: '' },
      ] : [{ k: '首次盘点（无上一批次）', n: null, ids: '' }],
    },
    {
      name: '入库专利清单',
      columns: [
        { header: '申请号', key: 'applicationNumber', width: 18 }, { header: '名称', key: 'title', width: 40 }, { header: '类型', key: 'type', width: 8 },
        { header: '权利人', key: 'holderName', width: 28 }, { header: '权利人类型', key: 'holderType', width: 10 }, { header: '库别', key: 'pool', width: 14 },
        { header: '分级', key: 'grade', width: 10 }, { header: '价值分', key: 'score', width: 8 }, { header: '法律价值', key: 'legal', width: 8 },
        { header: '技术价值', key: 'technical', width: 8 }, { header: '经济价值', key: 'economic', width: 8 }, { header: '战略性新兴产业', key: 'sei', width: 22 },
        { header: '国民经济行业（近似）', key: 'industry', width: 24 }, { header: '高价值类别', key: 'hv', width: 30 }, { header: '主分类号', key: 'ipcMain', width: 12 },
        { header: '申请日', key: 'filingDate', width: 12 }, { header: '授权日', key: 'grantDate', width: 12 }, { header: '地区代码', key: 'regionCode', width: 10 },
      ],
      rows: rows.map((i) => ({
        applicationNumber: i.application_number, title: i.title, type: PATENT_TYPE_LABELS[i.type as PatentType] ?? i.type, holderName: i.holder_name,
        holderType: i.holder_type ? ORG_TYPE_LABELS[i.holder_type as OrgType] ?? i.holder_type : '', pool: POOL_LABELS[i.pool], grade: GRADE_LABELS[i.grade],
        score: i.score, legal: i.legal_score, technical: i.technical_score, economic: i.economic_score,
        sei: i.sei_industry ? `${i.sei_industry} ${refs.seiNames.get(i.sei_industry) ?? ''}` : '', industry: i.industry_code ? `${i.industry_code} ${refs.industryNames.get(i.industry_code) ?? ''}` : '',
        hv: i.hv_flags.map((f) => HV_FLAG_LABELS[f as HvFlagCode] ?? f).join('、'), ipcMain: i.ipc_main, filingDate: i.filing_date, grantDate: i.grant_date, regionCode: i.region_code,
      })),
    },
  ];
  return writeXlsx(sheets);
}
