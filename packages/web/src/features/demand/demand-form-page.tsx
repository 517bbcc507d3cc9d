import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { DEMAND_MODE_LABELS } from '@zhuanhua/domain/demand/demand.rules.ts';
import { RegionSelect } from '../../components/region-select.tsx';
import { ApiError } from '../../api/client.ts';
import { classify, type Classification } from '../match/match-api.ts';
import { createDemand } from './demand-api.ts';

type FormValues = {
  title: string; description: string; indicators?: string; problem?: string; foundation?: string; industry?: string; regionCode?: string;
  budgetMinWan?: number | null; budgetMaxWan?: number | null; mode: string; validUntil?: Dayjs | null; contactName?: string; contactPhone?: string; contactEmail?: string;
};
const wanToFen = (w: number | null | undefined) => (w == null ? null : Math.round(w * 10_000) * 100);

/** The demand form, with a live classification preview (IPC subclasses and industries) as the user types. */
export function DemandFormPage() {
  const [form] = Form.useForm<FormValues>();
  const nav = useNavigate();
  const { message } = App.useApp();
  const title = Form.useWatch('title', form) ?? '';
  const desc = Form.useWatch('description', form) ?? '';
  const [preview, setPreview] = useState<Classification | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const text = `${title}\n${desc}`.trim();
    if (text.length < 4) { setPreview(null); return; }
    const t = setTimeout(() => { classify(text).then(setPreview).catch(() => setPreview(null)); }, 400);
    return () => clearTimeout(t);
  }, [title, desc]);
  const submit = async (v: FormValues) => {
    setSaving(true);
    try {
      const d = await createDemand({
        title: v.title, description: v.description, indicators: v.indicators || null, problem: v.problem || null, foundation: v.foundation || null,
        industry: v.industry || preview?.industries[0]?.name || null, regionCode: v.regionCode || null, budgetMinFen: wanToFen(v.budgetMinWan), budgetMaxFen: wanToFen(v.budgetMaxWan),
        mode: v.mode, validUntil: v.validUntil ? v.validUntil.format('YYYY-MM-DD') : null, contactName: v.contactName || null, contactPhone: v.contactPhone || null, contactEmail: v.contactEmail || null,
      });
      message.success('需求已保存为草稿');
      nav(`/demands/${d.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally { setSaving(false); }
  };
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>发布技术需求</Typography.Title>}>
      <Row gutter={24}>
        <Col span={16}>
          <Form form={form} layout="vertical" initialValues={{ mode: 'any' }} onFinish={submit}>
            <Form.Item name="title" label="需求名称" rules={[{ required: true, min: 4, message: '需求名称至少 4 个字' }, { max: 100 }]}><Input data-testid="demand-title" /></Form.Item>
            <Form.Item name="description" label="需求描述" rules={[{ required: true, min: 10, message: '需求描述至少 10 个字' }]}><Input.TextArea rows={4} data-testid="demand-description" /></Form.Item>
            <Form.Item name="indicators" label="技术指标"><Input.TextArea rows={2} /></Form.Item>
            <Form.Item name="problem" label="待解决的问题"><Input.TextArea rows={2} /></Form.Item>
            <Form.Item name="foundation" label="现有基础"><Input.TextArea rows={2} /></Form.Item>
            <Space wrap>
              <Form.Item name="industry" label="所属行业"><Input style={{ width: 200 }} placeholder="可留空，按分类预览填写" /></Form.Item>
              <Form.Item name="regionCode" label="所在地区"><RegionSelect onChange={(v) => form.setFieldValue('regionCode', v)} /></Form.Item>
              <Form.Item name="mode" label="合作方式"><Select style={{ width: 130 }} options={Object.entries(DEMAND_MODE_LABELS).map(([value, label]) => ({ value, label }))} /></Form.Item>
            </Space>
            <Space wrap>
              <Form.Item name="budgetMinWan" label="预算下限（万元）"><InputNumber min={0} precision={4} style={{ width: 150 }} /></Form.Item>
              <Form.Item name="budgetMaxWan" label="预算上限（万元）"><InputNumber min={0} precision={4} style={{ width: 150 }} data-testid="demand-budget-max" /></Form.Item>
              <Form.Item name="validUntil" label="有效期至"><DatePicker /></Form.Item>
            </Space>
            <Space wrap>
              <Form.Item name="contactName" label="联系人"><Input style={{ width: 140 }} /></Form.Item>
              <Form.Item name="contactPhone" label="联系电话"><Input style={{ width: 160 }} /></Form.Item>
              <Form.Item name="contactEmail" label="邮箱"><Input style={{ width: 200 }} /></Form.Item>
            </Space>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message="联系方式仅对本机构和知识产权局完整显示，其他机构看到的是脱敏信息。" />
            <Button type="primary" htmlType="submit" loading={saving} data-testid="demand-save">保存草稿</Button>
          </Form>
        </Col>
        <Col span={8}>
          <Card size="small" title="分类预览（实时）" data-testid="classify-preview">
            {!preview && <Typography.Text type="secondary">输入需求名称和描述后显示预测的 IPC 小类与产业</Typography.Text>}
            {preview && (
              <Space direction="vertical">
                {preview.ipc.map((x) => <div key={x.code}><Tag color="purple">{x.code}</Tag>{x.title.slice(0, 30)} <Typography.Text type="secondary">{(x.score * 100).toFixed(0)}%</Typography.Text></div>)}
                <div>{preview.industries.map((x) => <Tag key={x.code} color="geekblue">{x.name}</Tag>)}</div>
              </Space>
            )}
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
