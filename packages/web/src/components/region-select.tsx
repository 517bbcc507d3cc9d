import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { api } from '../api/client.ts';

type Opt = { value: string; label: string; isLeaf?: boolean; children?: Opt[] };
type Region = { code: string; name: string; level: string };

/** Province → city → county picker (GB/T 2260); value is the 6-digit code of the deepest level chosen. */
export function RegionSelect({ value, onChange, placeholder = '地区', style }: { value?: string; onChange?: (v: string | undefined) => void; placeholder?: string; style?: React.CSSProperties }) {
  const [options, setOptions] = useState<Opt[]>([]);
  useEffect(() => {
    void api<{ items: Region[] }>('/reference/regions').then((r) => setOptions(r.items.map((x) => ({ value: x.code, label: x.name, isLeaf: false }))));
  }, []);
  const load = async (selected: Opt[]) => {
    const t = selected[selected.length - 1];
    const r = await api<{ items: Region[] }>('/reference/regions', { query: { parent: t.value } });
    t.children = r.items.map((x) => ({ value: x.code, label: x.name, isLeaf: x.level === 'county' }));
    setOptions([...options]);
  };
  return (
    <Cascader<Opt> options={options} loadData={(s) => void load(s as Opt[])} changeOnSelect placeholder={placeholder} style={style ?? { width: 220 }} allowClear
      onChange={(v) => onChange?.(v && v.length ? String(v[v.length - 1]) : undefined)} displayRender={(labels) => labels.join(' / ')} data-value={value} />
  );
}
