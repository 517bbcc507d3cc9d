import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { runMatch, type MatchResponse } from './match-api.ts';
import { MatchResults } from './match-results.tsx';

export function MatchPage() {
  const [text, setText] = useState('');
  const [res, setRes] = useState<MatchResponse | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const go = async () => {
    setLoading(true); setErr(null);
    try { setRes(await runMatch({ text, top: 20 })); } catch (e) { setErr((e as Error).message); } finally { setLoading(false); }
  };
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>智能匹配</Typography.Title>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea rows={4} placeholder="描述您的技术需求，例如：需要提高锂电池正极材料的循环寿命……" value={text} onChange={(e) => setText(e.target.value)} data-testid="match-text" />
        <Button type="primary" loading={loading} disabled={text.trim().length < 2} onClick={go} data-testid="match-go">匹配专利</Button>
        {err && <Alert type="error" message={err} />}
        {res && <Space wrap>预测分类：{res.classification.ipc.slice(0, 3).map((x) => <Tag key={x.code} color="purple">{x.code} {x.title.slice(0, 20)}（{(x.score * 100).toFixed(0)}%）</Tag>)}</Space>}
        {res && <MatchResults results={res.results} />}
      </Space>
    </Card>
  );
}
