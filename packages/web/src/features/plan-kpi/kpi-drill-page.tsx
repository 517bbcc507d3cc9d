import { Alert, Button, Card, Space, Spin, Table, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { downloadUrl } from '../../api/client.ts';
import { useDrill, type Drill } from './kpi-api.ts';

/** The records that make one figure; their values add up to it. */
export function KpiDrillPage() {
  const [sp] = useSearchParams();
  const q = { indicator: sp.get('indicator') ?? '', region: sp.get('region') ?? '', year: Number(sp.get('year')), asOf: sp.get('asOf') ?? undefined };
  const d = useDrill(q);
  if (d.isLoading) return <Spin />;
  if (d.error || !d.data) return <Alert type="error" message={(d.error as Error)?.message ?? '无法加载'} />;
  const x = d.data;
  return (
    <Card title={`指标明细：${x.name} · ${x.year}年 · ${x.regionCode}`}
      extra={<a href={downloadUrl('/kpi/drilldown/export', q)}><Button icon={<FileExcelOutlined />}>导出 Excel</Button></a>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>合计 <b data-testid="drill-total">{x.total.toLocaleString('zh-CN', { maximumFractionDigits: 4 })}</b> {x.unit}（{x.items.length} 条记录）</Typography.Text>
        <Table<Drill['items'][number]> rowKey="ref" size="small" dataSource={x.items} pagination={{ pageSize: 50 }}
          columns={[
            { title: '记录', dataIndex: 'ref', width: 120 }, { title: '日期', dataIndex: 'date', width: 110 }, { title: '名称', dataIndex: 'title' },
            { title: '当事方', dataIndex: 'parties' }, { title: '说明', dataIndex: 'detail' }, { title: `计入值（${x.unit}）`, dataIndex: 'value', width: 120 },
          ]} />
      </Space>
    </Card>
  );
}
