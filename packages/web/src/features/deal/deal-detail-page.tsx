import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { wanToFen } from '@zhuanhua/domain';
import { DEAL_STATE_LABELS, type DealState } from '@zhuanhua/domain/deal/deal.schemas.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { ORG_TYPE_LABELS, SIZE_CLASS_LABELS } from '../../lib/labels.ts';
import { todayCn, useFormDialog } from '../../components/use-form-dialog.ts';
import { DEAL_STATE_COLORS, newIdempotencyKey, postIdempotent, useDeal, type DealDetail } from './deal-api.ts';

const ACTION_LABELS: Record<string, string> = { signed: '签订', registered: '登记/备案', performing: '开始履行', completed: '完成', terminated: '终止' };

function TransitionButton({ deal, to }: { deal: DealDetail; to: DealState }) {
  const { open, setOpen, busy, form, onOk } = useFormDialog<{ date: string; reason?: string; registrationNo?: string; registrationDate?: string }>({
    submit: (v) => api(`/deals/${deal.id}/transitions`, { body: { to, date: v.date, reason: v.reason || null, registrationNo: v.registrationNo || null, registrationDate: v.registrationDate || null } }),
    success: `已${ACTION_LABELS[to]}`,
    invalidate: [['deal', deal.id], ['deals']],
  });
  return (
    <>
      <Button danger={to === 'terminated'} type={to === 'terminated' ? 'default' : 'primary'} onClick={() => setOpen(true)} data-testid={`deal-to-${to}`}>{ACTION_LABELS[to]}</Button>
      <Modal title={`${ACTION_LABELS[to]}：${deal.title}`} open={open} onOk={onOk} confirmLoading={busy} onCancel={() => setOpen(false)} okText="确定" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ date: todayCn(), registrationDate: deal.registrationDate ?? undefined, registrationNo: deal.registrationNo ?? undefined }} preserve={false}>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请填写日期' }]}><Input type="date" /></Form.Item>
          {to === 'registered' && <>
            <Form.Item name="registrationNo" label="国家知识产权局登记号/备案号" rules={[{ required: true, message: '请填写登记号/备案号' }]}><Input data-testid="field-registrationNo" /></Form.Item>
            <Form.Item name="registrationDate" label="登记/备案日期" rules={[{ required: true, message: '请填写登记/备案日期' }]}><Input type="date" /></Form.Item>
          </>}
          {to === 'terminated' && <Form.Item name="reason" label="终止原因" rules={[{ required: true, message: '请填写终止原因' }]}><Input.TextArea rows={2} /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}

