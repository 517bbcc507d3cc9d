import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launch, login, newPage, shot } from './lib.ts';

/** The trunk's flow: a university user logs in, imports its patent stock from a file, finds a patent. */
describe('patent registry', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('logs in, imports a file and finds the imported patent', async () => {
    const page = await newPage(browser);
    await login(page, 'univ');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zh-')), '本校专利.csv');
    fs.writeFileSync(file, '申请号,名称,申请人,申请日,主分类号,法律状态\n201710601862.3,一种端到端测试用的柔性传感器阵列,示例理工大学,2017-07-21,G01L1/00,有效\n');
    await page.goto('/import');
    await page.locator('input[type=file]').setInputFiles(file);
    const result = page.getByTestId('import-result');
    await result.waitFor();
    assert.match(await result.innerText(), /新增 1/);
    await page.goto('/patents');
    const search = page.getByPlaceholder('名称、摘要、申请号、公开号或权利人');
    await search.fill('柔性传感器阵列');
    await search.press('Enter');
    await page.getByRole('link', { name: '一种端到端测试用的柔性传感器阵列' }).first().click();
    await page.getByTestId('patent-title').waitFor();
    assert.equal(await page.getByTestId('patent-title').innerText(), '一种端到端测试用的柔性传感器阵列');
    assert.match(await page.getByTestId('patent-ipc').innerText(), /G01L1\/00/);
    await shot(page, 'patent-detail');
  });

  it('shows the rejected rows of a bad file and imports nothing', async () => {
    const page = await newPage(browser);
    await login(page, 'univ');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zh-')), 'bad.csv');
    fs.writeFileSync(file, '申请号,名称,申请日\n201810431317.9,一种好行,2018-04-01\n202010123456.7,一种坏行,2020-01-01\n');
    await page.goto('/import');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-errors').waitFor();
    const table = await page.getByTestId('import-errors').innerText();
    assert.match(table, /3/);
    assert.match(table, /校验位应为 2/);
    await page.goto('/patents?q=201810431317');
    await page.getByTestId('patent-table').waitFor();
    assert.match(await page.getByTestId('patent-table').innerText(), /暂无数据/);
  });
});
