// Start the platform on a fresh embedded database with demo data, run every e2e/*.spec.ts with node's
// test runner (playwright-core + Debian chromium), stop the server. Exit code = the tests'.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const port = Number(process.env.E2E_PORT ?? 3200);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-e2e-'));
const baseUrl = `http://127.0.0.1:${port}`;

const server = spawn(process.execPath, [path.join(root, 'scripts/start.js')], {
  cwd: root,
  env: { ...process.env, PORT: String(port), ZHUANHUA_DATA_DIR: path.join(dataDir, 'db'), ZHUANHUA_DEMO: 'true', LOG_LEVEL: 'warn', DATABASE_URL: '',
    // every browser of the suite logs in from 127.0.0.1, often more than 20 times a minute on a fast machine
    LOGIN_RATE_LIMIT_PER_MINUTE: '500' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let exited = false;
server.on('exit', () => { exited = true; });

async function waitUp(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (exited) throw new Error('server exited before it was ready');
    try { const r = await fetch(`${baseUrl}/api/v1/health`); if (r.ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start in 300 s');
}

let code = 1;
try {
  await waitUp();
  const only = process.argv.slice(2);
  const specs = fs.readdirSync(here).filter((f) => f.endsWith('.spec.ts') && (!only.length || only.some((o) => f.includes(o)))).sort().map((f) => path.join(here, f));
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...specs], {
    cwd: root, stdio: 'inherit', env: { ...process.env, BASE_URL: baseUrl, E2E_ARTIFACTS: path.join(here, 'artifacts') },
  });
  code = r.status ?? 1;
} catch (e) {
  console.error((e as Error).message);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  if (!exited) server.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