function PaymentButton({ deal }: { deal: DealDetail }) {
  const [key, setKey] = useState(newIdempotencyKey);
  const { open, setOpen, busy, form, onOk } = useFormDialog<{ receivedDate: string; amount: string; reference?: string }>({
    submit: (v) => postIdempotent(`/deals/${deal.id}/payments`, { receivedDate: v.receivedDate, amountFen: wanToFen(String(v.amount)), reference: v.reference || null }, key),
    success: '已登记到账', failure: '登记失败（可直接重试，不会重复登记）',
    invalidate: [['deal', deal.id]], onDone: () => setKey(newIdempotencyKey()),
  });
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="deal-payment">登记到账</Button>
      <Modal title="登记到账（实际到账金额）" open={open} onOk={onOk} confirmLoading={busy} onCancel={() => setOpen(false)} okText="提交" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ receivedDate: todayCn() }} preserve={false}>
          <Form.Item name="receivedDate" label="到账日期" rules={[{ required: true, message: '请填写到账日期' }]}><Input type="date" /></Form.Item>
          <Form.Item name="amount" label="到账金额（万元，最多 6 位小数）" rules={[{ required: true, message: '请填写金额' }, { pattern: /^\d+(\.\d{1,6})?$/, message: '金额格式不正确' }]}>
            <Input addonAfter="万元" data-testid="field-amount" />
          </Form.Item>
          <Form.Item name="reference" label="凭证号/备注"><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function DealDetailPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const { data: d, isLoading, error } = useDeal(id);
  if (isLoading) return <Spin />;
  if (error || !d) return <Alert type="error" message={(error as Error)?.message ?? '交易不存在'} />;
  const canWrite = user && user.role !== 'auditor' && user.role !== 'bank_officer';
  const open = ['signed', 'registered', 'performing'].includes(d.state);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<Space><Typography.Title level={4} style={{ margin: 0 }} data-testid="deal-title">{d.title}</Typography.Title><Tag color={DEAL_STATE_COLORS[d.state]} data-testid="deal-state">{d.stateLabel}</Tag></Space>}
        extra={canWrite && <Space>{d.nextStates.map((s) => <TransitionButton key={s} deal={d} to={s as DealState} />)}{open && <PaymentButton deal={d} />}</Space>}>
        {d.filingLate && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="许可合同应自生效之日起 3 个月内向国家知识产权局备案，本合同备案已超过 3 个月" />}
        <Descriptions column={2} bordered size="small">
          <Descriptions.Item label="交易类型">{d.kindLabel}{d.licenceKindLabel ? `（${d.licenceKindLabel}）` : ''}</Descriptions.Item>
          <Descriptions.Item label="来源">{{ platform: '平台登记', import: '历史导入', open_licence: '开放许可', event: '对接活动' }[d.source] ?? d.source}</Descriptions.Item>
          <Descriptions.Item label="合同签订日期">{d.contractDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="生效日期">{d.effectiveDate ?? '—'}{d.endDate ? ` 至 ${d.endDate}` : ''}</Descriptions.Item>
          <Descriptions.Item label="登记/备案号">{d.registrationNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="登记/备案日期">{d.registrationDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地域/领域">{[d.territory, d.field].filter(Boolean).join(' / ') || '不限'}</Descriptions.Item>
          <Descriptions.Item label="备注">{d.note ?? '—'}{d.terminatedReason ? `（终止原因：${d.terminatedReason}）` : ''}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="金额（分精确，显示为元/万元）">
        <Space size="large" wrap>
          <Statistic title="合同金额（成交金额）" value={d.money.contractAmount.yuan} suffix="元" />
          <Statistic title="实际到账金额" value={d.money.received.yuan} suffix="元" valueStyle={{ color: '#3f8600' }} />
          <Statistic title="未到账" value={d.money.outstanding.yuan} suffix="元" />
          <Statistic title="已逾期未到账" value={d.money.overdue.yuan} suffix="元" valueStyle={{ color: d.money.overdue.fen > 0 ? '#cf1322' : undefined }} />
        </Space>
        <Table size="small" style={{ marginTop: 16 }} rowKey="id" pagination={false} dataSource={d.payments} data-testid="deal-payments"
          title={() => '到账记录（实际到账 = 各笔到账之和）'}
          columns={[{ title: '到账日期', dataIndex: 'receivedDate' }, { title: '金额（元）', align: 'right', render: (_: unknown, p) => p.amount.yuan }, { title: '金额（万元）', align: 'right', render: (_: unknown, p) => p.amount.wan }, { title: '凭证号', dataIndex: 'reference' }]} />
        {d.schedule.length > 0 && <Table size="small" style={{ marginTop: 16 }} rowKey="id" pagination={false} dataSource={d.schedule} title={() => '付款计划'}
          columns={[{ title: '应付日期', dataIndex: 'dueDate' }, { title: '金额（元）', align: 'right', render: (_: unknown, s) => s.amount.yuan }, { title: '说明', dataIndex: 'note' }]} />}
      </Card>
      <Card title="当事方（按合同日期的机构类型、规模、区划）">
        <Table size="small" rowKey={(p) => `${p.side}-${p.name}`} pagination={false} dataSource={d.parties}
          columns={[
            { title: '角色', dataIndex: 'roleLabel', width: 140 },
            { title: '名称', dataIndex: 'name', render: (v: string, p) => (p.orgId ? <Link to={`/organisations/${p.orgId}`}>{v}</Link> : v) },
            { title: '机构类型', dataIndex: 'orgType', render: (v: string | null) => (v ? ORG_TYPE_LABELS[v as keyof typeof ORG_TYPE_LABELS] : '—') },
            { title: '规模', dataIndex: 'sizeClass', render: (v: string | null) => (v ? SIZE_CLASS_LABELS[v as keyof typeof SIZE_CLASS_LABELS] : '—') },
            { title: '区划', dataIndex: 'regionCode' },
          ]} />
      </Card>
      <Card title={`专利（${d.patents.length} 件）`}>
        <Table size="small" rowKey="id" pagination={false} dataSource={d.patents}
          columns={[{ title: '申请号', dataIndex: 'applicationNumber', render: (v: string, p) => <Link to={`/patents/${p.id}`}>{v}</Link> }, { title: '名称', dataIndex: 'title' }]} />
      </Card>
      <Card title="状态记录">
        <Timeline items={d.history.map((h) => ({ children: `${h.date}：${h.from ? `${DEAL_STATE_LABELS[h.from as DealState]} → ` : ''}${h.toLabel}${h.by ? `（${h.by}）` : ''}${h.reason ? `，${h.reason}` : ''}` }))} />
      </Card>
    </Space>
  );
}
