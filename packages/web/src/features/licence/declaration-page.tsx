import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { formatYuan } from '@zhuanhua/domain';
import { api, ApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { newIdempotencyKey, postIdempotent } from '../deal/deal-api.ts';
import { useDeclaration, type Declaration, type LicenceDetail } from './licence-api.ts';

import { todayCn, useFormDialog } from '../../components/use-form-dialog.ts';

function TakeButton({ d }: { d: Declaration }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const [form] = Form.useForm();
  const nav = useNavigate();
  const { message } = App.useApp();
  const t = d.feeTerms;
  const upfront = t.trialMonths > 0 ? 0 : t.mode === 'lump_sum' ? t.lumpSumFen ?? 0 : t.mode === 'entry_plus_royalty' ? t.entryFeeFen ?? 0 : 0;
  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const l = await postIdempotent<LicenceDetail>('/licence/licences', { declarationId: d.id, noticeDate: v.noticeDate, paymentDate: v.paymentDate || null, paymentReference: v.paymentReference || null }, key);
      message.success('开放许可已成立，许可文书已生成');
      setKey(newIdempotencyKey());
      nav(`/licences/${l.id}`);
    } catch (e) { message.error(e instanceof ApiError ? e.message : '办理失败（可直接重试，不会重复办理）'); } finally { setBusy(false); }
  }
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="take-licence">实施此许可</Button>
      <Modal title="实施开放许可：书面通知专利权人" open={open} onOk={() => void submit()} confirmLoading={busy} onCancel={() => setOpen(false)} okText="确认通知" cancelText="取消" destroyOnHidden
        okButtonProps={{ 'data-testid': 'take-ok' } as Record<string, string>}>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`许可条件：${d.feeText}；许可期限 ${d.licenceYears} 年`}
          description={upfront > 0 ? `须支付 ${formatYuan(upfront)} 元后许可成立，许可自通知日与付款日中较晚者起算。` : t.trialMonths > 0 ? `试用期 ${t.trialMonths} 个月内免费实施，期满后按上述条件付费，或于期满前退出。` : '许可自书面通知之日起成立。'} />
        <Form form={form} layout="vertical" initialValues={{ noticeDate: todayCn(), paymentDate: upfront > 0 ? todayCn() : undefined }} preserve={false}>
          <Form.Item name="noticeDate" label="书面通知日期" rules={[{ required: true, message: '请填写通知日期' }]}><Input type="date" data-testid="field-noticeDate" /></Form.Item>
          {upfront > 0 && <>
            <Form.Item name="paymentDate" label={`付款日期（${formatYuan(upfront)} 元）`} rules={[{ required: true, message: '须付款后许可成立' }]}><Input type="date" /></Form.Item>
            <Form.Item name="paymentReference" label="付款凭证号"><Input /></Form.Item>
          </>}
        </Form>
      </Modal>
    </>
  );
}

