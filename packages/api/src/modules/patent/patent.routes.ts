import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, LEGAL_STATUSES, LEGAL_STATUS_LABELS, ORG_TYPES, PATENT_TYPES, PATENT_TYPE_LABELS, type LegalStatus, type PatentType } from '@zhuanhua/domain';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { pagingQuery } from '../../http/paging.ts';
import { attachment, writeXlsx, XLSX_MIME } from '../../lib/excel-export.ts';
import { getPatentView, listPatentsView } from './patent.service.ts';
import { importPatents } from './patent.import.ts';
import { TEMPLATE_COLUMNS } from './patent.rows.ts';
import { readUpload } from '../../http/upload.ts';

export const patentFilterQuery = z.object({
  q: z.string().max(200).optional(),
  type: z.enum(PATENT_TYPES).optional(),
  status: z.enum(LEGAL_STATUSES).optional(),
  ipc: z.string().max(20).regex(/^[A-Za-z0-9/ ]*$/, 'IPC 格式不正确').optional(),
  holderType: z.enum(ORG_TYPES).optional(),
  holderId: z.coerce.number().int().positive().optional(),
  region: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字').optional(),
  year: z.coerce.number().int().min(1985).max(2100).optional(),
  yearField: z.enum(['filing', 'grant']).optional(),
});

export async function patentRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['patents'];
  r.get('/patents', { config: { action: 'patent.list' }, schema: { tags, querystring: pagingQuery.merge(patentFilterQuery) } },
    async (req) => listPatentsView(deps, req.query, req.query));
  r.get('/patents/export', { config: { action: 'patent.export', rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags, querystring: patentFilterQuery } }, async (req, reply) => {
    const { items } = await listPatentsView(deps, req.query, { page: 1, pageSize: 10_000 });
    const buf = await writeXlsx([{
      name: '专利列表',
      columns: [
        { header: '申请号', key: 'applicationNumber', width: 18 }, { header: '公开(公告)号', key: 'publicationNumber', width: 16 },
        { header: '授权公告号', key: 'grantNumber', width: 16 }, { header: '专利类型', key: 'type', width: 10 }, { header: '名称', key: 'title', width: 40 },
        { header: '申请人', key: 'holders', width: 30 }, { header: '主分类号', key: 'ipcMain', width: 14 }, { header: '申请日', key: 'filingDate', width: 12 },
        { header: '授权公告日', key: 'grantDate', width: 12 }, { header: '法律状态', key: 'legalStatus', width: 8 }, { header: '生成字段（演示数据）', key: 'generated', width: 30 },
      ],
      rows: items.map((p) => ({
        ...p, type: PATENT_TYPE_LABELS[p.type as PatentType], legalStatus: LEGAL_STATUS_LABELS[p.legalStatus as LegalStatus],
        holders: p.holders.map((h) => h.name).join('；'), generated: p.generatedFields.join('、'),
      })),
    }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('专利列表.xlsx')).send(buf);
  });
  r.get('/patents/:id', { config: { action: 'patent.read' }, schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (req) => getPatentView(deps.db, req.params.id));
  r.get('/imports/patents/template', { config: { action: 'patent.list' }, schema: { tags } }, async (_req, reply) => {
    const buf = await writeXlsx([{
      name: '专利导入模板', columns: TEMPLATE_COLUMNS.map((h) => ({ header: h, key: h, width: 16 })),
      rows: [{ 申请号: '201811564288.X', '公开(公告)号': 'CN109000000A', 授权公告号: '', 专利类型: '发明', 名称: '（示例行，导入前请删除）一种示例装置', 摘要: '示例摘要',
        申请人: '示例大学', 发明人: '张三；李四', 申请日: '2018-12-24', 公开日: '2019-03-01', 授权公告日: '', 主分类号: 'G06F16/00', 分类号: 'G06F16/00;G06N3/04',
        法律状态: '实质审查', 权利要求数: '10', 地址: '', 国省代码: '510000', 年费缴至: '', 被引用次数: '0', 海外同族: '' }],
    }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('专利导入模板.xlsx')).send(buf);
  });
  r.post('/imports/patents', {
    config: { action: 'patent.import', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, consumes: ['multipart/form-data'], description: '上传 .xlsx 或 .csv（UTF-8/GBK）。字段 mode=all|valid-only，orgId。返回任务 ID，用 /jobs/:id 查询进度与结果。' },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const { filename, buf, fields } = await readUpload(req);
    const validOnly = fields.mode === 'valid-only';
    let orgId = fields.orgId ? Number(fields.orgId) : null;
    if (actor.role !== 'platform_admin') orgId = actor.orgId;
    const jobId = await deps.jobs.start('patent.import', actor, async (progress) => {
      const res = await importPatents(deps.db, actor, filename, buf, { validOnly, orgId }, progress);
      deps.events.emit('patents.changed', { ids: res.ids });
      return { ...res, ids: undefined };
    });
    return reply.status(202).send({ jobId });
  });
}
