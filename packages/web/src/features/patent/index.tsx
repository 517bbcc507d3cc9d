import { FileSearchOutlined, UploadOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { PatentListPage } from './patent-list-page.tsx';
import { PatentDetailPage } from './patent-detail-page.tsx';
import { PatentImportPage } from './patent-import-page.tsx';

export default {
  routes: [
    { path: '/patents', element: <PatentListPage /> },
    { path: '/patents/:id', element: <PatentDetailPage /> },
    { path: '/import', element: <PatentImportPage /> },
  ],
  menu: [
    { key: '/patents', label: '专利检索', icon: <FileSearchOutlined />, order: 10, group: '供给', roles: 'public' },
    { key: '/import', label: '数据导入', icon: <UploadOutlined />, order: 900, group: '系统', roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent'] },
  ],
} satisfies Feature;
