import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { base32Decode, totp, type HmacFn } from '@zhuanhua/domain/security/totp.rules.ts';
import { DEMO_PASSWORD, launch, login, newPage, shot } from './lib.ts';

const hmac: HmacFn = (alg, key, msg) => new Uint8Array(createHmac(alg, key).update(msg).digest());

/** Issue 9: a user binds a TOTP authenticator and then needs the code to log in; the auditor verifies the audit chain. */
describe('account security', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('binds an authenticator, then logs in with password and dynamic code', async () => {
    const page = await newPage(browser);
    await login(page, 'agent');
    await page.goto('/security');
    await page.getByTestId('totp-setup').click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    const key = base32Decode(secret);
    const now = Math.floor(Date.now() / 1000);
    await page.getByTestId('totp-code').fill(totp(hmac, key, now));
    await page.getByRole('button', { name: /启\s*用/ }).click();
    await page.getByText('已启用。以后登录时需输入').waitFor();
    await shot(page, 'security-totp-enabled');

    const fresh = await newPage(browser);
    await fresh.goto('/login');
    await fresh.getByPlaceholder('用户名').fill('agent');
    await fresh.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await fresh.getByRole('button', { name: /登\s*录/ }).click();
    await fresh.getByTestId('login-totp').waitFor();
    assert.match(await fresh.getByTestId('login-error').innerText(), /动态验证码/);
    await fresh.getByTestId('login-totp').fill(totp(hmac, key, Math.floor(Date.now() / 1000) + 30));
    await fresh.getByRole('button', { name: /登\s*录/ }).click();
    await fresh.getByTestId('current-user').waitFor();
  });

  it('the auditor verifies the audit chain', async () => {
    const page = await newPage(browser);
    await login(page, 'auditor');
    await page.goto('/security');
    await page.getByTestId('audit-verify').click();
    const res = page.getByTestId('audit-result');
    await res.waitFor();
    assert.match(await res.innerText(), /审计链完整：已校验 \d+ 条记录/);
    await shot(page, 'security-audit-verify');
  });
});
