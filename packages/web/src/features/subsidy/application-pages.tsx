import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Divider, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { APPLICATION_STATE_LABELS } from '@zhuanhua/domain/subsidy/index.ts';
import { api, ApiError, type List } from '../../api/client.ts';
import { isOffice, useAuth } from '../../app/auth.tsx';
import { optionsOf } from '../../lib/labels.ts';
import { AssessmentView } from './apply-page.tsx';
import { STATUS_COLORS, STEP_LABELS, toFen, yuan, type ApplicationDetail, type ApplicationSummary } from './subsidy-api.ts';

export function ApplicationListPage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const office = isOffice(user);
  const queue = params.get('queue') ? params.get('queue') === 'true' : office;
  const status = params.get('status') ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const list = useQuery({
    queryKey: ['subsidy', 'applications', queue, status, page],
    queryFn: () => api<List<ApplicationSummary>>('/subsidy/applications', { query: { queue: office ? String(queue) : undefined, status, page, pageSize: 20 } }),
  });
  const set = (k: string, v: string | undefined) => { const p = new URLSearchParams(params); if (v) p.set(k, v); else p.delete(k); if (k !== 'page') p.delete('page'); setParams(p); };
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{office ? '奖补审核' : '本单位的奖补申请'}</Typography.Title>}
      extra={!office && user?.role !== 'auditor' && <Link to="/subsidy/apply"><Button type="primary">申请奖补</Button></Link>}>
      <Space wrap style={{ marginBottom: 16 }}>
        {office && <Space>待我处理<Switch checked={queue} onChange={(v) => set('queue', String(v))} data-testid="subsidy-queue-toggle" /></Space>}
        <Select placeholder="状态" allowClear style={{ width: 140 }} value={status} onChange={(v) => set('status', v)} options={optionsOf(APPLICATION_STATE_LABELS)} />
      </Space>
      <Table<ApplicationSummary> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid="subsidy-application-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set('page', String(p)), showTotal: (t) => `共 ${t} 件` }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70, render: (v: number) => <Link to={`/subsidy/applications/${v}`}>#{v}</Link> },
          { title: '申请单位', dataIndex: 'applicantName', width: 200 },
          { title: '政策', dataIndex: 'policyName' },
          { title: '事项', dataIndex: 'itemLabel', ellipsis: true },
          { title: '金额', width: 140, align: 'right', render: (_: unknown, r) => yuan(r.amountFen) },
          { title: '提交日期', dataIndex: 'submittedOn', width: 110 },
          { title: '状态', width: 100, render: (_: unknown, r) => <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag> },
          { title: '可办理', width: 160, render: (_: unknown, r) => r.actions.map((a) => <Tag key={a}>{STEP_LABELS[a] ?? a}</Tag>) },
        ]} />
    </Card>
  );
}

type Dialog = null | { action: string; title: string };

