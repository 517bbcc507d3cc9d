import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launch, login, newPage, shot } from './lib.ts';

/** An SME posts a demand (live classification preview), sees matches with reasons, marks one interested; the holder sees the contact request. */
describe('demand → match → contact', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('posts a demand, matches, marks interest, and the holder sees it', async () => {
    const page = await newPage(browser);
    await login(page, 'sme');
    await page.goto('/demands/new');
    await page.getByTestId('demand-title').fill('锂电池储能装置安全检测技术');
    await page.getByTestId('demand-description').fill('需要锂电池储能装置的安全检测与温度监测技术，提高电池管理系统的可靠性，降低热失控风险。');
    // live classification preview shows IPC subclasses while typing
    await page.getByTestId('classify-preview').getByText(/^[A-H]\d{2}[A-Z]$/).first().waitFor();
    await page.getByTestId('demand-save').click();
    await page.getByTestId('demand-state').waitFor();
    assert.equal(await page.getByTestId('demand-state').innerText(), '草稿');
    await page.getByTestId('demand-submit').click();
    await page.getByTestId('demand-state').getByText('待审核').waitFor();
    await page.getByTestId('demand-match').click();
    await page.getByTestId('match-item').first().waitFor();
    const first = await page.getByTestId('match-item').first().innerText();
    assert.match(first, /匹配关键词：/);
    await shot(page, 'demand-matches');
    // mark interest on the first result held by 示例理工大学 (the demo university with a user)
    const item = page.getByTestId('match-item').filter({ hasText: '权利人：示例理工大学' }).first();
    await item.waitFor();
    const title = (await item.locator('a').first().innerText()).trim();
    await item.getByTestId('btn-interested').click();
    await item.getByText('已发送对接请求').waitFor();

    const holder = await newPage(browser);
    await login(holder, 'univ');
    await holder.goto('/contacts');
    const table = holder.getByTestId('contacts-in');
    await table.getByText(title).first().waitFor();
    assert.match(await table.innerText(), /示例智能装备有限公司/);
    assert.match(await table.innerText(), /待回复/);
    await shot(holder, 'demand-contact-request');
  });
});
