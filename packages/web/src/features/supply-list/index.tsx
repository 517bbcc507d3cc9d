import { FileTextOutlined, NotificationOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { ListsPage, PublicListsPage } from './lists-page.tsx';
import { ListPage } from './list-page.tsx';

export default {
  routes: [
    { path: '/supply-lists', element: <ListsPage /> },
    { path: '/supply-lists/:id', element: <ListPage /> },
    { path: '/public/supply-lists', element: <PublicListsPage /> },
  ],
  menu: [
    { key: '/public/supply-lists', label: '专利供给清单', icon: <NotificationOutlined />, order: 25, group: '供给', roles: 'public' },
    { key: '/supply-lists', label: '供给清单编制', icon: <FileTextOutlined />, order: 26, group: '供给', roles: ['platform_admin', 'org_admin', 'service_agent', 'auditor'] },
  ],
} satisfies Feature;
