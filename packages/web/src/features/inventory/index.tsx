import { AccountBookOutlined, DatabaseOutlined, SlidersOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { RunsPage } from './runs-page.tsx';
import { RunPage } from './run-page.tsx';
import { ExplainPage } from './explain-page.tsx';
import { FeesPage } from './fees-page.tsx';
import { ConfigPage } from './config-page.tsx';

export default {
  routes: [
    { path: '/inventory', element: <RunsPage /> },
    { path: '/inventory/runs/:id', element: <RunPage /> },
    { path: '/inventory/patents/:id', element: <ExplainPage /> },
    { path: '/inventory/fees', element: <FeesPage /> },
    { path: '/inventory/config', element: <ConfigPage /> },
  ],
  menu: [
    { key: '/inventory', label: '沉睡专利盘点', icon: <DatabaseOutlined />, order: 20, group: '供给', roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'] },
    { key: '/inventory/fees', label: '年费与失效风险', icon: <AccountBookOutlined />, order: 22, group: '供给', roles: ['platform_admin', 'org_admin', 'org_member', 'auditor'] },
    { key: '/inventory/config', label: '分级模型', icon: <SlidersOutlined />, order: 24, group: '供给', roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'] },
  ],
} satisfies Feature;
