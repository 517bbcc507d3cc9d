import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth.tsx';
import { runMatch, type MatchResponse } from '../match/match-api.ts';
import { MatchResults } from '../match/match-results.tsx';
import { demandAction, reviewDemand, STATE_COLORS, useDemand } from './demand-api.ts';

export function DemandDetailPage() {
  const id = Number(useParams().id);
  const q = useDemand(id);
  const { user } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [matches, setMatches] = useState<MatchResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [comment, setComment] = useState('');
  const d = q.data;
  if (q.error) return <Alert type="error" message={(q.error as Error).message} />;
  if (!d) return <Card loading />;
  const own = !!user && (user.orgId === d.orgId || user.role === 'platform_admin');
  const act = async (fn: () => Promise<unknown>) => {
    try { await fn(); await qc.invalidateQueries({ queryKey: ['demands'] }); } catch (e) { message.error((e as Error).message); }
  };
  const match = async () => {
    setLoading(true);
    try { setMatches(await runMatch({ demandId: id, top: 20 })); } catch (e) { message.error((e as Error).message); } finally { setLoading(false); }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={<Space><Typography.Title level={4} style={{ margin: 0 }}>{d.title}</Typography.Title><Tag color={STATE_COLORS[d.state]} data-testid="demand-state">{d.stateLabel}</Tag></Space>}
        extra={<Space>
          {own && d.state === 'draft' && <Button onClick={() => act(() => demandAction(id, 'submit'))} data-testid="demand-submit">提交审核</Button>}
          {user?.role === 'platform_admin' && d.state === 'submitted' && <>
            <Input placeholder="审核意见（退回时必填）" value={comment} onChange={(e) => setComment(e.target.value)} style={{ width: 200 }} />
            <Button type="primary" onClick={() => act(() => reviewDemand(id, 'publish', comment || undefined))} data-testid="demand-publish">审核通过并发布</Button>
            <Button danger onClick={() => act(() => reviewDemand(id, 'reject', comment))}>退回</Button></>}
          {own && d.state === 'published' && <Button onClick={() => act(() => demandAction(id, 'matched'))}>标记已对接</Button>}
          {own && !['closed'].includes(d.state) && <Button onClick={() => act(() => demandAction(id, 'close'))}>关闭</Button>}
          {user && <Button type="primary" loading={loading} onClick={match} data-testid="demand-match">匹配专利</Button>}
        </Space>}>
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label="需求方">{d.companyName}</Descriptions.Item>
          <Descriptions.Item label="所属行业">{d.industry ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地区">{d.regionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="预算">{d.budgetLabel}</Descriptions.Item>
          <Descriptions.Item label="合作方式">{d.modeLabel}</Descriptions.Item>
          <Descriptions.Item label="有效期至">{d.validUntil ?? '长期'}</Descriptions.Item>
          <Descriptions.Item label="需求描述" span={2}>{d.description}</Descriptions.Item>
          <Descriptions.Item label="技术指标" span={2}>{d.indicators ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="待解决问题" span={2}>{d.problem ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="现有基础" span={2}>{d.foundation ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系人" span={2}>{[d.contact.name, d.contact.phone, d.contact.email].filter(Boolean).join(' / ') || '—'}{d.contact.masked ? '（已脱敏）' : ''}</Descriptions.Item>
          {d.reviewComment && <Descriptions.Item label="审核意见" span={2}>{d.reviewComment}</Descriptions.Item>}
        </Descriptions>
        {d.source === 'demo' && <Alert style={{ marginTop: 12 }} type="info" message="示例数据：公开的真实技术需求（来源于公共平台），由示例服务机构代为发布。" />}
      </Card>
      {matches && (
        <Card title={`匹配结果（候选 ${matches.candidates} 件）`}>
          <Space wrap style={{ marginBottom: 12 }}>预测分类：{matches.classification.ipc.slice(0, 3).map((x) => <Tag key={x.code} color="purple">{x.code} {x.title.slice(0, 20)}</Tag>)}</Space>
          <MatchResults results={matches.results} demandId={id} onHidden={(pid) => setMatches((m) => (m ? { ...m, results: m.results.filter((r) => r.patentId !== pid) } : m))} />
        </Card>
      )}
    </Space>
  );
}
