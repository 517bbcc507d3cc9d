import { AimOutlined, TeamOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { MatchPage } from './match-page.tsx';
import { ContactsPage } from './contacts-page.tsx';

export default {
  routes: [
    { path: '/match', element: <MatchPage /> },
    { path: '/contacts', element: <ContactsPage /> },
  ],
  menu: [
    { key: '/match', label: '智能匹配', icon: <AimOutlined />, order: 33, group: '需求' },
    { key: '/contacts', label: '对接请求', icon: <TeamOutlined />, order: 34, group: '需求', roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent'] },
  ],
} satisfies Feature;
