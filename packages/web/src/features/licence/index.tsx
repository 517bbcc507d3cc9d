import { AuditOutlined, ShopOutlined, SolutionOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { CataloguePage } from './catalogue-page.tsx';
import { DeclarationPage } from './declaration-page.tsx';
import { DeclareWizardPage } from './declare-wizard-page.tsx';
import { DeclarationsPage } from './declarations-page.tsx';
import { LicencesPage } from './licences-page.tsx';
import { LicenceDetailPage } from './licence-detail-page.tsx';

export default {
  routes: [
    { path: '/open-licence', element: <CataloguePage /> },
    { path: '/open-licence/declare', element: <DeclareWizardPage /> },
    { path: '/open-licence/declarations', element: <DeclarationsPage /> },
    { path: '/open-licence/:id', element: <DeclarationPage /> },
    { path: '/licences', element: <LicencesPage /> },
    { path: '/licences/:id', element: <LicenceDetailPage /> },
  ],
  menu: [
    { key: '/open-licence', label: '开放许可目录', icon: <ShopOutlined />, order: 40, group: '交易', roles: 'public' },
    { key: '/open-licence/declarations', label: '开放许可声明', icon: <AuditOutlined />, order: 41, group: '交易', roles: ['platform_admin', 'org_admin', 'org_member'] },
    { key: '/licences', label: '先使用后付费', icon: <SolutionOutlined />, order: 42, group: '交易', roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'] },
  ],
} satisfies Feature;
