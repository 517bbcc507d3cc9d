import { SafetyOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { SecurityPage } from './security-page.tsx';

export default {
  routes: [{ path: '/security', element: <SecurityPage /> }],
  menu: [{ key: '/security', label: '账户与安全', icon: <SafetyOutlined />, order: 880, group: '系统' }],
} satisfies Feature;
