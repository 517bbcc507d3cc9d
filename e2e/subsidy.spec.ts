import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { apiAs, launch, login, newPage, shot } from './lib.ts';

/**
 * Subsidy flow on the demo: the Xuchang demo SME (user sme4) applies for the pledge-cost subsidy of its fully repaid
 * demo loan; the office accepts and reviews it, a second reviewer (reviewer2) does the second review, it is put on
 * public notice, the demo business date is moved past the notice period, it is approved and paid, and the budget
 * view shows the payment.
 */
describe('subsidy', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  async function pick(page: Page, testId: string, text: string | RegExp): Promise<void> {
    await page.getByTestId(testId).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  }

  async function act(page: Page, action: string, dialog = false): Promise<void> {
    await page.getByTestId(`subsidy-action-${action}`).click();
    if (dialog) await page.getByTestId('subsidy-dialog-ok').click();
    await page.getByTestId(`subsidy-action-${action}`).waitFor({ state: 'detached' });
  }

  it('SME applies, two reviewers approve, public notice, payment, budget view', async () => {
    // the SME applies with the wizard: live eligibility and amount
    const sme = await newPage(browser);
    await login(sme, 'sme4');
    await sme.goto('/subsidy/apply');
    await pick(sme, 'subsidy-policy-select', '质押融资评估费');
    await pick(sme, 'subsidy-record-select', '已结清');
    const verdict = sme.getByTestId('subsidy-eligibility');
    await verdict.waitFor();
    assert.match(await verdict.innerText(), /符合申请条件，可申请 92,000\.00 元/);
    assert.match(await sme.getByTestId('subsidy-amount-steps').innerText(), /利息[\s\S]*60,000\.00 元/);
    await shot(sme, 'subsidy-apply');
    await sme.getByTestId('subsidy-submit').click();
    await sme.waitForURL(/\/subsidy\/applications\/\d+$/);
    const id = Number(/(\d+)$/.exec(sme.url())![1]);
    assert.match(await sme.getByTestId('subsidy-status').innerText(), /已提交/);

    // the office: accept and first review; the same person cannot do the second review
    const admin = await newPage(browser);
    await login(admin, 'admin');
    await admin.goto(`/subsidy/applications/${id}`);
    await act(admin, 'accept');
    await act(admin, 'first_review', true);
    await admin.getByTestId('subsidy-status').filter({ hasText: '初审通过' }).waitFor();
    assert.equal(await admin.getByTestId('subsidy-action-second_review').count(), 0);

    // a second reviewer
    const rev2 = await newPage(browser);
    await login(rev2, 'reviewer2');
    await rev2.goto(`/subsidy/applications/${id}`);
    await act(rev2, 'second_review', true);
    await rev2.getByTestId('subsidy-status').filter({ hasText: '复审通过' }).waitFor();

    // public notice: visible without login
    await admin.reload();
    await act(admin, 'start_notice');
    await admin.getByTestId('subsidy-status').filter({ hasText: '公示中' }).waitFor();
    const visitor = await newPage(browser);
    await visitor.goto('/subsidy/notices');
    await visitor.getByTestId('subsidy-notice-table').filter({ hasText: '示例电子科技有限公司' }).waitFor();
    await shot(visitor, 'subsidy-notice');
    assert.equal(await admin.getByTestId('subsidy-action-approve').count(), 0, 'no approval during the notice period');

    // the demo business date moves past the notice period; approve and pay
    await admin.goto('/subsidy/budget');
    await admin.getByTestId('subsidy-demo-clock').click();
    await admin.getByText(/演示业务日期已调整为/).waitFor();
    await admin.goto(`/subsidy/applications/${id}`);
    await act(admin, 'approve');
    await admin.getByTestId('subsidy-status').filter({ hasText: '已批准' }).waitFor();
    await admin.getByTestId('subsidy-action-pay').click();
    await admin.getByTestId('subsidy-pay-ref').fill('XC-E2E-0001');
    await admin.getByTestId('subsidy-dialog-ok').click();
    await admin.getByTestId('subsidy-status').filter({ hasText: '已拨付' }).waitFor();
    // paying again with the same reference changes nothing
    const again = await apiAs<{ status: string; replay: boolean }>(admin, 'POST', `/subsidy/applications/${id}/pay`, { date: (await apiAs<{ today: string }>(admin, 'GET', '/subsidy/today')).today, reference: 'XC-E2E-0001' });
    assert.deepEqual([again.status, again.replay], ['paid', true]);

    // the budget view shows the payment
    await admin.goto('/subsidy/budget');
    const year = (await apiAs<{ today: string }>(admin, 'GET', '/subsidy/today')).today.slice(0, 4);
    const paid = admin.getByTestId(`subsidy-paid-xc-pledge-cost-${Number(year) }`);
    await paid.waitFor().catch(() => undefined);
    const budget = await admin.getByTestId('subsidy-budget-table').innerText();
    assert.match(budget, /质押融资评估费、保险费、利息资助[\s\S]*92,000\.00 元/);
    await shot(admin, 'subsidy-budget');

    // the SME sees its application paid
    await sme.reload();
    assert.match(await sme.getByTestId('subsidy-status').innerText(), /已拨付/);
  });

  it('the office edits a policy: the change is saved as a new version', async () => {
    const admin = await newPage(browser);
    await login(admin, 'admin');
    await admin.goto('/subsidy/policies');
    await admin.getByRole('link', { name: '许昌市 中国专利奖奖励' }).first().click();
    await admin.getByTestId('subsidy-edit-policy').click();
    const fixed = admin.getByTestId('rule-fixed');
    await fixed.fill('150000');
    await admin.getByTestId('subsidy-save-version').click();
    await admin.getByTestId('subsidy-versions').filter({ hasText: '第 2 版' }).waitFor();
    assert.match(await admin.getByTestId('subsidy-versions').innerText(), /最高 150,000 元[\s\S]*最高 200,000 元/);
    await shot(admin, 'subsidy-policy-versions');
  });
});
