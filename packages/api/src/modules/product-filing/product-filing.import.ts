/** Import existing product filings (already filed on the national platform) and export the list. */
import { formatWan } from '@zhuanhua/domain';
import { checkFilingPatents } from '@zhuanhua/domain/product-filing/index.ts';
import { query, queryOne, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { parseLooseDate, pick } from '../../lib/tabular.ts';
import { orgIdByName, parseAmountCell, patentIdByNumber, runImport, type RowError } from '../pledge/pledge.common.ts';
import { filingPatentFacts } from './product-filing.repo.ts';
import { toFacts, type presentFiling } from './product-filing.service.ts';

export const FILING_TEMPLATE = ['备案主体', '产品名称', '产品类别', '备案号', '备案日期', '投产日期', '专利申请号', '报送年度', '产值(万元)', '销售额(万元)', '带动就业(人)'];

type Rec = {
  org: { id: number; type: string; size_class: string | null; region_code: string | null }; productName: string; category: string;
  filingNo: string; filingDate: string; productionStart: string | null; patents: { patentId: number; role: 'own' | 'licensed' }[];
  report: { year: number; outputFen: number; salesFen: number; jobs: number } | null;
};

export async function importFilings(db: Queryable, actor: Actor, filename: string, buf: Buffer, validOnly: boolean, progress?: Progress) {
  const orgs = new Map<string, Awaited<ReturnType<typeof orgIdByName>>>();
  const seen = new Set<string>();
  return runImport<Rec>({
    db, actor, filename, buf, validOnly, entity: 'product-filing', progress,
    parse: async (row, c) => {
      const errors: RowError[] = [];
      const err = (field: string, message: string) => errors.push({ row, field, message });
      const orgName = pick(c, ['备案主体', '企业名称']);
      const org = orgName ? await orgIdByName(db, orgName, orgs) : undefined;
      if (!org) err('备案主体', orgName ? `机构“${orgName}”不存在，请先登记机构` : '缺少备案主体');
      const productName = pick(c, ['产品名称']);
      if (productName.length < 2) err('产品名称', '缺少产品名称');
      const category = pick(c, ['产品类别']) || '其他';
      const filingNo = pick(c, ['备案号']);
      if (!filingNo) err('备案号', '缺少备案号');
      else if (seen.has(filingNo)) err('备案号', '文件中备案号重复');
      else if (await queryOne(db, `select 1 from product_filings where filing_no = $1`, [filingNo])) err('备案号', '该备案号已存在');
      seen.add(filingNo);
      const fd = parseLooseDate(pick(c, ['备案日期']));
      if (!fd) err('备案日期', '备案日期缺失或格式不正确');
      const psRaw = pick(c, ['投产日期']);
      const ps = psRaw ? parseLooseDate(psRaw) : null;
      if (psRaw && !ps) err('投产日期', '日期格式不正确');
      const nums = pick(c, ['专利申请号', '申请号']).split(/[；;,，\s]+/).filter(Boolean);
      if (!nums.length) err('专利申请号', '缺少专利申请号');
      const patentIds: number[] = [];
      for (const n of nums) {
        const id = await patentIdByNumber(db, n);
        if (!id) err('专利申请号', `专利 ${n} 不在专利库中`);
        else patentIds.push(id);
      }
      let patents: Rec['patents'] = [];
      if (org && fd && patentIds.length === nums.length) {
        const facts = await filingPatentFacts(db, patentIds.map((patentId) => ({ patentId, role: 'own' as const })), org.id);
        patents = facts.map((f) => ({ patentId: f.patent_id, role: f.holder_org_ids.map(Number).includes(org.id) ? 'own' : 'licensed' }));
        const problems = checkFilingPatents(org.id, fd, facts.map((f, i) => toFacts({ ...f, role: patents[i]!.role })));
        for (const p of problems) err('专利申请号', p.message);
      }
      let report: Rec['report'] = null;
      const yearRaw = pick(c, ['报送年度', '年度']);
      if (yearRaw) {
        const year = Number(yearRaw);
        const out = parseAmountCell(pick(c, ['产值(万元)', '产值']) || '0', 'wan');
        const sales = parseAmountCell(pick(c, ['销售额(万元)', '销售额']) || '0', 'wan');
        const jobs = Number(pick(c, ['带动就业(人)', '带动就业']) || '0');
        if (!Number.isInteger(year) || year < 2000 || year > 2100) err('报送年度', '年度须为四位年份');
        if (typeof out === 'string') err('产值(万元)', out);
        if (typeof sales === 'string') err('销售额(万元)', sales);
        if (!Number.isInteger(jobs) || jobs < 0) err('带动就业(人)', '须为非负整数');
        if (typeof out === 'number' && typeof sales === 'number') report = { year, outputFen: out, salesFen: sales, jobs };
      }
      if (errors.length) return { errors };
      return { errors, record: { org: org!, productName, category, filingNo, filingDate: fd!, productionStart: ps, patents, report } };
    },
    write: async (tx, recs) => {
      const ids: number[] = [];
      for (const r of recs) {
        const { id } = (await queryOne<{ id: number }>(tx, `insert into product_filings (org_id, org_type, org_size_class, region_code, product_name, category, filing_no, filing_date, production_start, state, integrity_pledge, source, created_by)
          values ($1,$2,$3,$4,$5,$6,$7,$8,$9,'filed',true,'import',$10) returning id`,
        [r.org.id, r.org.type, r.org.size_class, r.org.region_code, r.productName, r.category, r.filingNo, r.filingDate, r.productionStart, actor.userId || null]))!;
        for (const p of r.patents) await query(tx, `insert into product_filing_patents (filing_id, patent_id, role) values ($1,$2,$3)`, [id, p.patentId, p.role]);
        await query(tx, `insert into patent_uses (patent_id, kind, source_type, source_id, org_id, from_date, note, created_by)
          select patent_id, 'product_filing', 'product_filing', $1, $2, $3, $4, $5 from product_filing_patents where filing_id = $1`,
        [id, r.org.id, r.filingDate, `专利产品备案（导入）：${r.productName}`, actor.userId || null]);
        if (r.report) {
          await query(tx, `insert into product_filing_reports (filing_id, year, output_fen, sales_fen, jobs, reported_by) values ($1,$2,$3,$4,$5,$6)`,
            [id, r.report.year, r.report.outputFen, r.report.salesFen, r.report.jobs, actor.userId || null]);
        }
        ids.push(id);
      }
      return ids;
    },
  });
}

export const FILING_EXPORT_COLUMNS = [
  { header: '编号', key: 'id', width: 8 }, { header: '备案主体', key: 'orgName', width: 28 }, { header: '产品名称', key: 'productName', width: 28 },
  { header: '产品类别', key: 'category', width: 14 }, { header: '备案号', key: 'filingNo', width: 16 }, { header: '备案日期', key: 'filingDate', width: 12 },
  { header: '投产日期', key: 'productionStart', width: 12 }, { header: '状态', key: 'stateLabel', width: 10 }, { header: '专利数', key: 'patentCount', width: 8 },
  { header: '最近报送年度', key: 'latestYear', width: 12 }, { header: '最近年度产值(万元)', key: 'latestOutputWan', width: 16 },
];
export const filingExportRow = (f: ReturnType<typeof presentFiling>) => ({ ...f, latestOutputWan: f.latestOutputFen == null ? '' : formatWan(f.latestOutputFen) });
