import { ApartmentOutlined, SolutionOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { RegistryDetailPage, RegistryImportPage, RegistryListPage, ServiceRecordsPage } from './registry-pages.tsx';

export default {
  routes: [
    { path: '/registry', element: <RegistryListPage /> },
    { path: '/registry/:id', element: <RegistryDetailPage /> },
    { path: '/service-records', element: <ServiceRecordsPage /> },
    { path: '/registry-import', element: <RegistryImportPage /> },
  ],
  menu: [
    { key: '/registry', label: '服务机构与名录', icon: <ApartmentOutlined />, order: 56, group: '政府', roles: 'public' },
    { key: '/service-records', label: '企业服务记录', icon: <SolutionOutlined />, order: 57, group: '政府', roles: ['platform_admin', 'service_agent', 'org_admin', 'org_member', 'auditor'] },
    { key: '/registry-import', label: '导入名录/服务记录', order: 58, group: '政府', roles: ['platform_admin', 'service_agent'] },
  ],
} satisfies Feature;
