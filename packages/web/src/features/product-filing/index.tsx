import { ProductOutlined } from '@ant-design/icons';
import type { Feature } from '../../app/feature.ts';
import { FilingDetailPage, FilingImportPage, FilingListPage } from './product-filing-pages.tsx';

export default {
  routes: [
    { path: '/product-filings', element: <FilingListPage /> },
    { path: '/product-filings/:id', element: <FilingDetailPage /> },
    { path: '/product-filings-import', element: <FilingImportPage /> },
  ],
  menu: [
    { key: '/product-filings', label: '专利产品备案', icon: <ProductOutlined />, order: 52, group: '交易', roles: ['platform_admin', 'org_admin', 'org_member', 'service_agent', 'auditor'] },
    { key: '/product-filings-import', label: '导入产品备案', order: 53, group: '政府', roles: ['platform_admin'] },
  ],
} satisfies Feature;
