import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Progress, Radio, Row, Select, Space, Spin, Statistic, Table, Tag, Tooltip } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import ReactECharts from 'echarts-for-react';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { api, downloadUrl } from '../../api/client.ts';
import { useJob } from '../../api/jobs.ts';
import { isOffice, useAuth } from '../../app/auth.tsx';
import { RegionSelect } from '../../components/region-select.tsx';
import { KpiManualCard } from './kpi-manual-card.tsx';
import { STATUS_COLOR, useBreakdown, useEvaluation, useRanking, type IndicatorView, type TargetView } from './kpi-api.ts';

const fmt = (v: number | null | undefined) => (v == null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

/** Progress toward a target, 0..100, for the bar beside it. */
function progressOf(t: TargetView): number {
  if (t.status === 'met') return 100;
  if (t.value == null || t.target == null || t.target <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((t.value / t.target) * 100)));
}

export function KpiDashboardPage() {
  const id = useParams().id!;
  const { user } = useAuth();
  const [region, setRegion] = useState<string | undefined>();
  const [asOf, setAsOf] = useState<string | undefined>();
  const ev = useEvaluation(id, region, asOf);
  const rk = useRanking(id, asOf);
  const [dim, setDim] = useState<'dealType' | 'holderType' | 'industry'>('dealType');
  const bd = useBreakdown(id, dim, region, asOf);
  const [trend, setTrend] = useState<string | undefined>();
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useJob<{ downloadUrl: string; filename: string }>(jobId);
  const { message } = App.useApp();
  const e = ev.data;
  const canDrill = user?.role === 'platform_admin' || user?.role === 'auditor';
  const trendInd: IndicatorView | undefined = useMemo(() => e?.indicators.find((i) => i.code === (trend ?? e.targets[0]?.indicator)), [e, trend]);
  if (ev.isLoading) return <Spin />;
  if (ev.error || !e) return <Alert type="error" message={(ev.error as Error)?.message ?? '无法加载'} action={region && <Button size="small" onClick={() => setRegion(undefined)}>回到规划地区</Button>} />;
  const report = async (kind: 'docx' | 'xlsx') => {
    try {
      const year = Math.min(e.plan.endYear, Number(e.asOf.slice(0, 4)));
      const r = await api<{ jobId: number }>(`/kpi/plans/${id}/reports`, { body: { kind, year, region: region ?? undefined, asOf: e.asOf } });
      setJobId(r.jobId);
    } catch (err) { message.error((err as Error).message); }
  };
  const drill = (code: string, year: number, value: number) => (canDrill
    ? <Link data-testid={`fig-${code}-${year}`} to={`/kpi/drill?indicator=${code}&region=${e.region.code}&year=${year}&asOf=${e.asOf}`}>{fmt(value)}</Link>
    : <span data-testid={`fig-${code}-${year}`}>{fmt(value)}</span>);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={e.plan.name} extra={<Link to="/kpi">全部规划</Link>}>
        <Space wrap>
          <span>地区：<b>{e.region.name}</b>（{e.region.code}）</span>
          <RegionSelect placeholder="切换地区（区县/市）" onChange={setRegion} />
          <span>截至：</span>
          <DatePicker value={dayjs(e.asOf)} allowClear={false} onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)} />
          <span>规划期 {e.plan.startYear}—{e.plan.endYear}，基期 {e.plan.baselineYear}</span>
          {(isOffice(user) || user?.role === 'auditor') && <>
            <Button icon={<FileWordOutlined />} onClick={() => void report('docx')}>生成年度工作总结（Word）</Button>
            <Button icon={<FileExcelOutlined />} onClick={() => void report('xlsx')}>统计报表（Excel）</Button>
          </>}
          {e.stale && <Tooltip title="台账仍在变动：年度汇总正在后台更新，稍后刷新可看到最新数字"><Tag color="warning">数据更新中</Tag></Tooltip>}
          {job.data && job.data.status !== 'succeeded' && job.data.status !== 'failed' && <Tag color="processing">报告生成中…</Tag>}
          {job.data?.status === 'failed' && <Tag color="error">{job.data.error?.message}</Tag>}
          {job.data?.status === 'succeeded' && job.data.result && <a data-testid="report-download" href={job.data.result.downloadUrl}>下载：{job.data.result.filename}</a>}
        </Space>
        <Row gutter={16} style={{ marginTop: 16 }}>
          {(['met', 'on_track', 'behind', 'not_met', 'undefined'] as const).map((s) => (
            <Col key={s} span={4}><Statistic title={{ met: '已完成', on_track: '进度正常', behind: '进度滞后', not_met: '未完成', undefined: '无法计算' }[s]} value={e.summary[s]} /></Col>
          ))}
        </Row>
      </Card>
      <Card title="目标完成情况">
        <Table<TargetView> rowKey="id" size="small" pagination={false} dataSource={e.targets}
          columns={[
            { title: '条款', dataIndex: 'clause', width: 100 },
            { title: '目标', dataIndex: 'text', render: (v: string, t) => <Tooltip title={t.note}>{v || t.indicatorName}</Tooltip> },
            { title: '类型', dataIndex: 'kindLabel', width: 110 },
            { title: '目标值', width: 110, render: (_: unknown, t) => (t.kind === 'increasing' ? '逐年递增' : `${fmt(t.target)}${t.unit}`) },
            { title: '实际', width: 120, render: (_: unknown, t) => <span data-testid={`target-${t.id}`}>{t.value == null ? '—' : `${fmt(t.value)}${t.unit}`}{t.toDate ? '（截至目前）' : ''}</span> },
            { title: '差距', width: 100, render: (_: unknown, t) => (t.gap == null ? '—' : `${fmt(t.gap)}${t.unit}`) },
            { title: '本年尚需', width: 100, render: (_: unknown, t) => fmt(t.neededThisYear) },
            { title: '进度', width: 140, render: (_: unknown, t) => <Progress percent={progressOf(t)} size="small" status={t.status === 'not_met' ? 'exception' : t.status === 'met' ? 'success' : 'normal'} /> },
            { title: '状态', dataIndex: 'statusLabel', width: 100, render: (v: string, t) => <Tag color={STATUS_COLOR[t.status]}>{v}</Tag> },
          ]} />
      </Card>
      <Row gutter={16}>
        <Col span={12}>
          <Card title="年度趋势" extra={<Select style={{ width: 260 }} value={trendInd?.code} onChange={setTrend} showSearch optionFilterProp="label"
            options={e.indicators.map((i) => ({ value: i.code, label: `${i.name}（${i.unit}）` }))} />}>
            {trendInd && <ReactECharts style={{ height: 300 }} option={{
              tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: trendInd.years.map((y) => `${y.year}`) },
              yAxis: [{ type: 'value', name: trendInd.unit }, { type: 'value', name: '同比%', splitLine: { show: false } }],
              series: [{ type: 'bar', name: trendInd.name, data: trendInd.years.map((y) => y.value) },
                { type: 'line', name: '同比增长%', yAxisIndex: 1, data: trendInd.years.map((y) => y.yoy) }],
            }} />}
          </Card>
        </Col>
        <Col span={12}>
          <Card title={`${rk.data?.level === 'city' ? '市州' : '区县'}绩效排名（加权得分）`}>
            {rk.data && <ReactECharts style={{ height: 300 }} option={{
              tooltip: {}, grid: { left: 90 }, xAxis: { type: 'value', max: 100 },
              yAxis: { type: 'category', inverse: true, data: rk.data.rows.map((r) => `${r.rank}. ${r.name}`) },
              series: [{ type: 'bar', data: rk.data.rows.map((r) => r.score), label: { show: true, position: 'right' } }],
            }} />}
          </Card>
        </Col>
      </Row>
      <Card title="交易构成（专利件数，按年）" extra={<Radio.Group value={dim} onChange={(x) => setDim(x.target.value)} options={[{ value: 'dealType', label: '交易类型' }, { value: 'holderType', label: '转让方类型' }, { value: 'industry', label: '受让方行业' }]} optionType="button" />}>
        {bd.data && <ReactECharts style={{ height: 280 }} option={{
          tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: bd.data.years.map(String) }, yAxis: { type: 'value', name: '件' },
          series: bd.data.series.map((s) => ({ type: 'bar', stack: 'x', name: s.name, data: s.values })),
        }} />}
      </Card>
      <Card title="全部指标（逐年，点击数字查看明细）">
        <Table<IndicatorView> rowKey="code" size="small" pagination={false} dataSource={e.indicators} scroll={{ x: true }}
          columns={[
            { title: '指标', dataIndex: 'name', fixed: 'left', render: (v: string, i) => <Tooltip title={i.rule}><span>{v}</span></Tooltip> },
            { title: '单位', dataIndex: 'unit', width: 60 },
            ...e.years.map((y) => ({ title: y === e.plan.baselineYear ? `${y}（基期）` : String(y), width: 110,
              render: (_: unknown, i: IndicatorView) => { const c = i.years.find((x) => x.year === y); return c ? drill(i.code, y, c.value) : '—'; } })),
            { title: '规划期累计', dataIndex: 'total', width: 110, render: (v: number) => fmt(v) },
            { title: '来源', dataIndex: 'source', width: 100, render: (v: string) => (v === 'records' ? <Tag color="green">平台记录</Tag> : v === 'manual' ? <Tag color="orange">手工填报</Tag> : <Tag>暂无来源</Tag>) },
          ]} />
      </Card>
      {isOffice(user) && <KpiManualCard regionCode={e.region.code} years={e.years.filter((y) => y >= e.plan.startYear)} />}
      <Card size="small"><a href={downloadUrl(`/kpi/plans/${id}/evaluation`, { region, asOf: e.asOf })} target="_blank" rel="noreferrer">JSON 数据</a></Card>
    </Space>
  );
}
