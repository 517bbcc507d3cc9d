import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { apiAs, launch, login, newPage, shot } from './lib.ts';

type List<T> = { items: T[]; total: number };

/** Find a patent of the logged-in university that may be declared for open licence (the demo data is generated). */
async function eligiblePatent(page: Page): Promise<{ id: number; applicationNumber: string }> {
  const me = await apiAs<{ user: { orgId: number } }>(page, 'GET', '/auth/me');
  const list = await apiAs<List<{ id: number; applicationNumber: string; grantDate: string | null }>>(page, 'GET', `/patents?holderId=${me.user.orgId}&status=in_force&type=invention&pageSize=200`);
  // granted before the announcement date the office records below
  for (const p of list.items.filter((x) => x.grantDate && x.grantDate < '2025-06-01')) {
    const r = await apiAs<{ eligible: boolean }>(page, 'POST', '/licence/eligibility', { patentId: p.id });
    if (r.eligible) return p;
  }
  throw new Error('no eligible demo patent for the university');
}

/**
 * Open licensing with use first, pay later: a university declares an open licence; the office approves it;
 * an SME takes it with a pay-later term, reports use, and the royalty due appears for both sides.
 */
describe('open licence, use first pay later', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('declare → approve → take with a free trial → report use → royalty due for both', async () => {
    // 1. The university declares through the wizard, with the eligibility check and the fee preview.
    const univ = await newPage(browser);
    await login(univ, 'univ');
    const patent = await eligiblePatent(univ);
    await univ.goto('/open-licence/declare');
    await univ.getByTestId('field-patent').click();
    await univ.keyboard.type(patent.applicationNumber);
    await univ.locator('.ant-select-item-option', { hasText: patent.applicationNumber }).first().click();
    await univ.getByTestId('check-eligibility').click();
    await univ.getByTestId('eligibility-ok').waitFor();
    await univ.getByTestId('step-next-1').click();
    await univ.getByLabel('提成比例 %').fill('3');
    await univ.getByLabel('先使用后付费：免费试用（月，0 = 无）').fill('3');
    await univ.getByTestId('step-next-2').click();
    await univ.getByTestId('declare-submit').click();
    await univ.waitForURL(/\/open-licence\/\d+$/);
    const declId = Number(/\/open-licence\/(\d+)$/.exec(univ.url())![1]);
    assert.equal(await univ.getByTestId('declaration-state').innerText(), '待审核');
    assert.match(await univ.getByTestId('declaration-fee').innerText(), /3\.00%/);

    // 2. The office approves it (recording the announcement date) and it is published.
    const office = await newPage(browser);
    await login(office, 'admin');
    await office.goto(`/open-licence/${declId}`);
    await office.getByTestId('review-approve').click();
    await office.getByTestId('field-publishedDate').fill('2026-01-05');
    await office.getByTestId('review-ok').click();
    try {
      await office.getByTestId('declaration-state').getByText('已公布').waitFor();
    } catch (e) {
      await shot(office, 'licence-approve-failed');
      throw new Error(`approval failed: ${await office.locator('.ant-message').innerText().catch(() => '')} ${(e as Error).message}`);
    }
    await shot(office, 'licence-approved');

    // 3. The SME finds it in the public catalogue and takes it (notice), with a 3-month free trial.
    const sme = await newPage(browser);
    await login(sme, 'sme');
    await sme.goto('/open-licence?payLater=true');
    await sme.getByTestId('catalogue-table').getByRole('link', { name: /./ }).first().waitFor();
    await sme.goto(`/open-licence/${declId}`);
    await sme.getByTestId('take-licence').click();
    await sme.getByTestId('field-noticeDate').fill('2026-01-10');
    await sme.getByTestId('take-ok').click();
    await sme.waitForURL(/\/licences\/\d+$/);
    const licId = Number(/\/licences\/(\d+)$/.exec(sme.url())![1]);
    await sme.getByTestId('licence-title').waitFor();

    // 4. The SME reports the net sales of the first period after the trial (2026-04-10 … 2026-07-09).
    await sme.getByTestId('report-use').click();
    assert.equal(await sme.getByTestId('field-periodStart').inputValue(), '2026-04-10');
    assert.equal(await sme.getByTestId('field-periodEnd').inputValue(), '2026-07-09');
    await sme.getByTestId('field-base').fill('1234567.89');
    await sme.getByTestId('report-ok').click();
    // 3% × 1,234,567.89 元 = 37,037.0367 元 → 37,037.04 元 (half away from zero, to the fen)
    await sme.getByTestId('due-items').getByText('37,037.04').first().waitFor();
    await shot(sme, 'licence-royalty-due-licensee');

    // 5. The university sees the same royalty due, in the licence and in its reminders.
    await univ.goto(`/licences/${licId}`);
    await univ.getByTestId('due-items').getByText('37,037.04').first().waitFor();
    await univ.goto('/licences');
    await univ.getByTestId('reminders').getByText('37,037.04').first().waitFor();
    await shot(univ, 'licence-royalty-due-licensor');

    // 6. Both sides can download the generated licence document.
    const doc = await sme.request.get(`/api/v1/licence/licences/${licId}/document`);
    assert.equal(doc.status(), 200);
    assert.equal((await doc.body()).subarray(0, 2).toString(), 'PK');
  });

  it('deal ledger: a university records a licence, signs it and enters a payment (idempotent)', async () => {
    const page = await newPage(browser);
    await login(page, 'univ');
    const me = await apiAs<{ user: { orgId: number } }>(page, 'GET', '/auth/me');
    const list = await apiAs<List<{ id: number; applicationNumber: string }>>(page, 'GET', `/patents?holderId=${me.user.orgId}&status=in_force&pageSize=50`);
    const p = list.items[list.items.length - 1];
    await page.goto('/deals/new');
    await page.getByTestId('field-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '许可' }).first().click();
    await page.getByTestId('field-licenceKind').click();
    await page.locator('.ant-select-item-option', { hasText: '普通许可' }).first().click();
    await page.getByTestId('field-title').fill('（端到端）传感器普通许可');
    await page.getByTestId('field-patents').click();
    await page.keyboard.type(p.applicationNumber);
    await page.locator('.ant-select-item-option', { hasText: p.applicationNumber }).first().click();
    await page.getByTestId('field-in').click();
    await page.keyboard.type('示例电子科技');
    await page.locator('.ant-select-item-option', { hasText: '示例电子科技有限公司' }).first().click();
    await page.getByTestId('field-contractDate').fill('2026-02-01');
    await page.getByTestId('field-amount').fill('12.345678');
    await page.getByTestId('deal-submit').click();
    try {
      await page.waitForURL(/\/deals\/\d+$/);
    } catch (e) {
      await shot(page, 'deal-form-failed');
      throw new Error(`deal not saved: ${await page.getByTestId('deal-error').innerText().catch(() => '')} ${await page.locator('.ant-form-item-explain-error').allInnerTexts()} ${(e as Error).message}`);
    }
    assert.equal(await page.getByTestId('deal-state').innerText(), '草稿');
    await page.getByTestId('deal-to-signed').click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('deal-state').getByText('已签订').waitFor();
    await page.getByTestId('deal-payment').click();
    await page.getByTestId('field-amount').fill('2.345678');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    // 2.345678 万元 = 23,456.78 元, exact to the fen
    await page.getByTestId('deal-payments').getByText('23,456.78').waitFor();
    await shot(page, 'deal-detail');
  });
});
