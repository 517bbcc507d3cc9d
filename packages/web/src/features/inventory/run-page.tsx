import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { downloadUrl, type Query } from '../../api/client.ts';
import { PATENT_TYPE_LABELS } from '../../lib/labels.ts';
import { GRADE_COLORS, useItems, useRun, type CountView, type Item } from './inventory-api.ts';

const POOL: Record<string, string> = { univ: '高校院所', soe: '国有企业' };

function Counts({ title, rows, note, onPick }: { title: string; rows: CountView[]; note?: string; onPick?: (k: string) => void }) {
  return (
    <Card size="small" title={title} extra={note ? <Tag color="orange">{note}</Tag> : null}>
      <Table<CountView> size="small" rowKey="key" pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false} dataSource={rows}
        columns={[
          { title: '类别', dataIndex: 'label', render: (v: string, r) => (onPick ? <a onClick={() => onPick(r.key)}>{v}</a> : v) },
          { title: '件数', dataIndex: 'count', width: 80, align: 'right' },
        ]} />
    </Card>
  );
}

export function RunPage() {
  const id = Number(useParams().id);
  const run = useRun(id);
  const [filters, setFilters] = useState<Query>({});
  const [page, setPage] = useState(1);
  const q = { ...filters, page, pageSize: 20 };
  const items = useItems(id, q, run.data?.state === 'succeeded');
  const set = (k: string, v: string | undefined) => { setPage(1); setFilters((f) => ({ ...f, [k]: v })); };
  const r = run.data;
  if (run.isError) return <Alert type="error" message="盘点批次不存在或无权查看" />;
  if (!r) return <Card loading />;
  const s = r.summary;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={<Typography.Title level={4} style={{ margin: 0 }} data-testid="run-title">{r.batchNo}</Typography.Title>}
        extra={r.state === 'succeeded' && <Button icon={<DownloadOutlined />} href={downloadUrl(`/inventory/runs/${id}/export`, filters)} data-testid="run-export">导出 Excel（每个视图一页）</Button>}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="基准日">{r.asOf}</Descriptions.Item>
          <Descriptions.Item label="范围">{r.scope === 'all' ? '全部' : r.holderName ?? r.regionName ?? ''}</Descriptions.Item>
          <Descriptions.Item label="分级模型">{r.modelId}</Descriptions.Item>
        </Descriptions>
        {r.state === 'running' && <Alert type="info" showIcon message="盘点进行中……" />}
        {r.state === 'failed' && <Alert type="error" showIcon message="盘点失败，请重新发起" />}
        {r.state === 'succeeded' && (
          <Row gutter={16} style={{ marginTop: 8 }}>
            <Col span={6}><Statistic title="盘点专利（高校院所、国企持有）" value={r.scanned} /></Col>
            <Col span={6}><Statistic title="入库沉睡专利" value={r.poolSize} valueStyle={{ color: '#1677ff' }} /></Col>
            <Col span={6}><Statistic title="其中高价值发明专利" value={s?.highValueInPool ?? 0} /></Col>
            <Col span={6}>{r.diff ? <Statistic title={`较 ${r.diff.previousBatchNo}`} value={`+${r.diff.enteredCount} / -${r.diff.leftCount}`} suffix={`分级变化 ${r.diff.gradeChangedCount}`} /> : <Statistic title="与上批次比较" value="首次盘点" />}</Col>
          </Row>
        )}
      </Card>
      {s && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}><Counts title="按分级" rows={s.byGrade} onPick={(k) => set('grade', k)} /></Col>
          <Col xs={24} md={8}><Counts title="按战略性新兴产业" rows={s.bySei} onPick={(k) => set('sei', k)} /></Col>
          <Col xs={24} md={8}><Counts title="按国民经济行业" rows={s.byIndustry} note={s.industryNote} onPick={(k) => set('industry', k)} /></Col>
          <Col xs={24} md={8}><Counts title="按库别" rows={s.byPool} onPick={(k) => set('pool', k)} /></Col>
          <Col xs={24} md={8}><Counts title="按权利人" rows={s.byHolder} /></Col>
          <Col xs={24} md={8}><Counts title="按地区（省）" rows={s.byRegion} /></Col>
        </Row>
      )}
      {r.state === 'succeeded' && (
        <Card title="入库专利">
          <Space wrap style={{ marginBottom: 12 }}>
            <Input.Search placeholder="名称、申请号或权利人" allowClear onSearch={(v) => set('q', v || undefined)} style={{ width: 260 }} />
            <Select placeholder="分级" allowClear style={{ width: 100 }} value={filters.grade as string | undefined} onChange={(v) => set('grade', v)} options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))} />
            <Select placeholder="库别" allowClear style={{ width: 120 }} value={filters.pool as string | undefined} onChange={(v) => set('pool', v)} options={Object.entries(POOL).map(([value, label]) => ({ value, label }))} />
            <Select placeholder="高价值" allowClear style={{ width: 120 }} value={filters.highValue as string | undefined} onChange={(v) => set('highValue', v)} options={[{ value: 'true', label: '高价值发明' }, { value: 'false', label: '非高价值' }]} />
            {Object.values(filters).some(Boolean) && <Button onClick={() => { setFilters({}); setPage(1); }}>清除筛选</Button>}
          </Space>
          <Table<Item> rowKey="patentId" loading={items.isFetching} dataSource={items.data?.items ?? []} data-testid="items-table"
            pagination={{ current: page, pageSize: 20, total: items.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 件` }}
            columns={[
              { title: '申请号', dataIndex: 'applicationNumber', width: 160 },
              { title: '名称', dataIndex: 'title', render: (v: string, i) => <Link to={`/inventory/patents/${i.patentId}?runId=${id}`}>{v}</Link> },
              { title: '类型', dataIndex: 'type', width: 80, render: (v: string) => PATENT_TYPE_LABELS[v as keyof typeof PATENT_TYPE_LABELS] },
              { title: '权利人', dataIndex: 'holderName', width: 180 },
              { title: '分级', dataIndex: 'grade', width: 70, render: (g: string) => <Tag color={GRADE_COLORS[g]}>{g}</Tag> },
              { title: '价值分', dataIndex: 'score', width: 80 },
              { title: '战略性新兴产业', dataIndex: 'seiIndustryName', width: 150 },
              { title: '行业（近似）', dataIndex: 'industryName', width: 160 },
              { title: '高价值', dataIndex: 'highValue', width: 80, render: (v: boolean) => (v ? <Tag color="red">高价值</Tag> : null) },
            ]} />
        </Card>
      )}
    </Space>
  );
}
