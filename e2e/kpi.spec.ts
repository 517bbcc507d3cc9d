import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { launch, login, newPage, shot } from './lib.ts';

/**
 * The office opens the dashboard of a preset plan, drills one figure down to its records, generates the annual work
 * summary as a Word document, downloads it and finds the same figure inside (word/document.xml).
 */
describe('plans, indicators and reports', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('dashboard → drill-down → Word report with the same figure', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/kpi');
    await page.getByRole('link', { name: /鄂尔多斯市关于实施专利转化专项计划/ }).click();
    const fig = page.getByTestId('fig-SME_IN_PATENTS-2023');
    await fig.waitFor();
    const figure = (await fig.innerText()).trim();
    assert.match(figure, /^\d+$/);
    assert.ok(Number(figure) > 0, 'the demo ledger has SME patent inflows in 2023');
    const growth = (await page.getByTestId('target-sme-in-patents-cagr').innerText()).trim();
    await shot(page, 'kpi-dashboard');

    await fig.click();
    await page.getByTestId('drill-total').waitFor();
    assert.equal((await page.getByTestId('drill-total').innerText()).trim(), figure);
    await shot(page, 'kpi-drilldown');
    await page.goBack();

    await page.getByRole('button', { name: /生成年度工作总结/ }).click();
    const link = page.getByTestId('report-download');
    await link.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zh-kpi-')), 'report.docx');
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('word/document.xml')!.async('string');
    assert.match(xml, /工作总结报告/);
    assert.ok(xml.includes(`2023年 ${figure}件`), `the report holds the dashboard's figure 2023年 ${figure}件`);
    const pct = /([\d.]+)%/.exec(growth)?.[1];
    if (pct) assert.ok(xml.includes(`${Number(pct).toFixed(2)}%`), `the report holds the growth ${pct}%`);
    assert.ok(Object.keys(zip.files).some((f) => f.startsWith('word/charts/')), 'the report has charts');
  });
});
