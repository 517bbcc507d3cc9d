import { AuditOutlined, FundOutlined, NotificationOutlined, ProfileOutlined, SolutionOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { PolicyDetailPage, PolicyListPage } from './policy-pages.tsx';
import { ApplyPage } from './apply-page.tsx';
import { ApplicationDetailPage, ApplicationListPage } from './application-pages.tsx';
import { BudgetPage, NoticePage } from './notice-budget-pages.tsx';

export default {
  routes: [
    { path: '/subsidy/policies', element: <PolicyListPage /> },
    { path: '/subsidy/policies/:id', element: <PolicyDetailPage /> },
    { path: '/subsidy/apply', element: <ApplyPage /> },
    { path: '/subsidy/applications', element: <ApplicationListPage /> },
    { path: '/subsidy/applications/:id', element: <ApplicationDetailPage /> },
    { path: '/subsidy/notices', element: <NoticePage /> },
    { path: '/subsidy/budget', element: <BudgetPage /> },
  ],
  menu: [
    { key: '/subsidy/policies', label: '奖补政策', icon: <ProfileOutlined />, order: 70, group: '政府', roles: 'public' },
    { key: '/subsidy/apply', label: '申请奖补', icon: <SolutionOutlined />, order: 71, group: '政府', roles: ['platform_admin', 'org_admin', 'org_member'] },
    { key: '/subsidy/applications', label: '奖补申请与审核', icon: <AuditOutlined />, order: 72, group: '政府', roles: ['platform_admin', 'org_admin', 'org_member', 'auditor'] },
    { key: '/subsidy/notices', label: '奖补公示', icon: <NotificationOutlined />, order: 73, group: '政府', roles: 'public' },
    { key: '/subsidy/budget', label: '奖补预算', icon: <FundOutlined />, order: 74, group: '政府', roles: ['platform_admin', 'auditor'] },
  ],
} satisfies Feature;