export function ApplicationDetailPage() {
  const { id } = useParams();
  const { user } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState<number | undefined>();
  const [reference, setReference] = useState('');
  const [payDate, setPayDate] = useState('');
  const [objection, setObjection] = useState<{ id: number; upheld: boolean } | null>(null);
  const q = useQuery({ queryKey: ['subsidy', 'application', id], queryFn: () => api<ApplicationDetail>(`/subsidy/applications/${id}`) });
  const done = (msg: string) => { message.success(msg); setDialog(null); setReason(''); setAmount(undefined); setObjection(null); void qc.invalidateQueries({ queryKey: ['subsidy'] }); };
  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e));
  const run = useMutation({
    mutationFn: async (action: string) => {
      if (action === 'pay') return api(`/subsidy/applications/${id}/pay`, { body: { date: payDate || a!.today, reference } });
      if (action === 'withdraw') return api(`/subsidy/applications/${id}/withdraw`, { method: 'POST' });
      if (action === 'resolve_objection') return api(`/subsidy/objections/${objection!.id}/resolve`, { body: { upheld: objection!.upheld, resolution: reason } });
      if (action === 'raise_objection') return api(`/subsidy/applications/${id}/objections`, { body: { text: reason } });
      const body: Record<string, unknown> = { action };
      if (action === 'reject') body.reason = reason;
      if ((action === 'first_review' || action === 'second_review') && amount) body.amountFen = amount;
      if ((action === 'first_review' || action === 'second_review') && reason) body.note = reason;
      return api(`/subsidy/applications/${id}/review`, { body });
    },
    onSuccess: (_r, action) => done(`已${STEP_LABELS[action] ?? '办理'}`),
    onError: fail,
  });
  const a = q.data;
  if (!a) return <Card loading={q.isLoading}>{q.error ? (q.error as Error).message : null}</Card>;
  const needsDialog = ['reject', 'first_review', 'second_review', 'pay', 'raise_objection'];
  const open = (action: string) => (needsDialog.includes(action) ? setDialog({ action, title: STEP_LABELS[action] ?? action }) : run.mutate(action));
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>奖补申请 #{a.id} <Tag color={STATUS_COLORS[a.status]} data-testid="subsidy-status">{a.statusLabel}</Tag></Typography.Title>}
      extra={<Space wrap data-testid="subsidy-actions">
        {a.actions.filter((x) => x !== 'resolve_objection').map((x) => (
          <Button key={x} type={x === 'reject' || x === 'withdraw' ? 'default' : 'primary'} danger={x === 'reject'} loading={run.isPending && run.variables === x}
            onClick={() => open(x)} data-testid={`subsidy-action-${x}`}>{STEP_LABELS[x] ?? x}</Button>
        ))}
      </Space>}>
      <Descriptions column={2} bordered size="small">
        <Descriptions.Item label="申请单位">{a.applicantName}</Descriptions.Item>
        <Descriptions.Item label="政策">{a.policyName}（第 {a.policyVersion} 版，{a.versionInfo.ruleText}）</Descriptions.Item>
        <Descriptions.Item label="申请事项" span={2}>{a.itemLabel}</Descriptions.Item>
        <Descriptions.Item label="申请金额">{yuan(a.claimedAmountFen)}</Descriptions.Item>
        <Descriptions.Item label="核定金额"><span data-testid="subsidy-amount">{yuan(a.amountFen)}</span></Descriptions.Item>
        <Descriptions.Item label="提交日期">{a.submittedOn}</Descriptions.Item>
        <Descriptions.Item label="公示期">{a.noticeStart ? `${a.noticeStart} 至 ${a.noticeEnd}` : '—'}</Descriptions.Item>
        <Descriptions.Item label="批准日期">{a.approvedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="拨付">{a.paidOn ? `${a.paidOn}，凭证号 ${a.paymentRef ?? ''}` : '—'}</Descriptions.Item>
        {a.rejectReason && <Descriptions.Item label="驳回理由" span={2}><Typography.Text type="danger">{a.rejectReason}</Typography.Text></Descriptions.Item>}
      </Descriptions>
      {a.objections.length > 0 && <>
        <Divider orientation="left">公示异议</Divider>
        <Table rowKey="id" size="small" pagination={false} dataSource={a.objections}
          columns={[
            { title: '提出日期', dataIndex: 'raisedOn', width: 110 }, { title: '内容', dataIndex: 'text' },
            { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <Tag color={v === 'open' ? 'orange' : v === 'upheld' ? 'red' : 'default'}>{v === 'open' ? '待处理' : v === 'upheld' ? '成立' : '不成立'}</Tag> },
            { title: '处理意见', dataIndex: 'resolution' },
            { title: '', width: 200, render: (_: unknown, o) => o.status === 'open' && a.actions.includes('resolve_objection') && <Space>
              <Button size="small" onClick={() => { setObjection({ id: o.id, upheld: false }); setDialog({ action: 'resolve_objection', title: '异议不成立' }); }}>不成立</Button>
              <Button size="small" danger onClick={() => { setObjection({ id: o.id, upheld: true }); setDialog({ action: 'resolve_objection', title: '异议成立（驳回申请）' }); }}>成立</Button>
            </Space> },
          ]} />
      </>}
      <Divider orientation="left">资格与金额（提交时）</Divider>
      <AssessmentView a={a.assessment} />
      <Divider orientation="left">办理记录</Divider>
      <Timeline items={a.steps.map((s) => ({
        color: s.to === 'rejected' ? 'red' : s.to === 'paid' ? 'green' : 'blue',
        children: <span>{s.date} {STEP_LABELS[s.action] ?? s.action}（{s.actorName ?? '系统'}）{s.amountFen != null ? `，金额 ${yuan(s.amountFen)}` : ''}{s.note ? `：${s.note}` : ''}</span>,
      }))} />
      <Modal open={!!dialog} title={dialog?.title} onCancel={() => setDialog(null)} okText="确定" confirmLoading={run.isPending}
        onOk={() => dialog && run.mutate(dialog.action)} okButtonProps={{ 'data-testid': 'subsidy-dialog-ok' } as Record<string, string>}>
        {dialog?.action === 'pay' ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="info" showIcon message={`拨付 ${yuan(a.amountFen)}；同一凭证号重复提交不会重复拨付`} />
            <Input placeholder="拨付凭证号" value={reference} onChange={(e) => setReference(e.target.value)} data-testid="subsidy-pay-ref" />
            <Input type="date" value={payDate || a.today} onChange={(e) => setPayDate(e.target.value)} />
          </Space>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {(dialog?.action === 'first_review' || dialog?.action === 'second_review') && <InputNumber min={0} addonAfter="元" style={{ width: '100%' }} placeholder={`核定金额（默认 ${yuan(a.amountFen)}，只能调低）`} onChange={(v) => setAmount(toFen(v))} />}
            <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="subsidy-dialog-text"
              placeholder={dialog?.action === 'reject' ? '驳回理由（必填）' : dialog?.action === 'raise_objection' ? '异议内容（必填）' : dialog?.action === 'resolve_objection' ? '处理意见（必填）' : '审核意见（选填）'} />
          </Space>
        )}
      </Modal>
      {user && !isOffice(user) && a.status === 'in_notice' && <Alert style={{ marginTop: 16 }} type="info" showIcon message={`公示期 ${a.noticeStart} 至 ${a.noticeEnd}，期满且无未处理异议后方可批准`} />}
    </Card>
  );
}
