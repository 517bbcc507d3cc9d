import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dealInput, dealListQuery, paymentInput, transitionInput } from '@zhuanhua/domain/deal/deal.schemas.ts';
import { DEAL_IMPORT_COLUMNS } from '@zhuanhua/domain/deal/deal.import.ts';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/auth.ts';
import { inTx } from '../../db/client.ts';
import { attachment, writeXlsx, XLSX_MIME } from '../../lib/excel-export.ts';
import { readUpload } from '../../http/upload.ts';
import { todayCn } from './deal.clock.ts';
import { idempotencyKeyOf, withIdempotency } from './deal.idempotency.ts';
import { createDealTx, dealDetail, dealList, recordPaymentTx, transitionDeal, updateDraftTx } from './deal.service.ts';
import { presentDealDetail, presentDealSummary } from './deal.presenter.ts';
import { importDeals } from './deal.import.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });

export async function dealRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deals'];
  r.get('/deals', { config: { action: 'deal.list' }, schema: { tags, querystring: dealListQuery } }, async (req) => {
    const { rows, total, parties, patents } = await dealList(deps.db, requireActor(req), req.query);
    return { items: rows.map((d) => presentDealSummary(d, parties, patents)), total };
  });
  r.get('/deals/export', { config: { action: 'deal.list' }, schema: { tags, querystring: dealListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const actor = requireActor(req);
    const { rows, parties, patents } = await dealList(deps.db, actor, { ...req.query, page: 1, pageSize: 50_000 });
    const buf = await writeXlsx([{
      name: '交易台账',
      columns: [
        { header: '编号', key: 'id', width: 8 }, { header: '合同名称', key: 'title', width: 36 }, { header: '交易类型', key: 'kind', width: 10 }, { header: '许可类型', key: 'licenceKind', width: 10 },
        { header: '专利申请号', key: 'patents', width: 30 }, { header: '出让/许可方', key: 'out', width: 24 }, { header: '出让方类型', key: 'outType', width: 10 },
        { header: '受让/被许可方', key: 'in', width: 24 }, { header: '受让方类型', key: 'inType', width: 10 }, { header: '受让方规模', key: 'inSize', width: 10 }, { header: '受让方区划', key: 'inRegion', width: 10 },
        { header: '合同签订日期', key: 'contractDate', width: 12 }, { header: '合同金额（元）', key: 'amount', width: 16 }, { header: '实际到账（元）', key: 'received', width: 16 },
        { header: '登记/备案号', key: 'regNo', width: 18 }, { header: '登记/备案日期', key: 'regDate', width: 12 }, { header: '状态', key: 'state', width: 10 },
      ],
      rows: rows.map((d) => {
        const x = presentDealSummary(d, parties, patents);
        const out = x.parties.filter((p) => p.side === 'out'), inn = x.parties.filter((p) => p.side === 'in');
        return {
          id: x.id, title: x.title, kind: x.kindLabel, licenceKind: x.licenceKindLabel ?? '', patents: x.patents.map((p) => p.applicationNumber).join('；'),
          out: out.map((p) => p.name).join('；'), outType: out.map((p) => p.orgType ?? '').join('；'), in: inn.map((p) => p.name).join('；'),
          inType: inn.map((p) => p.orgType ?? '').join('；'), inSize: inn.map((p) => p.sizeClass ?? '').join('；'), inRegion: inn.map((p) => p.regionCode ?? '').join('；'),
          contractDate: x.contractDate ?? '', amount: x.contractAmount.yuan, received: x.received.yuan, regNo: x.registrationNo ?? '', regDate: x.registrationDate ?? '', state: x.stateLabel,
        };
      }),
    }]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('交易台账.xlsx')).send(buf);
  });
  r.get('/deals/:id', { config: { action: 'deal.read' }, schema: { tags, params: idParam } },
    async (req) => presentDealDetail(await dealDetail(deps.db, requireActor(req), req.params.id, todayCn())));
  r.post('/deals', {
    config: { action: 'deal.create' },
    schema: { tags, body: dealInput, description: '新增交易（草稿）。可带请求头 Idempotency-Key 防止重复提交。' },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await withIdempotency(deps.db, actor, 'deal.create', idempotencyKeyOf(req, false), req.body, async (tx) => {
      const id = await createDealTx(tx, actor, req.body, { today: todayCn() });
      return { status: 201, body: presentDealDetail(await dealDetail(tx, actor, id, todayCn())) };
    });
    return reply.status(out.status).header('idempotent-replayed', String(out.replayed)).send(out.body);
  });
  r.put('/deals/:id', { config: { action: 'deal.update' }, schema: { tags, params: idParam, body: dealInput, description: '修改草稿（整体替换）' } }, async (req) => {
    const actor = requireActor(req);
    return inTx(deps.db, async (tx) => {
      await updateDraftTx(tx, actor, req.params.id, req.body, todayCn());
      return presentDealDetail(await dealDetail(tx, actor, req.params.id, todayCn()));
    });
  });
  r.post('/deals/:id/transitions', { config: { action: 'deal.transition' }, schema: { tags, params: idParam, body: transitionInput } }, async (req) => {
    const actor = requireActor(req);
    return inTx(deps.db, async (tx) => {
      await transitionDeal(tx, actor, req.params.id, req.body);
      return presentDealDetail(await dealDetail(tx, actor, req.params.id, todayCn()));
    });
  });
  r.post('/deals/:id/payments', {
    config: { action: 'deal.recordPayment' },
    schema: { tags, params: idParam, body: paymentInput, description: '登记到账。必须带请求头 Idempotency-Key：重试或重复提交只登记一次。' },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const key = idempotencyKeyOf(req);
    const out = await withIdempotency(deps.db, actor, 'deal.payment', key, { dealId: req.params.id, ...req.body }, async (tx) =>
      ({ status: 201, body: await recordPaymentTx(tx, actor, req.params.id, req.body, key) }));
    return reply.status(out.status).header('idempotent-replayed', String(out.replayed)).send(out.body);
  });
  r.get('/imports/deals/template', { config: { action: 'deal.template' }, schema: { tags } }, async (_req, reply) => {
    const example: Record<string, string> = {
      合同名称: '（示例行，导入前请删除）一种锂电池正极材料专利转让', 交易类型: '转让', 许可类型: '', 专利申请号: '201810431317.9',
      出让方名称: '示例大学', 出让方类型: '高校', 出让方规模: '', 出让方区划代码: '411500', 受让方名称: '示例新材料有限公司', 受让方类型: '民营企业',
      受让方规模: '小型', 受让方区划代码: '411502', 合同签订日期: '2021-03-05', 生效日期: '', '合同金额（万元）': '12.5', '实际到账金额（万元）': '10',
      到账日期: '2021-04-01', '登记/备案号': '', '登记/备案日期': '', 状态: '已签订', 备注: '',
    };
    const buf = await writeXlsx([
      { name: '交易导入模板', columns: DEAL_IMPORT_COLUMNS.map(([h]) => ({ header: h, key: h, width: 18 })), rows: [example] },
      { name: '填写说明', columns: [{ header: '列', key: 'c', width: 20 }, { header: '说明', key: 'd', width: 80 }], rows: [
        { c: '交易类型', d: '转让、许可 或 作价入股（必填）' },
        { c: '许可类型', d: '交易类型为许可时必填：独占、排他、普通、开放许可、分许可、交叉许可' },
        { c: '专利申请号', d: '必填，多件用分号（；）分隔，须已在专利库中' },
        { c: '出让方/受让方', d: '名称必填；与平台已登记机构同名时自动关联并取交易年度的规模；否则须填写机构类型（高校、科研院所、国有企业、民营企业…）与规模（大型、中型、小型、微型）' },
        { c: '金额', d: '以万元计，最多 6 位小数（精确到分）；实际到账金额须同时填写到账日期' },
        { c: '日期', d: 'YYYY-MM-DD（也接受 2021/3/5、2021年3月5日）' },
        { c: '状态', d: '已签订、已登记/备案、履行中、已完成、已终止；留空时有登记号为已登记/备案，否则为已签订' },
        { c: '导入规则', d: '全部行有效才写入（一次事务），否则报告每行错误、不作任何更改；可选择“仅导入有效行”' },
      ] },
    ]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('交易导入模板.xlsx')).send(buf);
  });
  r.post('/imports/deals', {
    config: { action: 'deal.import', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, consumes: ['multipart/form-data'], description: '上传 .xlsx 或 .csv。字段 mode=all|valid-only。返回任务 ID，用 /jobs/:id 查询进度与结果。' },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const { filename, buf, fields } = await readUpload(req);
    const jobId = await deps.jobs.start('deal.import', actor, async (progress) => {
      const res = await importDeals(deps.db, actor, filename, buf, { validOnly: fields.mode === 'valid-only', today: todayCn() }, progress);
      return { ...res, ids: undefined };
    });
    return reply.status(202).send({ jobId });
  });
}
