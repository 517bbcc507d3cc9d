import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { yuanToFen } from '@zhuanhua/domain';
import { api, ApiError, downloadUrl } from '../../api/client.ts';
import { newIdempotencyKey, postIdempotent } from '../deal/deal-api.ts';
import { useLicence, type LicenceDetail } from './licence-api.ts';
import { todayCn, useFormDialog } from '../../components/use-form-dialog.ts';

const YUAN = { pattern: /^\d+(\.\d{1,2})?$/, message: '金额（元），最多 2 位小数' };

function ReportButton({ l }: { l: LicenceDetail }) {
  const base = l.feeTerms.royaltyBase ?? 'net_sales';
  const next = l.periods.find((p) => !l.reports.some((r) => r.periodStart === p.start)) ?? null;
  const { open, setOpen, busy, form, onOk } = useFormDialog<{ periodStart: string; periodEnd: string; note?: string; units?: string; amount?: string }>({
    submit: (v) => {
      const body: Record<string, unknown> = { periodStart: v.periodStart, periodEnd: v.periodEnd, note: v.note || null };
      if (base === 'units') body.units = Number(v.units);
      else if (base === 'profit') body.profitFen = yuanToFen(String(v.amount));
      else body.netSalesFen = yuanToFen(String(v.amount));
      return api(`/licence/licences/${l.id}/reports`, { body });
    },
    success: '已申报，应付提成已计算', failure: '申报失败', invalidate: [['licence']],
  });
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="report-use">申报实施情况</Button>
      <Modal title="申报实施情况（按结算周期）" open={open} onOk={onOk} confirmLoading={busy} onCancel={() => setOpen(false)} okText="申报" cancelText="取消" destroyOnHidden
        okButtonProps={{ 'data-testid': 'report-ok' } as Record<string, string>}>
        {l.trialEnd && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`试用期至 ${l.trialEnd}，试用期内的实施不收费；之后按结算周期申报。`} />}
        <Form form={form} layout="vertical" preserve={false} initialValues={next ? { periodStart: next.start, periodEnd: next.end } : {}}>
          <Space>
            <Form.Item name="periodStart" label="期间开始" rules={[{ required: true }]}><Input type="date" data-testid="field-periodStart" /></Form.Item>
            <Form.Item name="periodEnd" label="期间结束" rules={[{ required: true }]}><Input type="date" data-testid="field-periodEnd" /></Form.Item>
          </Space>
          {base === 'units'
            ? <Form.Item name="units" label="销售数量（件）" rules={[{ required: true, pattern: /^\d+$/, message: '整数' }]}><Input data-testid="field-units" /></Form.Item>
            : <Form.Item name="amount" label={base === 'profit' ? '利润（元）' : '净销售额（元）'} rules={[{ required: true, message: '必填' }, YUAN]}><Input addonAfter="元" data-testid="field-base" /></Form.Item>}
          <Form.Item name="note" label="说明"><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function PayButton({ l }: { l: LicenceDetail }) {
  const [key, setKey] = useState(newIdempotencyKey);
  const { open, setOpen, busy, form, onOk } = useFormDialog<{ amount: string; receivedDate: string; reference?: string }>({
    submit: (v) => postIdempotent(`/licence/licences/${l.id}/payments`, { amountFen: yuanToFen(String(v.amount)), receivedDate: v.receivedDate, reference: v.reference || null }, key),
    success: '已登记付款', failure: '登记失败（可直接重试，不会重复登记）',
    invalidate: [['licence']], onDone: () => setKey(newIdempotencyKey()),
  });
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={l.outstanding.fen <= 0} data-testid="licence-pay">登记付款</Button>
      <Modal title="登记许可费付款" open={open} onOk={onOk} confirmLoading={busy} onCancel={() => setOpen(false)} okText="提交" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ receivedDate: todayCn(), amount: l.outstanding.yuan.replace(/,/g, '') }}>
          <Form.Item name="amount" label={`金额（元，应付未付 ${l.outstanding.yuan} 元）`} rules={[{ required: true }, YUAN]}><Input addonAfter="元" /></Form.Item>
          <Form.Item name="receivedDate" label="付款日期" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="reference" label="凭证号"><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function TrialButtons({ l }: { l: LicenceDetail }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  async function decide(decision: 'convert' | 'exit') {
    try {
      await api(`/licence/licences/${l.id}/trial-decision`, { body: { decision, date: todayCn() } });
      message.success(decision === 'convert' ? '已转为付费许可' : '已退出，试用期内不产生费用');
      await qc.invalidateQueries({ queryKey: ['licence'] });
    } catch (e) { message.error(e instanceof ApiError ? e.message : '操作失败'); }
  }
  return (
    <>
      <Popconfirm title="试用期满后按许可条件付费，确认转为付费许可？" onConfirm={() => void decide('convert')} okText="确认" cancelText="取消"><Button>转为付费许可</Button></Popconfirm>
      <Popconfirm title="退出后许可于今日终止，确认退出？" onConfirm={() => void decide('exit')} okText="退出" cancelText="取消"><Button danger>试用期内退出</Button></Popconfirm>
    </>
  );
}

