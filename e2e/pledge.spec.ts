import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { checkCharacter } from '../packages/domain/src/patent/patent-number.ts';
import { addYears } from '../packages/domain/src/common/dates.ts';
import { apiAs, launch, login, newPage, shot } from './lib.ts';

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const SME_NAME = '示例智能装备有限公司';
const body = `20231${String(900000 + Math.floor(Math.random() * 99999)).padStart(7, '0')}`;
const APP_NO = `${body}.${checkCharacter(body)}`;
const TITLE = '一种端到端测试用的智能装配机器人关节减速器';

/** Pick an option of an antd Select found by its data-testid, typing to search. */
async function pick(page: Page, testId: string, search: string, option: string | RegExp): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId(testId).click();
  await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
  await dialog.locator('.ant-modal-title').click();
}

async function ok(page: Page): Promise<void> {
  await page.getByRole('dialog').getByTestId('modal-ok').click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

async function waitText(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).waitFor();
}

describe('pledge financing and product filing', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('an SME applies for a pledge loan; the bank approves, registers, lends; it is repaid and released; the SME files a product and reports a year', async () => {
    // the SME brings its own granted invention into the patent library
    const sme = await newPage(browser);
    await login(sme, 'sme');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zh-')), '本企业专利.csv');
    fs.writeFileSync(file, `申请号,名称,申请人,申请日,授权公告日,主分类号,法律状态\n${APP_NO},${TITLE},${SME_NAME},2023-03-01,2024-05-10,B25J9/10,有效\n`);
    await sme.goto('/import');
    await sme.locator('input[type=file]').setInputFiles(file);
    await sme.getByTestId('import-result').waitFor();

    // 1. apply
    await sme.goto('/pledges');
    await sme.getByTestId('pledge-apply').click();
    await pick(sme, 'field-pledgeeOrgId', '示例商业银行', '示例商业银行');
    await pick(sme, 'field-patentIds', body.slice(0, 8), TITLE);
    await sme.getByRole('dialog').getByTestId('field-requestedAmountFen').fill('200');
    await ok(sme);
    await sme.waitForURL(/\/pledges\/\d+$/);
    const pledgeUrl = new URL(sme.url()).pathname;
    await waitText(sme, 'pledge-state', '已申请');

    // 2. the bank decides, registers the pledge, lends
    const bank = await newPage(browser);
    await login(bank, 'bank');
    await bank.goto(pledgeUrl);
    await bank.getByTestId('act-decide').click();
    await ok(bank);
    await waitText(bank, 'pledge-state', '银行已批准');
    await bank.getByTestId('act-register').click();
    const dlg = bank.getByRole('dialog');
    await dlg.getByTestId('field-registrationNo').fill(`Y${today.slice(0, 4)}510000${body.slice(-4)}`);
    await dlg.getByTestId('field-debtTermStart').fill(today);
    await dlg.getByTestId('field-debtTermEnd').fill(addYears(today, 1));
    await ok(bank);
    await waitText(bank, 'pledge-state', '质押已登记');
    await bank.getByTestId('act-disburse').click();
    await ok(bank);
    await waitText(bank, 'pledge-state', '已放款');
    assert.match(await bank.getByTestId('pledge-outstanding').innerText(), /200 万元/);
    await shot(bank, 'pledge-disbursed');

    // 3. repaid in full, then released
    await bank.getByTestId('act-repay').click();
    await ok(bank);
    await waitText(bank, 'pledge-state', '已结清');
    await bank.getByTestId('act-release').click();
    await ok(bank);
    await waitText(bank, 'pledge-state', '已解除质押');
    // the bank's list holds its loan, released
    const mine = await apiAs<{ items: { id: number; state: string }[] }>(bank, 'GET', '/pledges?state=released');
    assert.ok(mine.items.some((x) => `/pledges/${x.id}` === pledgeUrl));

    // the SME sees the released pledge
    await sme.goto(pledgeUrl);
    await waitText(sme, 'pledge-state', '已解除质押');
    await shot(sme, 'pledge-released');

    // 4. the SME files a product implementing its patent
    await sme.goto('/product-filings');
    await sme.getByTestId('filing-new').click();
    const f = sme.getByRole('dialog');
    await f.getByTestId('field-productName').fill('智能装配机器人关节减速器');
    await pick(sme, 'field-category', '高端', '高端装备制造');
    await f.getByTestId('field-productionStart').fill(`${Number(today.slice(0, 4)) - 2}-01-01`);
    await pick(sme, 'field-ownPatents', body.slice(0, 8), TITLE);
    await f.getByTestId('field-integrityPledge').check();
    await ok(sme);
    await sme.waitForURL(/\/product-filings\/\d+$/);
    const filingUrl = new URL(sme.url()).pathname;
    await sme.getByTestId('filing-submit').click();
    await ok(sme);
    await waitText(sme, 'filing-state', '备案中');

    // the office reviews and files it
    const office = await newPage(browser);
    await login(office, 'admin');
    await office.goto(filingUrl);
    await office.getByTestId('filing-review').click();
    await ok(office);
    await waitText(office, 'filing-state', '已备案');
    assert.match(await office.getByTestId('filing-no').innerText(), /^BA\d{10}$/);

    // the SME reports last year's output
    await sme.reload();
    await sme.getByTestId('filing-report').click();
    const r = sme.getByRole('dialog');
    await r.getByTestId('field-outputFen').fill('1250');
    await r.getByTestId('field-salesFen').fill('1000');
    await r.getByTestId('field-jobs').fill('35');
    await ok(sme);
    await sme.getByTestId('filing-reports').filter({ hasText: '1,250 万元' }).waitFor();
    assert.match(await sme.getByTestId('filing-reports').innerText(), new RegExp(`${Number(today.slice(0, 4)) - 1}[\\s\\S]*1,250 万元[\\s\\S]*35`));
    await shot(sme, 'product-filing-report');
  });

  it('shows events, registries and typical cases to the public, and service visits (家次) to the agency', async () => {
    const anon = await newPage(browser);
    await anon.goto('/events');
    await anon.getByRole('link', { name: '（示例）智能装备专利成果路演' }).click();
    await anon.getByText('展示项目', { exact: true }).first().waitFor();
    await shot(anon, 'event-detail');
    await anon.goto('/registry?kind=typical_case');
    await anon.getByRole('link', { name: '（示例）高校专利“先用后付”许可中小企业' }).click();
    await anon.getByText('先使用后付费').first().waitFor();
    const agent = await newPage(browser);
    await login(agent, 'agent');
    await agent.goto('/service-records');
    await agent.getByTestId('service-visits').filter({ hasText: '服务 3 家次' }).waitFor();
    await shot(agent, 'service-records');
  });
});
