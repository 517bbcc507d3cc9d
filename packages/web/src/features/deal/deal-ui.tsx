/** Small pickers used by the deal and licence features. */
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type List } from '../../api/client.ts';

export function OrgPicker({ value, onChange, testId, placeholder }: { value?: number; onChange?: (v: number) => void; testId?: string; placeholder?: string }) {
  const [q, setQ] = useState('');
  const orgs = useQuery({ queryKey: ['organisations', 'deal-pick', q], queryFn: () => api<List<{ id: number; name: string }>>('/organisations', { query: { q, pageSize: 50 } }) });
  return <Select showSearch filterOption={false} onSearch={setQ} value={value} onChange={onChange} data-testid={testId} placeholder={placeholder ?? '输入名称搜索机构'}
    options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />;
}

export function PatentPicker({ value, onChange, holderOrgId, testId }: { value?: number[]; onChange?: (v: number[]) => void; holderOrgId?: number | null; testId?: string }) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['patents', 'deal-pick', holderOrgId, q],
    queryFn: () => api<List<{ id: number; applicationNumber: string; title: string }>>('/patents', { query: { q, holderId: holderOrgId ?? undefined, pageSize: 50 } }),
  });
  return <Select mode="multiple" showSearch filterOption={false} onSearch={setQ} value={value} onChange={onChange} data-testid={testId} placeholder="输入申请号或名称搜索专利"
    options={(list.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.applicationNumber} ${p.title}` }))} />;
}
