import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 3000,
    rollupOptions: {
      onwarn(w, warn) { if (w.code === 'INVALID_ANNOTATION' || w.code === 'MODULE_LEVEL_DIRECTIVE') return; warn(w); },
      output: { manualChunks: { antd: ['antd', '@ant-design/icons'], echarts: ['echarts', 'echarts-for-react'], react: ['react', 'react-dom', 'react-router-dom'] } } },
  },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
