import { FileAddOutlined, ShopOutlined, SolutionOutlined, UploadOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { DemandHallPage } from './demand-hall-page.tsx';
import { DemandFormPage } from './demand-form-page.tsx';
import { DemandDetailPage } from './demand-detail-page.tsx';
import { DemandImportPage } from './demand-import-page.tsx';

export default {
  routes: [
    { path: '/demands', element: <DemandHallPage /> },
    { path: '/demands/mine', element: <DemandHallPage mine /> },
    { path: '/demands/new', element: <DemandFormPage /> },
    { path: '/demands/import', element: <DemandImportPage /> },
    { path: '/demands/:id', element: <DemandDetailPage /> },
  ],
  menu: [
    { key: '/demands', label: '需求大厅', icon: <ShopOutlined />, order: 30, group: '需求', roles: 'public' },
    { key: '/demands/mine', label: '我的需求', icon: <SolutionOutlined />, order: 31, group: '需求', roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'] },
    { key: '/demands/new', label: '发布需求', icon: <FileAddOutlined />, order: 32, group: '需求', roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent'] },
    { key: '/demands/import', label: '导入需求', icon: <UploadOutlined />, order: 39, group: '需求', roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent'] },
  ],
} satisfies Feature;
