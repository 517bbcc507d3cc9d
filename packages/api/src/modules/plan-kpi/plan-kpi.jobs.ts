import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import type { Progress } from '../../jobs/jobs.ts';
import type { Queryable } from '../../db/client.ts';
import { audit } from '../../lib/audit.ts';
import { inTx } from '../../db/client.ts';
import { buildDocx, buildXlsx } from './plan-kpi.report.ts';
import { insertReport } from './plan-kpi.repo.ts';
import { evaluatePlan, getPlan, rankPlan } from './plan-kpi.service.ts';

export type ReportRequest = { planId: string; kind: 'xlsx' | 'docx'; year: number; region?: string; asOf: string };

/** Build a report (statistical tables or the annual work summary) and store it; returns its id and file name. */
export async function generateReport(db: Queryable, actor: Actor, req: ReportRequest, jobId: number | null, progress: Progress = () => undefined) {
  progress(0, 3, '计算指标');
  const plan = await getPlan(db, req.planId);
  const ev = await evaluatePlan(db, req.planId, { region: req.region, asOf: req.asOf });
  progress(1, 3, '区县排名');
  const rk = !req.region || req.region === plan.regionCode ? await rankPlan(db, req.planId, req.asOf) : null;
  progress(2, 3, '生成文件');
  const buf = req.kind === 'xlsx' ? await buildXlsx(ev, rk) : await buildDocx(ev, rk, req.year);
  const filename = req.kind === 'xlsx' ? `${ev.region.name}${req.year}年专利转化统计报表.xlsx` : `${ev.region.name}${req.year}年专利转化工作总结报告.docx`;
  const id = await inTx(db, async (tx) => {
    const rid = await insertReport(tx, { jobId, planId: req.planId, year: req.year, regionCode: ev.region.code, kind: req.kind, filename, content: buf }, actor.userId);
    await audit(tx, actor, { action: 'kpi.report', entity: 'kpi_report', entityId: rid, after: { planId: req.planId, year: req.year, kind: req.kind, region: ev.region.code, asOf: req.asOf } });
    return rid;
  });
  progress(3, 3, '完成');
  return { reportId: id, filename, bytes: buf.length, buf };
}

export function startReportJob(deps: Deps, actor: Actor, req: ReportRequest): Promise<number> {
  let jobId: number | null = null;
  const p = deps.jobs.start(`kpi.report.${req.kind}`, actor, async (progress) => {
    const r = await generateReport(deps.db, actor, req, jobId, progress);
    return { reportId: r.reportId, filename: r.filename, bytes: r.bytes, downloadUrl: `/api/v1/kpi/reports/${r.reportId}/download` };
  });
  void p.then((id) => { jobId = id; });
  return p;
}