function OfficeReview({ d }: { d: Declaration }) {
  const [mode, setMode] = useState<'approve' | 'reject'>('approve');
  const { open, setOpen, busy, form, onOk } = useFormDialog<{ comment?: string; publishedDate?: string }>({
    submit: (v) => api(`/licence/declarations/${d.id}/review`, { body: { decision: mode, comment: v.comment || null, publishedDate: mode === 'approve' ? v.publishedDate || null : null } }),
    success: mode === 'approve' ? '已批准并公布' : '已驳回',
    invalidate: [['licence']],
  });
  const start = (m: 'approve' | 'reject') => { setMode(m); setOpen(true); };
  return (
    <>
      <Button type="primary" onClick={() => start('approve')} data-testid="review-approve">批准并公布</Button>
      <Button danger onClick={() => start('reject')} data-testid="review-reject">驳回</Button>
      <Modal title={mode === 'approve' ? '批准并在开放许可目录公布' : '驳回声明'} open={open} onOk={onOk} confirmLoading={busy} onCancel={() => setOpen(false)} okText="确定" cancelText="取消" destroyOnHidden
        okButtonProps={{ 'data-testid': 'review-ok' } as Record<string, string>}>
        <Form form={form} layout="vertical" initialValues={{ publishedDate: todayCn() }} preserve={false}>
          {mode === 'approve' && <Form.Item name="publishedDate" label="公告日（默认今天；可登记国家知识产权局的公告日）"><Input type="date" data-testid="field-publishedDate" /></Form.Item>}
          <Form.Item name="comment" label={mode === 'approve' ? '审核意见' : '驳回理由'} rules={mode === 'reject' ? [{ required: true, message: '请填写驳回理由' }] : []}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function WithdrawButton({ d }: { d: Declaration }) {
  const { open, setOpen, busy, form, onOk } = useFormDialog<{ date: string; reason: string }>({
    submit: (v) => api(`/licence/declarations/${d.id}/withdraw`, { body: { date: v.date, reason: v.reason } }),
    success: '已撤回；已成立的许可不受影响',
    invalidate: [['licence']],
  });
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>撤回声明</Button>
      <Modal title="撤回开放许可声明" open={open} onOk={onOk} confirmLoading={busy} onCancel={() => setOpen(false)} okText="撤回" cancelText="取消" destroyOnHidden>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="撤回不影响在先给予的开放许可；撤回后不再接受新的许可。" />
        <Form form={form} layout="vertical" initialValues={{ date: todayCn() }} preserve={false}>
          <Form.Item name="date" label="撤回日期" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="reason" label="撤回理由" rules={[{ required: true, message: '请填写撤回理由' }]}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function DeclarationPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const { data: d, isLoading, error } = useDeclaration(id);
  if (isLoading) return <Spin />;
  if (error || !d) return <Alert type="error" message={(error as Error)?.message ?? '开放许可声明不存在'} />;
  const mine = user?.orgId === d.holderOrgId;
  const canTake = d.state === 'published' && user && user.orgId && !mine && (user.role === 'org_admin' || user.role === 'org_member');
  return (
    <Card title={<Space><Typography.Title level={4} style={{ margin: 0 }} data-testid="declaration-title">{d.title}</Typography.Title><Tag color={d.state === 'published' ? 'green' : d.state === 'submitted' ? 'blue' : 'default'} data-testid="declaration-state">{d.stateLabel}</Tag>{d.payLater && <Tag color="green">先使用后付费</Tag>}</Space>}
      extra={<Space>
        {canTake && <TakeButton d={d} />}
        {user?.role === 'platform_admin' && d.state === 'submitted' && <OfficeReview d={d} />}
        {(mine || user?.role === 'platform_admin') && (d.state === 'published' || d.state === 'submitted') && <WithdrawButton d={d} />}
      </Space>}>
      {!user && d.state === 'published' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="登录企业账号后可在线实施此许可。" />}
      <Descriptions column={2} bordered size="small">
        <Descriptions.Item label="申请号">{d.applicationNumber}</Descriptions.Item>
        <Descriptions.Item label="专利类型">{d.patentTypeLabel}</Descriptions.Item>
        <Descriptions.Item label="专利权人">{d.holderName}</Descriptions.Item>
        <Descriptions.Item label="主分类号">{d.ipcMain ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="许可使用费" span={2}><span data-testid="declaration-fee">{d.feeText}</span></Descriptions.Item>
        <Descriptions.Item label="许可期限">{d.licenceYears} 年</Descriptions.Item>
        <Descriptions.Item label="地域范围">{d.territory ?? '中华人民共和国境内'}</Descriptions.Item>
        <Descriptions.Item label="公布日">{d.publishedDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="已许可">{d.licenceCount} 家</Descriptions.Item>
        {d.evaluationReportNo && <Descriptions.Item label="专利权评价报告" span={2}>{d.evaluationReportNo}</Descriptions.Item>}
        <Descriptions.Item label="其他条件" span={2}>{d.otherTerms ?? '—'}</Descriptions.Item>
        {d.withdrawnDate && <Descriptions.Item label="撤回日期" span={2}>{d.withdrawnDate}</Descriptions.Item>}
      </Descriptions>
      {d.warnings.length > 0 && <Alert type="warning" showIcon style={{ marginTop: 12 }} message={`许可费高于指导上限（声明人已确认）：${d.warnings.map((w) => w.message).join('；')}`} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>声明开放许可期间，该专利年费减缴 15%（财税〔2024〕23号），且不得就该专利给予独占或排他许可。</Typography.Paragraph>
    </Card>
  );
}
