import { AimOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { KpiPlansPage } from './kpi-plans-page.tsx';
import { KpiDashboardPage } from './kpi-dashboard-page.tsx';
import { KpiPlanEditor } from './kpi-plan-editor.tsx';
import { KpiDrillPage } from './kpi-drill-page.tsx';

export default {
  routes: [
    { path: '/kpi', element: <KpiPlansPage /> },
    { path: '/kpi/drill', element: <KpiDrillPage /> },
    { path: '/kpi/plans/:id', element: <KpiDashboardPage /> },
    { path: '/kpi/plans/:id/edit', element: <KpiPlanEditor /> },
  ],
  menu: [{ key: '/kpi', label: '规划目标与指标', icon: <AimOutlined />, order: 60, group: '政府' }],
} satisfies Feature;
