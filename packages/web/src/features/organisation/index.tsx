import { BankOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { OrganisationDetailPage, OrganisationListPage } from './organisation-pages.tsx';

export default {
  routes: [{ path: '/organisations', element: <OrganisationListPage /> }, { path: '/organisations/:id', element: <OrganisationDetailPage /> }],
  menu: [{ key: '/organisations', label: '机构', icon: <BankOutlined />, order: 800, group: '系统' }],
} satisfies Feature;
