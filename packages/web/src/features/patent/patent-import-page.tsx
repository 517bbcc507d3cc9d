import { useState } from 'react';
import { Alert, Select, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type List } from '../../api/client.ts';
import { useAuth, isOffice } from '../../app/auth.tsx';
import { ImportPanel } from '../../components/import-panel.tsx';

export function PatentImportPage() {
  const { user } = useAuth();
  const qc = useQueryClient();
  const [orgId, setOrgId] = useState<number | undefined>();
  const orgs = useQuery({ queryKey: ['orgs', 'import'], queryFn: () => api<List<{ id: number; name: string }>>('/organisations', { query: { pageSize: 200 } }), enabled: isOffice(user) });
  if (!user) return <Alert type="info" message="请先登录后再导入数据" showIcon />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>专利数据导入</Typography.Title>
      <Typography.Paragraph type="secondary">
        支持从专利数据库导出的 Excel/CSV（incoPat、智慧芽、CNIPA 检索等常见中文表头：申请号、公开(公告)号、名称、摘要、申请人、发明人、申请日、公开日、授权公告日、主分类号/分类号、法律状态、国省代码……）。已存在的申请号将被更新。
      </Typography.Paragraph>
      {isOffice(user) && (
        <Space><span>导入机构：</span>
          <Select allowClear showSearch optionFilterProp="label" placeholder="（可选）所属机构" style={{ width: 320 }} value={orgId} onChange={setOrgId}
            options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Space>
      )}
      <ImportPanel title="上传专利清单" endpoint="/imports/patents" templatePath="/imports/patents/template"
        extraFields={orgId ? { orgId: String(orgId) } : {}} onDone={() => void qc.invalidateQueries({ queryKey: ['patents'] })} />
    </Space>
  );
}
