import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import ExcelJS from 'exceljs';
import { launch, login, newPage, shot } from './lib.ts';

/**
 * Issue 3: the office runs an inventory of the demo data, opens a sleeping patent and sees why it is sleeping
 * and its grade explained; then composes a supply list, reviews and publishes it, and downloads its Excel file.
 */
describe('sleeping-patent inventory and supply lists', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('runs an inventory, explains a sleeping patent, publishes a supply list and downloads it', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/inventory');
    await page.getByTestId('run-start').click();
    await page.getByTestId('run-progress').waitFor();
    await page.getByTestId('run-open').waitFor({ timeout: 180_000 });
    await page.getByTestId('run-open').click();
    const title = page.getByTestId('run-title');
    await title.waitFor();
    assert.match(await title.innerText(), /^盘点〔\d{4}〕第\d+批$/);
    await page.getByTestId('items-table').locator('tbody tr a').first().waitFor();
    await shot(page, 'inventory-run');

    // open the first (best-scored) sleeping patent
    await page.getByTestId('items-table').locator('tbody tr a').first().click();
    await page.getByTestId('sleeping-tag').waitFor();
    assert.equal(await page.getByTestId('sleeping-tag').innerText(), '沉睡专利');
    const checks = await page.getByTestId('sleeping-checks').innerText();
    assert.match(checks, /专利权人为高校、科研院所或国有企业/);
    assert.match(checks, /授权满3年/);
    assert.match(checks, /无实施、转让、许可、质押或产品备案记录/);
    const why = await page.getByTestId('grade-card').innerText();
    assert.match(why, /总分 \d+ = 法律价值 \d+ × \d+% \+ 技术价值 \d+ × \d+% \+ 经济价值 \d+ × \d+%/);
    assert.match(why, /分级阈值：A ≥ \d+/);
    assert.match(await page.getByTestId('grade-tag').innerText(), /^[ABCD]$/);
    await shot(page, 'inventory-explain');

    // compose, review and publish a supply list
    await page.goto('/supply-lists');
    await page.getByTestId('list-new').click();
    await page.getByTestId('list-title').fill('端到端测试：高校院所专利技术供给清单');
    await page.getByTestId('list-create').click();
    await page.getByTestId('list-heading').waitFor();
    assert.equal(await page.getByTestId('list-state').innerText(), '草稿');
    await page.getByTestId('list-items').locator('tbody tr').first().waitFor();
    await page.getByTestId('list-review').click();
    await page.getByText('已审核', { exact: true }).waitFor();
    await page.getByTestId('list-publish').click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已发布', { exact: true }).waitFor();
    const no = await page.locator('.ant-descriptions').innerText();
    assert.match(no, /供给清单〔\d{4}〕第\d+期/);
    await shot(page, 'supply-list-published');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-xlsx').click()]);
    assert.match(download.suggestedFilename(), /^供给清单〔\d{4}〕第\d+期\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('供给清单')!;
    assert.equal(ws.getRow(1).getCell(3).value, '专利名称');
    assert.ok(ws.rowCount > 1, 'the list has rows');

    // the published list is public: an anonymous visitor sees it
    const anon = await newPage(browser);
    await anon.goto('/public/supply-lists');
    await anon.getByTestId('lists-table').getByText('端到端测试：高校院所专利技术供给清单').waitFor();
  });
});