export function LicenceDetailPage() {
  const id = Number(useParams().id);
  const { data: l, isLoading, error } = useLicence(id);
  if (isLoading) return <Spin />;
  if (error || !l) return <Alert type="error" message={(error as Error)?.message ?? '许可不存在'} />;
  const live = l.stateNow === 'trial' || l.stateNow === 'active';
  const royalty = l.feeTerms.mode === 'royalty' || l.feeTerms.mode === 'entry_plus_royalty';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<Space><Typography.Title level={4} style={{ margin: 0 }} data-testid="licence-title">{l.title}</Typography.Title><Tag color={l.stateNow === 'trial' ? 'green' : 'blue'} data-testid="licence-state">{l.stateNowLabel}</Tag></Space>}
        extra={<Space>
          {l.role === 'licensee' && live && royalty && <ReportButton l={l} />}
          {l.role !== 'office' && live && <PayButton l={l} />}
          {l.role === 'licensee' && l.state === 'trial' && l.stateNow === 'trial' && <TrialButtons l={l} />}
          <Button icon={<FileWordOutlined />} href={downloadUrl(`/licence/licences/${l.id}/document`)} data-testid="licence-docx">下载许可文书</Button>
        </Space>}>
        {l.reminders.map((r) => <Alert key={r.key} type={r.kind === 'overdue' ? 'error' : 'warning'} showIcon style={{ marginBottom: 8 }}
          message={`${r.label}：${r.outstanding.yuan} 元，${r.kind === 'overdue' ? `已逾期 ${-r.daysLeft} 天` : `${r.daysLeft} 天后（${r.dueDate}）到期`}`} />)}
        <Descriptions column={2} bordered size="small">
          <Descriptions.Item label="申请号"><Link to={`/patents/${l.patentId}`}>{l.applicationNumber}</Link></Descriptions.Item>
          <Descriptions.Item label="开放许可声明"><Link to={`/open-licence/${l.declarationId}`}>#{l.declarationId}</Link>（交易台账 <Link to={`/deals/${l.dealId}`}>#{l.dealId}</Link>）</Descriptions.Item>
          <Descriptions.Item label="许可方">{l.licensorName}</Descriptions.Item>
          <Descriptions.Item label="被许可方">{l.licenseeName}</Descriptions.Item>
          <Descriptions.Item label="书面通知日">{l.noticeDate}</Descriptions.Item>
          <Descriptions.Item label="付款日">{l.paymentDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="许可期限">{l.licensedFrom} 至 {l.licensedTo}</Descriptions.Item>
          <Descriptions.Item label="试用期至">{l.trialEnd ?? '无'}</Descriptions.Item>
          <Descriptions.Item label="许可条件" span={2}>{l.feeText}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="应付与已付（精确到分）">
        <Space size="large">
          <Statistic title="应付合计（元）" value={l.dueTotal.yuan} />
          <Statistic title="已付（元）" value={l.received.yuan} valueStyle={{ color: '#3f8600' }} />
          <Statistic title="应付未付（元）" value={l.outstanding.yuan} valueStyle={{ color: l.outstanding.fen > 0 ? '#cf1322' : undefined }} />
        </Space>
        <Table size="small" rowKey="key" pagination={false} dataSource={l.dueItems} style={{ marginTop: 16 }} data-testid="due-items"
          columns={[
            { title: '事项', dataIndex: 'label' }, { title: '到期日', dataIndex: 'dueDate', width: 110 },
            { title: '应付（元）', align: 'right', width: 130, render: (_: unknown, i) => i.amount.yuan },
            { title: '已付（元）', align: 'right', width: 130, render: (_: unknown, i) => i.paid.yuan },
            { title: '未付（元）', align: 'right', width: 130, render: (_: unknown, i) => i.outstanding.yuan },
          ]} />
      </Card>
      {royalty && <Card title="实施情况申报">
        <Table size="small" rowKey="id" pagination={false} dataSource={l.reports} data-testid="use-reports"
          columns={[
            { title: '期间', render: (_: unknown, r) => `${r.periodStart} 至 ${r.periodEnd}` },
            { title: '申报基数', render: (_: unknown, r) => (r.units !== null ? `${r.units} 件` : r.netSales ? `净销售额 ${r.netSales.yuan} 元` : r.profit ? `利润 ${r.profit.yuan} 元` : '—') },
            { title: '应付提成（元）', align: 'right', render: (_: unknown, r) => (r.inTrial ? <Tag color="green">试用期免费</Tag> : r.due.yuan) },
            { title: '到期日', dataIndex: 'dueDate', render: (v: string | null) => v ?? '—' },
          ]} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>结算周期：{l.periods.slice(0, 4).map((p) => `${p.start}～${p.end}（${p.dueDate} 前付）`).join('；')}{l.periods.length > 4 ? ' …' : ''}</Typography.Paragraph>
      </Card>}
      <Card title="付款记录">
        <Table size="small" rowKey="id" pagination={false} dataSource={l.payments}
          columns={[{ title: '日期', dataIndex: 'receivedDate' }, { title: '金额（元）', align: 'right', render: (_: unknown, p) => p.amount.yuan }, { title: '凭证号', dataIndex: 'reference' }]} />
      </Card>
    </Space>
  );
}
