import { BankOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { PledgeBatchPage, PledgeDetailPage, PledgeImportPage, PledgeListPage } from './pledge-pages.tsx';

export default {
  routes: [
    { path: '/pledges', element: <PledgeListPage /> },
    { path: '/pledges/:id', element: <PledgeDetailPage /> },
    { path: '/pledge-batches', element: <PledgeBatchPage /> },
    { path: '/pledges-import', element: <PledgeImportPage /> },
  ],
  menu: [
    { key: '/pledges', label: '质押融资', icon: <BankOutlined />, order: 50, group: '金融', roles: ['platform_admin', 'org_admin', 'org_member', 'bank_officer', 'auditor', 'service_agent'] },
    { key: '/pledges-import', label: '导入质押登记', order: 51, group: '金融', roles: ['platform_admin', 'bank_officer'] },
  ],
} satisfies Feature;
