/** Import existing pledge registrations (e.g. from CNIPA's register) and export the pledge list. */
import { PLEDGE_STATE_LABELS } from '@zhuanhua/domain/pledge/index.ts';
import { formatWan } from '@zhuanhua/domain';
import { query, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { parseLooseDate, pick } from '../../lib/tabular.ts';
import type { presentPledgeSummary } from './pledge.presenter.ts';
import { orgIdByName, parseAmountCell, patentIdByNumber, runImport, type RowError } from './pledge.common.ts';

export const PLEDGE_TEMPLATE = ['出质人', '质权人', '质押登记号', '登记日期', '被担保债权数额(万元)', '债务起始日', '债务到期日', '专利申请号', '贷款金额(万元)', '状态', '解除日期'];

type Rec = {
  pledgor: { id: number; type: string; size_class: string | null; region_code: string | null }; pledgeeId: number;
  registrationNo: string; registrationDate: string; securedFen: number; start: string; end: string; patentIds: number[];
  loanFen: number | null; state: 'registered' | 'released'; releasedDate: string | null;
};

export async function importPledges(db: Queryable, actor: Actor, filename: string, buf: Buffer, validOnly: boolean, progress?: Progress) {
  const orgs = new Map<string, Awaited<ReturnType<typeof orgIdByName>>>();
  const seen = new Set<string>();
  return runImport<Rec>({
    db, actor, filename, buf, validOnly, entity: 'pledge', progress,
    parse: async (row, c) => {
      const errors: RowError[] = [];
      const err = (field: string, message: string) => errors.push({ row, field, message });
      const pledgorName = pick(c, ['出质人']);
      const pledgor = pledgorName ? await orgIdByName(db, pledgorName, orgs) : undefined;
      if (!pledgor) err('出质人', pledgorName ? `机构“${pledgorName}”不存在，请先登记机构` : '缺少出质人');
      const pledgeeName = pick(c, ['质权人']);
      const pledgee = pledgeeName ? await orgIdByName(db, pledgeeName, orgs) : undefined;
      if (!pledgee) err('质权人', pledgeeName ? `机构“${pledgeeName}”不存在` : '缺少质权人');
      else if (pledgee.type !== 'bank') err('质权人', '质权人须为银行');
      else if (actor.role === 'bank_officer' && pledgee.id !== actor.orgId) err('质权人', '只能导入本行的质押登记');
      const registrationNo = pick(c, ['质押登记号', '登记号']);
      if (!registrationNo) err('质押登记号', '缺少质押登记号');
      else if (seen.has(registrationNo)) err('质押登记号', '文件中登记号重复');
      else if (await queryOne(db, `select 1 from pledges where registration_no = $1`, [registrationNo])) err('质押登记号', '该登记号已存在');
      seen.add(registrationNo);
      const date = (f: string, required: boolean) => {
        const raw = pick(c, [f]);
        const d = raw ? parseLooseDate(raw) : null;
        if (raw && !d) err(f, '日期格式不正确，应为 YYYY-MM-DD');
        else if (!raw && required) err(f, `缺少${f}`);
        return d;
      };
      const registrationDate = date('登记日期', true);
      const start = date('债务起始日', true);
      const end = date('债务到期日', true);
      if (start && end && end <= start) err('债务到期日', '债务到期日须晚于起始日');
      const secured = parseAmountCell(pick(c, ['被担保债权数额(万元)', '被担保债权数额']), 'wan');
      if (typeof secured === 'string') err('被担保债权数额(万元)', secured);
      const loanRaw = pick(c, ['贷款金额(万元)', '贷款金额']);
      const loan = loanRaw ? parseAmountCell(loanRaw, 'wan') : null;
      if (typeof loan === 'string') err('贷款金额(万元)', loan);
      const nums = pick(c, ['专利申请号', '申请号']).split(/[；;,，\s]+/).filter(Boolean);
      if (!nums.length) err('专利申请号', '缺少专利申请号');
      const patentIds: number[] = [];
      for (const n of nums) {
        const id = await patentIdByNumber(db, n);
        if (!id) err('专利申请号', `专利 ${n} 不在专利库中，请先导入专利`);
        else patentIds.push(id);
      }
      const stateLabel = pick(c, ['状态']) || '已登记';
      const state = stateLabel === '已解除' || stateLabel === '已注销' || stateLabel === PLEDGE_STATE_LABELS.released ? 'released' : stateLabel === '已登记' || stateLabel === '质押已登记' ? 'registered' : null;
      if (!state) err('状态', '状态须为“已登记”或“已解除”');
      const releasedDate = date('解除日期', state === 'released');
      if (errors.length) return { errors };
      return {
        errors, record: {
          pledgor: pledgor!, pledgeeId: pledgee!.id, registrationNo, registrationDate: registrationDate!, securedFen: secured as number,
          start: start!, end: end!, patentIds, loanFen: loan as number | null, state: state!, releasedDate,
        },
      };
    },
    write: async (tx, recs) => {
      const ids: number[] = [];
      for (const r of recs) {
        const row = (await queryOne<{ id: number }>(tx, `insert into pledges (state, pledgor_org_id, pledgee_org_id, pledgor_org_type, pledgor_size_class,
            pledgor_region_code, secured_amount_fen, loan_amount_fen, registration_no, registration_date, debt_term_start, debt_term_end, released_date, source, created_by)
          values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,'import',$14) returning id`,
        [r.state, r.pledgor.id, r.pledgeeId, r.pledgor.type, r.pledgor.size_class, r.pledgor.region_code, r.securedFen, r.loanFen,
          r.registrationNo, r.registrationDate, r.start, r.end, r.releasedDate, actor.userId || null]))!;
        await query(tx, `insert into pledge_patents (pledge_id, patent_id) select $1, unnest($2::bigint[]) on conflict do nothing`, [row.id, [...new Set(r.patentIds)]]);
        await query(tx, `insert into patent_uses (patent_id, kind, source_type, source_id, org_id, from_date, to_date, note, created_by)
          select patent_id, 'pledge', 'pledge', $1, $2, $3, $4, '专利权质押（导入）', $5 from pledge_patents where pledge_id = $1`,
        [row.id, r.pledgor.id, r.registrationDate, r.releasedDate, actor.userId || null]);
        ids.push(row.id);
      }
      return ids;
    },
  });
}

export const PLEDGE_EXPORT_COLUMNS = [
  { header: '编号', key: 'id', width: 8 }, { header: '出质人', key: 'pledgorName', width: 28 }, { header: '质权人', key: 'pledgeeName', width: 24 },
  { header: '状态', key: 'stateLabel', width: 10 }, { header: '申请日期', key: 'applicationDate', width: 12 },
  { header: '申请金额(万元)', key: 'requestedWan', width: 14 }, { header: '贷款金额(万元)', key: 'loanWan', width: 14 },
  { header: '质押登记号', key: 'registrationNo', width: 18 }, { header: '登记日期', key: 'registrationDate', width: 12 },
  { header: '被担保债权数额(万元)', key: 'securedWan', width: 16 }, { header: '解除日期', key: 'releasedDate', width: 12 },
  { header: '专利数', key: 'patentCount', width: 8 }, { header: '集合授信批次', key: 'batchName', width: 20 },
];

export function exportRow(p: ReturnType<typeof presentPledgeSummary>): Record<string, unknown> {
  const w = (v: number | null) => (v == null ? '' : formatWan(v));
  return { ...p, requestedWan: w(p.requestedAmountFen), loanWan: w(p.loanAmountFen), securedWan: w(p.securedAmountFen) };
}
