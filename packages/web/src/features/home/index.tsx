import { Card, Col, Row, Statistic, Typography } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, type List } from '../../api/client.ts';
import type { Feature } from '../../app/feature.ts';

function HomePage() {
  const all = useQuery({ queryKey: ['home', 'patents'], queryFn: () => api<List<unknown>>('/patents', { query: { pageSize: 1 } }) });
  const inForce = useQuery({ queryKey: ['home', 'in_force'], queryFn: () => api<List<unknown>>('/patents', { query: { pageSize: 1, status: 'in_force' } }) });
  const univ = useQuery({ queryKey: ['home', 'univ'], queryFn: () => api<List<unknown>>('/patents', { query: { pageSize: 1, holderType: 'university', status: 'in_force' } }) });
  return (
    <div>
      <Typography.Title level={3}>专利转化专项计划平台</Typography.Title>
      <Typography.Paragraph type="secondary">
        盘活高校院所与国有企业的存量专利，精准对接中小企业技术需求，记录转让、许可、质押与产品备案，按实施方案自动计算考核指标。
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col span={8}><Card><Statistic title="平台专利总数" value={all.data?.total ?? '-'} /></Card></Col>
        <Col span={8}><Card><Statistic title="有效专利" value={inForce.data?.total ?? '-'} /></Card></Col>
        <Col span={8}><Card><Statistic title="高校有效专利" value={univ.data?.total ?? '-'} /></Card></Col>
      </Row>
      <Card style={{ marginTop: 16 }}>
        <Typography.Paragraph>从左侧菜单进入：<Link to="/patents">专利检索</Link>、<Link to="/organisations">机构</Link>、<Link to="/import">数据导入</Link>。</Typography.Paragraph>
        <Typography.Paragraph type="secondary">演示数据说明：示例专利的公开号、名称和 IPC 为真实公开数据；申请号、日期、法律状态与权利人为演示生成，并在页面上标注“含生成字段”。示例机构均为虚构（示例…）。</Typography.Paragraph>
      </Card>
    </div>
  );
}

export default { routes: [{ index: true, element: <HomePage /> }], menu: [{ key: '/', label: '首页', icon: <HomeOutlined />, order: 0, roles: 'public' }] } satisfies Feature;
