import { SearchOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { SearchPage } from './search-page.tsx';

export default {
  routes: [{ path: '/search', element: <SearchPage /> }],
  menu: [{ key: '/search', label: '全文检索', icon: <SearchOutlined />, order: 35, group: '需求', roles: 'public' }],
} satisfies Feature;
