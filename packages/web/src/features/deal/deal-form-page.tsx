import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { wanToFen, formatWan } from '@zhuanhua/domain';
import { DEAL_KIND_LABELS, LICENCE_KIND_LABELS } from '@zhuanhua/domain/deal/deal.schemas.ts';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { ORG_TYPE_LABELS, SIZE_CLASS_LABELS, optionsOf } from '../../lib/labels.ts';
import { newIdempotencyKey, postIdempotent, type DealDetail } from './deal-api.ts';
import { OrgPicker, PatentPicker } from './deal-ui.tsx';

type PartyForm = { orgId?: number; name?: string; orgType?: string; sizeClass?: string; regionCode?: string };
const AMOUNT_RULE = { pattern: /^\d+(\.\d{1,6})?$/, message: '以万元计，最多 6 位小数' };

function PartyFields({ prefix, label, testId }: { prefix: 'out' | 'in'; label: string; testId: string }) {
  return (
    <Card size="small" title={label}>
      <Form.Item name={[prefix, 'orgId']} label="平台机构" extra="选择已登记机构时，按合同日期自动记录其类型、规模与区划"><OrgPicker testId={testId} /></Form.Item>
      <Form.Item noStyle shouldUpdate>{({ getFieldValue }) => (getFieldValue([prefix, 'orgId']) ? null : (
        <Row gutter={8}>
          <Col span={12}><Form.Item name={[prefix, 'name']} label="或填写名称"><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name={[prefix, 'orgType']} label="机构类型"><Select allowClear options={optionsOf(ORG_TYPE_LABELS)} /></Form.Item></Col>
          <Col span={12}><Form.Item name={[prefix, 'sizeClass']} label="规模"><Select allowClear options={optionsOf(SIZE_CLASS_LABELS)} /></Form.Item></Col>
          <Col span={12}><Form.Item name={[prefix, 'regionCode']} label="区划代码" rules={[{ pattern: /^\d{6}$/, message: '6 位数字' }]}><Input /></Form.Item></Col>
        </Row>
      ))}</Form.Item>
    </Card>
  );
}

const party = (side: 'out' | 'in', p: PartyForm | undefined) =>
  (p?.orgId ? { side, orgId: p.orgId } : { side, name: p?.name, orgType: p?.orgType || null, sizeClass: p?.sizeClass || null, regionCode: p?.regionCode || null });

