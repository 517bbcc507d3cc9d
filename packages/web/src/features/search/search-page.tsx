import { useState } from 'react';
import { Alert, Card, Input, List, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { LEGAL_STATUS_LABELS, ORG_TYPE_LABELS, PATENT_TYPE_LABELS, optionsOf } from '../../lib/labels.ts';
import { RegionSelect } from '../../components/region-select.tsx';
import { Highlight } from '../match/highlight.tsx';

type Item = { kind: string; id: number; title: string; snippetHtml?: string | null; applicationNumber?: string; typeLabel?: string; legalStatusLabel?: string; ipcMain?: string | null; holder?: string | null; company?: string | null; score: number; matchedTerms: string[] };
type Res = { items: Item[]; total: number; tookMs: number; index: string; message?: string; highlight?: string[] };

const SEI = { '1': '新一代信息技术', '2': '高端装备制造', '3': '新材料', '4': '生物', '5': '新能源汽车', '6': '新能源', '7': '节能环保', '8': '数字创意', '9': '相关服务业' };

/** Strip the server's <em> markup and re-highlight on the client (text only, never innerHTML). */
const plain = (html: string) => html.replace(/<\/?em>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const get = (k: string) => params.get(k) ?? undefined;
  const query = { q: get('q'), kind: get('kind') ?? 'patent', patentType: get('patentType'), legalStatus: get('legalStatus'), ipc: get('ipc'), industry: get('industry'), regionCode: get('regionCode'), holderType: get('holderType'), grade: get('grade'), openLicence: get('openLicence'), page: Number(get('page') ?? 1), pageSize: 20 };
  const res = useQuery({ queryKey: ['search', query], enabled: !!query.q, queryFn: () => api<Res>('/search', { query }), placeholderData: (p) => p });
  const set = (k: string, v: string | undefined | null) => { const p = new URLSearchParams(params); if (v) p.set(k, v); else p.delete(k); if (k !== 'page') p.delete('page'); setParams(p); };
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>全文检索</Typography.Title>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Radio.Group value={query.kind} onChange={(e) => set('kind', e.target.value)} options={[{ value: 'patent', label: '专利' }, { value: 'demand', label: '技术需求' }, { value: 'listing', label: '科技成果' }]} optionType="button" />
          <Input.Search value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => set('q', v.trim())} enterButton="检索" style={{ width: 420 }} data-testid="search-input"
            placeholder='关键词；"短语"；前缀 词*；排除 -词' />
        </Space>
        {query.kind === 'patent' && (
          <Space wrap>
            <Select placeholder="类型" allowClear style={{ width: 110 }} value={query.patentType} options={optionsOf(PATENT_TYPE_LABELS)} onChange={(v) => set('patentType', v)} />
            <Select placeholder="法律状态" allowClear style={{ width: 110 }} value={query.legalStatus} options={optionsOf(LEGAL_STATUS_LABELS)} onChange={(v) => set('legalStatus', v)} />
            <Select placeholder="权利人类型" allowClear style={{ width: 130 }} value={query.holderType} options={optionsOf(ORG_TYPE_LABELS)} onChange={(v) => set('holderType', v)} />
            <Select placeholder="战略性新兴产业" allowClear style={{ width: 150 }} value={query.industry} options={optionsOf(SEI)} onChange={(v) => set('industry', v)} />
            <Select placeholder="分级" allowClear style={{ width: 90 }} value={query.grade} options={['A', 'B', 'C'].map((g) => ({ value: g, label: `分级 ${g}` }))} onChange={(v) => set('grade', v)} />
            <Input placeholder="IPC，如 H01M" allowClear style={{ width: 130 }} defaultValue={query.ipc} onPressEnter={(e) => set('ipc', (e.target as HTMLInputElement).value)} />
            <RegionSelect onChange={(v) => set('regionCode', v)} />
            <span>开放许可 <Switch size="small" checked={query.openLicence === 'true'} onChange={(c) => set('openLicence', c ? 'true' : null)} /></span>
          </Space>
        )}
        {res.data?.message && <Alert type="info" message={res.data.message} />}
        {res.error && <Alert type="error" message={(res.error as Error).message} />}
        {res.data && <Typography.Text type="secondary">共 {res.data.total} 条，用时 {res.data.tookMs} ms</Typography.Text>}
        <List data-testid="search-results" loading={res.isFetching} dataSource={res.data?.items ?? []}
          pagination={res.data ? { current: query.page, pageSize: 20, total: res.data.total, onChange: (p) => set('page', String(p)), showSizeChanger: false } : false}
          renderItem={(it) => (
            <List.Item key={`${it.kind}${it.id}`}>
              <List.Item.Meta
                title={<Space>{it.kind === 'listing' ? <Highlight text={it.title} terms={it.matchedTerms} /> : <Link to={it.kind === 'patent' ? `/patents/${it.id}` : `/demands/${it.id}`}><Highlight text={it.title} terms={it.matchedTerms} /></Link>}
                  {it.applicationNumber && <Tag>{it.applicationNumber}</Tag>}{it.typeLabel && <Tag>{it.typeLabel}</Tag>}{it.legalStatusLabel && <Tag>{it.legalStatusLabel}</Tag>}{it.ipcMain && <Tag color="purple">{it.ipcMain}</Tag>}</Space>}
                description={<>
                  {it.snippetHtml && <div><Highlight text={plain(it.snippetHtml)} terms={it.matchedTerms} /></div>}
                  <Typography.Text type="secondary">{it.holder ?? it.company ?? ''} · 相关度 {it.score.toFixed(2)}</Typography.Text>
                </>} />
            </List.Item>
          )} />
      </Space>
    </Card>
  );
}
