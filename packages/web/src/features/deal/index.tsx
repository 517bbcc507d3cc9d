import { AccountBookOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { DealListPage } from './deal-list-page.tsx';
import { DealDetailPage } from './deal-detail-page.tsx';
import { DealFormPage } from './deal-form-page.tsx';
import { DealImportPage } from './deal-import-page.tsx';

export default {
  routes: [
    { path: '/deals', element: <DealListPage /> },
    { path: '/deals/new', element: <DealFormPage /> },
    { path: '/deals/import', element: <DealImportPage /> },
    { path: '/deals/:id', element: <DealDetailPage /> },
  ],
  menu: [
    { key: '/deals', label: '交易台账', icon: <AccountBookOutlined />, order: 45, group: '交易', roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'] },
  ],
} satisfies Feature;