export function DealFormPage() {
  const [form] = Form.useForm();
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nav = useNavigate();
  const { user } = useAuth();
  const { message } = App.useApp();
  useEffect(() => {
    if (user?.orgId && !form.getFieldValue(['out', 'orgId'])) form.setFieldValue(['out', 'orgId'], user.orgId);
  }, [user, form]);
  const kind = Form.useWatch('kind', form);
  const amount = Form.useWatch('amount', form);
  const schedule = Form.useWatch('schedule', form) as { amount?: string }[] | undefined;
  let scheduleSum = 0;
  try { scheduleSum = (schedule ?? []).reduce((s, i) => s + (i?.amount ? wanToFen(i.amount) : 0), 0); } catch { scheduleSum = NaN; }
  let amountFen = 0;
  try { amountFen = amount ? wanToFen(String(amount)) : 0; } catch { amountFen = NaN; }

  async function submit() {
    const v = await form.validateFields();
    setBusy(true); setError(null);
    try {
      const body = {
        kind: v.kind, licenceKind: v.kind === 'licence' ? v.licenceKind : null, title: v.title, contractDate: v.contractDate || null,
        effectiveDate: v.effectiveDate || null, endDate: v.endDate || null, contractAmountFen: v.amount ? wanToFen(String(v.amount)) : 0,
        territory: v.territory || null, field: v.field || null, patentIds: v.patentIds ?? [], pledgeeConsent: !!v.pledgeeConsent, note: v.note || null,
        parties: [party('out', v.out), party('in', v.in)],
        schedule: (v.schedule ?? []).filter((s: { dueDate?: string; amount?: string }) => s?.dueDate && s?.amount).map((s: { dueDate: string; amount: string }) => ({ dueDate: s.dueDate, amountFen: wanToFen(s.amount) })),
      };
      const d = await postIdempotent<DealDetail>('/deals', body, key);
      message.success('交易已登记（草稿）');
      setKey(newIdempotencyKey());
      nav(`/deals/${d.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败');
    } finally { setBusy(false); }
  }
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>登记交易</Typography.Title>}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'transfer' }} style={{ maxWidth: 960 }}>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="kind" label="交易类型" rules={[{ required: true }]}><Select options={optionsOf(DEAL_KIND_LABELS)} data-testid="field-kind" /></Form.Item></Col>
          {kind === 'licence' && <Col span={8}><Form.Item name="licenceKind" label="许可类型" rules={[{ required: true, message: '请选择许可类型' }]}>
            <Select options={optionsOf(LICENCE_KIND_LABELS).filter((o) => o.value !== 'open')} data-testid="field-licenceKind" /></Form.Item></Col>}
          <Col span={kind === 'licence' ? 8 : 16}><Form.Item name="title" label="合同名称" rules={[{ required: true, min: 2, message: '请填写合同名称' }]}><Input data-testid="field-title" /></Form.Item></Col>
        </Row>
        <Form.Item name="patentIds" label="专利（可多件）" rules={[{ required: true, message: '至少选择 1 件专利' }]}><PatentPicker testId="field-patents" /></Form.Item>
        <Row gutter={16}>
          <Col span={12}><PartyFields prefix="out" label={kind === 'licence' ? '许可方' : kind === 'equity' ? '出资方（专利权人）' : '转让方'} testId="field-out" /></Col>
          <Col span={12}><PartyFields prefix="in" label={kind === 'licence' ? '被许可方' : kind === 'equity' ? '被投资企业' : '受让方'} testId="field-in" /></Col>
        </Row>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={6}><Form.Item name="contractDate" label="合同签订日期"><Input type="date" data-testid="field-contractDate" /></Form.Item></Col>
          <Col span={6}><Form.Item name="effectiveDate" label="生效日期"><Input type="date" /></Form.Item></Col>
          <Col span={6}><Form.Item name="endDate" label="结束日期（许可）"><Input type="date" /></Form.Item></Col>
          <Col span={6}><Form.Item name="amount" label="合同金额（万元）" rules={[AMOUNT_RULE]} extra={Number.isFinite(amountFen) && amountFen > 0 ? `= ${formatWan(amountFen)} 万元` : undefined}><Input addonAfter="万元" data-testid="field-amount" /></Form.Item></Col>
        </Row>
        {kind === 'licence' && <Row gutter={16}>
          <Col span={12}><Form.Item name="territory" label="地域范围（空 = 不限）"><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="field" label="技术/应用领域（空 = 不限）"><Input /></Form.Item></Col>
        </Row>}
        <Typography.Text strong>付款计划（可选；合计须等于合同金额）</Typography.Text>
        <Form.List name="schedule">{(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((f) => (
              <Space key={f.key} align="baseline">
                <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: '日期' }]}><Input type="date" /></Form.Item>
                <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: '金额' }, AMOUNT_RULE]}><Input addonAfter="万元" /></Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>添加一期</Button>
            {fields.length > 0 && Number.isFinite(scheduleSum) && scheduleSum !== amountFen &&
              <Alert type="warning" showIcon style={{ marginTop: 8 }} message={`付款计划合计 ${formatWan(scheduleSum)} 万元，合同金额 ${Number.isFinite(amountFen) ? formatWan(amountFen) : '—'} 万元，两者须一致`} />}
          </div>
        )}</Form.List>
        {kind !== 'licence' && <Form.Item name="pledgeeConsent" valuePropName="checked" style={{ marginTop: 16 }}><Checkbox>专利已质押的，已取得质权人同意</Checkbox></Form.Item>}
        <Form.Item name="note" label="备注" style={{ marginTop: 16 }}><Input.TextArea rows={2} /></Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="deal-error" />}
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="deal-submit">保存为草稿</Button>
      </Form>
    </Card>
  );
}
