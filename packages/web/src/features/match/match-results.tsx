import { useState } from 'react';
import { App, Button, List, Modal, Select, Input, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { FEEDBACK_REASON_LABELS } from '@zhuanhua/domain/demand/demand.rules.ts';
import { useAuth } from '../../app/auth.tsx';
import { Highlight } from './highlight.tsx';
import { sendFeedback, type MatchResult } from './match-api.ts';

const REASON_COLORS: Record<string, string> = { terms: 'blue', ipc: 'purple', industry: 'geekblue', region: 'green', holder: 'cyan', sleeping: 'orange', grade: 'gold', open_licence: 'lime', fee: 'lime', status: 'default', demand: 'blue', scope: 'cyan', patents: 'purple' };

/** Match results with their reasons, highlighted terms and feedback buttons. */
export function MatchResults({ results, demandId, onHidden }: { results: MatchResult[]; demandId?: number | null; onHidden?: (patentId: number) => void }) {
  const { user } = useAuth();
  const { message } = App.useApp();
  const [done, setDone] = useState<Record<number, string>>({});
  const [reject, setReject] = useState<number | null>(null);
  const [reason, setReason] = useState<string>('wrong_field');
  const [note, setNote] = useState('');
  const canFeedback = !!user && user.role !== 'bank_officer' && user.role !== 'auditor';
  const interested = async (patentId: number) => {
    try {
      const r = await sendFeedback({ demandId: demandId ?? null, patentId, kind: 'interested' });
      setDone((d) => ({ ...d, [patentId]: '已发送对接请求' }));
      message.success(r.contactRequestId ? '已向权利人发送对接请求，可在“对接请求”中查看' : '已记录');
    } catch (e) { message.error((e as Error).message); }
  };
  return (
    <>
      <List data-testid="match-results" itemLayout="vertical" dataSource={results} locale={{ emptyText: '没有匹配结果' }}
        renderItem={(r, i) => {
          const terms = r.reasons.find((x) => x.kind === 'terms')?.terms ?? [];
          return (
            <List.Item key={r.patentId} data-testid="match-item"
              extra={canFeedback ? (done[r.patentId] ? <Tag color="green">{done[r.patentId]}</Tag> : (
                <Space direction="vertical">
                  <Button type="primary" size="small" data-testid="btn-interested" onClick={() => interested(r.patentId)}>感兴趣</Button>
                  <Button size="small" data-testid="btn-not-relevant" onClick={() => { setReject(r.patentId); setReason('wrong_field'); setNote(''); }}>不相关</Button>
                </Space>)) : null}>
              <List.Item.Meta
                title={<Space><span>{i + 1}.</span><Link to={`/patents/${r.patentId}`}><Highlight text={r.title} terms={terms} /></Link><Tag>{r.applicationNumber}</Tag><Typography.Text type="secondary">匹配度 {r.score.toFixed(2)}</Typography.Text></Space>}
                description={r.holderName ? `权利人：${r.holderName}` : undefined} />
              <Space wrap size={[4, 4]}>
                {r.reasons.map((x, k) => <Tag key={k} color={REASON_COLORS[x.kind] ?? 'default'} data-testid="match-reason">{x.text}</Tag>)}
              </Space>
            </List.Item>
          );
        }} />
      <Modal title="标记为不相关" open={reject != null} okText="提交" cancelText="取消" onCancel={() => setReject(null)} onOk={async () => {
        try {
          await sendFeedback({ demandId: demandId ?? null, patentId: reject!, kind: 'not_relevant', reason, note: note || undefined });
          setDone((d) => ({ ...d, [reject!]: '已标记不相关' }));
          onHidden?.(reject!);
          setReject(null);
        } catch (e) { message.error((e as Error).message); }
      }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select value={reason} onChange={setReason} style={{ width: '100%' }} options={Object.entries(FEEDBACK_REASON_LABELS).map(([value, label]) => ({ value, label }))} />
          <Input.TextArea placeholder="说明（原因为“其他”时必填）" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </Space>
      </Modal>
    </>
  );
}
