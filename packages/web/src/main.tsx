import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, App as AntApp, Result, Button } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AppLayout } from './app/layout.tsx';
import { AuthProvider } from './app/auth.tsx';
import { FEATURES } from './app/features.ts';
import { ApiError } from './api/client.ts';

dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2, refetchOnWindowFocus: false } },
});

const notFound = <Result status="404" title="页面不存在" extra={<Button href="/">返回首页</Button>} />;
const router = createBrowserRouter([
  ...FEATURES.flatMap((f) => f.routes.filter((r) => r.path === '/login')),
  { path: '/', element: <AppLayout />, children: [...FEATURES.flatMap((f) => f.routes.filter((r) => r.path !== '/login')), { path: '*', element: notFound }] },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
