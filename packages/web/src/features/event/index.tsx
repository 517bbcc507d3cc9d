import { TeamOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { EventDetailPage, EventImportPage, EventListPage } from './event-pages.tsx';

export default {
  routes: [
    { path: '/events', element: <EventListPage /> },
    { path: '/events/:id', element: <EventDetailPage /> },
    { path: '/events-import', element: <EventImportPage /> },
  ],
  menu: [
    { key: '/events', label: '对接活动与路演', icon: <TeamOutlined />, order: 54, group: '交易', roles: 'public' },
    { key: '/events-import', label: '导入活动台账', order: 55, group: '政府', roles: ['platform_admin', 'service_agent'] },
  ],
} satisfies Feature;
