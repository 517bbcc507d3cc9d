import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, List, Row, Select, Space, Steps, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { formatYuan, yuanToFen } from '@zhuanhua/domain';
import { FEE_MODE_LABELS, PERIOD_KIND_LABELS, ROYALTY_BASE_LABELS } from '@zhuanhua/domain/licence/licence.schemas.ts';
import { api, ApiError, type List as ListOf } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { optionsOf } from '../../lib/labels.ts';
import { percentToBp, type Declaration, type FeeTermsBody } from './licence-api.ts';
import { FeeEstimator } from './fee-estimator.tsx';

type Eligibility = { eligible: boolean; refusals: { code: string; message: string }[]; warnings: { code: string; message: string }[]; facts: { needsEvaluationReport: boolean; pledged: boolean; holderCount: number } };
const YUAN = { pattern: /^\d+(\.\d{1,2})?$/, message: '金额（元），最多 2 位小数' };
const PCT = { pattern: /^\d{1,3}(\.\d{1,2})?$/, message: '百分比，最多 2 位小数' };

function feeTermsOf(v: Record<string, string | number | undefined>): FeeTermsBody {
  const mode = v.mode as FeeTermsBody['mode'];
  const t: FeeTermsBody = { mode, periodKind: (v.periodKind as FeeTermsBody['periodKind']) ?? 'year', dueDays: Number(v.dueDays ?? 30), trialMonths: mode === 'free' ? 0 : Number(v.trialMonths ?? 0) };
  if (mode === 'lump_sum' && v.lumpSum) t.lumpSumFen = yuanToFen(String(v.lumpSum));
  if (mode === 'entry_plus_royalty' && v.entryFee) t.entryFeeFen = yuanToFen(String(v.entryFee));
  if (mode === 'royalty' || mode === 'entry_plus_royalty') {
    t.royaltyBase = v.royaltyBase as FeeTermsBody['royaltyBase'];
    if (t.royaltyBase === 'units' && v.unitFee) t.unitFeeFen = yuanToFen(String(v.unitFee));
    else if (v.rate) t.royaltyRateBp = percentToBp(String(v.rate));
  }
  return t;
}

/** 开放许可声明向导：选择专利 → 资格检查 → 许可条件与费用预览 → 提交。 */
export function DeclareWizardPage() {
  const { user } = useAuth();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [step, setStep] = useState(0);
  const [elig, setElig] = useState<Eligibility | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mode = Form.useWatch('mode', form);
  const base = Form.useWatch('royaltyBase', form);
  const patents = useQuery({
    queryKey: ['patents', 'declare', user?.orgId],
    queryFn: () => api<ListOf<{ id: number; applicationNumber: string; title: string; type: string }>>('/patents', { query: { holderId: user?.orgId ?? undefined, status: 'in_force', pageSize: 200 } }),
    enabled: !!user?.orgId,
  });

  async function check(withTerms: boolean) {
    setError(null);
    const v = form.getFieldsValue(true);
    try {
      const body = { patentId: v.patentId, evaluationReportNo: v.evaluationReportNo || null, coOwnersConsent: !!v.coOwnersConsent, pledgeeConsent: !!v.pledgeeConsent, ...(withTerms ? { feeTerms: feeTermsOf(v) } : {}) };
      const r = await api<Eligibility>('/licence/eligibility', { body });
      setElig(r);
      return r;
    } catch (e) { setError(e instanceof ApiError ? e.message : (e as Error).message); return null; }
  }
  async function submit() {
    await form.validateFields();
    const v = form.getFieldsValue(true);
    setBusy(true); setError(null);
    try {
      const d = await api<Declaration>('/licence/declarations', { body: {
        patentId: v.patentId, feeTerms: feeTermsOf(v), licenceYears: Number(v.licenceYears), territory: v.territory || null, otherTerms: v.otherTerms || null,
        evaluationReportNo: v.evaluationReportNo || null, coOwnersConsent: !!v.coOwnersConsent, pledgeeConsent: !!v.pledgeeConsent, confirmWarnings: !!v.confirmWarnings,
      } });
      message.success('声明已提交，等待知识产权局审核');
      nav(`/open-licence/${d.id}`);
    } catch (e) { setError(e instanceof ApiError ? e.message : '提交失败'); } finally { setBusy(false); }
  }
  const selected = patents.data?.items.find((p) => p.id === form.getFieldValue('patentId'));
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>声明开放许可</Typography.Title>}>
      <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: '选择专利与资格检查' }, { title: '许可条件与费用' }, { title: '确认提交' }]} />
      <Form form={form} layout="vertical" style={{ maxWidth: 900 }} initialValues={{ mode: 'royalty', royaltyBase: 'net_sales', periodKind: 'quarter', dueDays: 30, trialMonths: 0, licenceYears: 3 }}>
        <div style={{ display: step === 0 ? 'block' : 'none' }}>
          <Form.Item name="patentId" label="本单位有效专利" rules={[{ required: true, message: '请选择专利' }]}>
            <Select showSearch optionFilterProp="label" data-testid="field-patent" loading={patents.isLoading} onChange={() => setElig(null)}
              options={(patents.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.applicationNumber} ${p.title}` }))} />
          </Form.Item>
          {selected && selected.type !== 'invention' && <Form.Item name="evaluationReportNo" label="专利权评价报告编号（实用新型、外观设计必填）"><Input /></Form.Item>}
          <Space>
            <Form.Item name="coOwnersConsent" valuePropName="checked"><Checkbox>共有专利已取得全体共有人书面同意</Checkbox></Form.Item>
            <Form.Item name="pledgeeConsent" valuePropName="checked"><Checkbox>已质押的，已取得质权人同意</Checkbox></Form.Item>
          </Space>
          <div><Button onClick={() => void check(false)} data-testid="check-eligibility">检查资格</Button></div>
          {elig && (elig.eligible
            ? <Alert type="success" showIcon style={{ marginTop: 12 }} message="符合开放许可声明条件" data-testid="eligibility-ok" />
            : <Alert type="error" showIcon style={{ marginTop: 12 }} message="不能声明开放许可" data-testid="eligibility-refused"
              description={<List size="small" dataSource={elig.refusals} renderItem={(r) => <List.Item>[{r.code}] {r.message}</List.Item>} />} />)}
          <Button type="primary" style={{ marginTop: 16 }} disabled={!elig?.eligible} onClick={() => setStep(1)} data-testid="step-next-1">下一步</Button>
        </div>
        <div style={{ display: step === 1 ? 'block' : 'none' }}>
          <Row gutter={16}>
            <Col span={8}><Form.Item name="mode" label="付费方式" rules={[{ required: true }]}><Select options={optionsOf(FEE_MODE_LABELS)} data-testid="field-mode" /></Form.Item></Col>
            {mode === 'lump_sum' && <Col span={8}><Form.Item name="lumpSum" label="一次性费用（元）" rules={[{ required: true, message: '必填' }, YUAN]}><Input data-testid="field-lumpSum" /></Form.Item></Col>}
            {mode === 'entry_plus_royalty' && <Col span={8}><Form.Item name="entryFee" label="入门费（元）" rules={[{ required: true, message: '必填' }, YUAN]}><Input /></Form.Item></Col>}
          </Row>
          {(mode === 'royalty' || mode === 'entry_plus_royalty') && <Row gutter={16}>
            <Col span={6}><Form.Item name="royaltyBase" label="提成基数"><Select options={optionsOf(ROYALTY_BASE_LABELS)} data-testid="field-royaltyBase" /></Form.Item></Col>
            {base === 'units'
              ? <Col span={6}><Form.Item name="unitFee" label="每件提成（元）" rules={[{ required: true, message: '必填' }, YUAN]}><Input /></Form.Item></Col>
              : <Col span={6}><Form.Item name="rate" label="提成比例 %" rules={[{ required: true, message: '必填' }, PCT]}><Input data-testid="field-rate" /></Form.Item></Col>}
            <Col span={6}><Form.Item name="periodKind" label="结算周期"><Select options={optionsOf(PERIOD_KIND_LABELS)} data-testid="field-periodKind" /></Form.Item></Col>
            <Col span={6}><Form.Item name="dueDays" label="期满后付款天数"><InputNumber min={0} max={365} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>}
          <Row gutter={16}>
            {mode !== 'free' && <Col span={8}><Form.Item name="trialMonths" label="先使用后付费：免费试用（月，0 = 无）"><InputNumber min={0} max={60} style={{ width: '100%' }} data-testid="field-trialMonths" /></Form.Item></Col>}
            <Col span={8}><Form.Item name="licenceYears" label="许可期限（年，至少 1 年）" rules={[{ required: true }]}><InputNumber min={1} max={20} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={8}><Form.Item name="territory" label="地域范围（空 = 中国境内）"><Input /></Form.Item></Col>
          </Row>
          <Form.Item name="otherTerms" label="其他条件（不得含商业广告用语）"><Input.TextArea rows={2} /></Form.Item>
          <FeeEstimator onUse={(fen) => form.setFieldsValue({ mode: 'lump_sum', lumpSum: formatYuan(fen).replace(/,/g, '') })} />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(0)}>上一步</Button>
            <Button type="primary" data-testid="step-next-2" onClick={async () => { try { await form.validateFields(); const r = await check(true); if (r) setStep(2); } catch { /* shown in the form */ } }}>预览</Button>
          </Space>
        </div>
        <div style={{ display: step === 2 ? 'block' : 'none' }}>
          {elig && elig.warnings.length > 0 && <>
            <Alert type="warning" showIcon message="许可使用费高于指导上限" description={elig.warnings.map((w) => w.message).join('；')} />
            <Form.Item name="confirmWarnings" valuePropName="checked" style={{ marginTop: 8 }} rules={[{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error('请确认后再提交'))) }]}>
              <Checkbox>我已知悉并确认上述许可费标准</Checkbox>
            </Form.Item>
          </>}
          <Alert type="info" showIcon message="提交后由知识产权局审核，公布于开放许可目录；声明期间年费减缴 15%，且不得再给予独占或排他许可。" />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(1)}>上一步</Button>
            <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="declare-submit">提交声明</Button>
          </Space>
        </div>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="declare-error" />}
      </Form>
    </Card>
  );
}
