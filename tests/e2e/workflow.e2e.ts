import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, E2E_PASSWORD, launchBrowser, newPage, openCaseByNo, shot, signInPage, startServe, type Served } from './harness';

/**
 * A clerk's and a supervisor's real day in Debian's Chromium against `serve`: first-run setup, a phone
 * complaint registered with the keyboard, then acceptance, assignment, investigation, review, reply and
 * follow-up until the register shows the case closed with its timeline.
 */
let served: Served;
let browser: Browser;
let registerNo = '';

const PASSWORD = E2E_PASSWORD;

const signIn = (username: string): Promise<Page> => signInPage(browser, served.url, username);
const openCase = (page: Page): Promise<void> => openCaseByNo(page, served.url, registerNo);

async function act(page: Page, label: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  await page.getByTestId('case-actions').getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByTestId('action-submit').click();
  await dialog.waitFor({ state: 'detached' });
}

const statusText = (page: Page) => page.getByTestId('case-detail').getByTestId('status-tag').first().textContent();

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the register, end to end', () => {
  it('first run: the administrator sets up the office', async () => {
    const { page, context } = await newPage(browser, served.url);
    await page.getByRole('button', { name: '完成设置并登录' }).waitFor();
    await shot(page, '01-setup');
    await page.getByLabel('单位名称').fill('某某县政务服务中心');
    await page.getByLabel('单位电话').fill('0571-87654321');
    await page.getByLabel('管理员用户名').fill('admin');
    await page.getByLabel('管理员姓名').fill('王管理');
    await page.getByLabel('管理员密码').fill(PASSWORD);
    await page.getByLabel('确认密码').fill(PASSWORD);
    await page.getByRole('button', { name: '完成设置并登录' }).click();
    await page.getByText('王管理').first().waitFor();
    await shot(page, '02-admin-signed-in');
    await context.close();

    // The rest of the office's directory through the same API other tools use.
    const api = new ApiClient(served.url);
    await api.call('auth/signIn', { username: 'admin', password: PASSWORD });
    const dept = await api.call<{ id: number }>('departments/save', { name: '社保服务科' });
    const handler = await api.call<{ id: number }>('staff/save', { departmentId: dept.id, name: '李明', title: '科员' });
    // The handler's own account: only the assigned handler (or a supervisor) records the investigation and finding.
    await api.call('users/create', { username: 'liming', displayName: '李明', password: PASSWORD, role: 'clerk', staffId: handler.id });
    await api.call('users/create', { username: 'clerk', displayName: '陈登记', password: PASSWORD, role: 'clerk' });
    await api.call('users/create', { username: 'boss', displayName: '赵主任', password: PASSWORD, role: 'supervisor' });
  });

  it('a clerk registers a phone complaint with the keyboard while the caller waits', async () => {
    const page = await signIn('clerk');
    await shot(page, '03-clerk-dashboard');
    await page.keyboard.press('Control+n');
    await page.getByTestId('registration-form').waitFor();
    const key = async (k: string) => { await page.keyboard.press(k); await page.waitForTimeout(80); };
    const type = async (text: string) => { await page.keyboard.type(text); await page.waitForTimeout(150); };
    await key('Tab'); await type('电话'); await key('Enter');     // 来源渠道
    await key('Tab'); await type('投诉'); await key('Enter');     // 类型
    await key('Tab'); await key('Tab');                           // 匿名, 要求保密
    await key('Tab'); await type('张建国');                        // 姓名
    await key('Tab'); await type('男'); await key('Enter');       // 性别
    await key('Tab'); await type('13812345678');                  // 联系电话
    await page.getByLabel('事由').focus();
    await type('社保窗口工作人员态度生硬');
    await key('Tab'); await type('来电人反映今天上午在社保窗口办理退休手续时，工作人员态度生硬，不解释所缺材料。');
    await key('Tab'); await type('要求说明材料清单并道歉');
    await shot(page, '04-registration-filled');
    await key('Control+s');
    await page.getByTestId('case-detail').waitFor();
    registerNo = (await page.getByTestId('register-no').textContent())?.trim() ?? '';
    expect(registerNo).toMatch(/^\d{4}-\d{6}$/);
    expect(await statusText(page)).toBe('待受理');
    await shot(page, '05-case-registered');
  });

  it('the supervisor accepts and assigns it; the due date appears', async () => {
    const page = await signIn('boss');
    await openCase(page);
    await act(page, '受理', async (d) => { await d.getByLabel('受理意见').fill('属本中心职责，予以受理。'); });
    expect(await statusText(page)).toBe('待分办');
    await act(page, '分办', async (d) => {
      await d.getByLabel('承办部门').click();
      await page.keyboard.type('社保');
      await page.keyboard.press('Enter');
      await d.getByLabel('承办人').click();
      await page.waitForTimeout(200);
      await page.keyboard.press('Enter');
      await d.getByText('复杂', { exact: true }).click();
    });
    expect(await statusText(page)).toBe('办理中');
    await expect.poll(() => page.getByTestId('due-badge').first().textContent()).toMatch(/正常|即将到期|已超期|日历/);
    await shot(page, '06-case-assigned');

    // Before confirming an extension the dialog says which working day a rest day moves to (nothing is saved here).
    await page.getByTestId('case-actions').getByRole('button', { name: '延期', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const now = new Date();
    const firstSaturday = 1 + ((6 - new Date(now.getFullYear(), now.getMonth(), 1).getDay() + 7) % 7);
    const saturday = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(firstSaturday + 7).padStart(2, '0')}`;
    await dialog.getByLabel('延期后期限').click();
    await page.locator(`.ant-picker-cell[title="${saturday}"]`).click();
    await expect.poll(() => dialog.getByTestId('extend-preview').textContent()).toContain(saturday);
    await shot(page, '06b-extend-preview');
    await dialog.locator('.ant-modal-footer button').first().click(); // 取消
    await dialog.waitFor({ state: 'detached' });
  });

  it('the handler records the investigation and the finding', async () => {
    const page = await signIn('liming');
    await openCase(page);
    await act(page, '调查记录', async (d) => { await d.getByLabel('调查记录').fill('调取窗口录像，约谈窗口人员李明。'); });
    await act(page, '办理结果', async (d) => {
      await d.getByText('属实', { exact: true }).click();
      await d.getByLabel('处理意见').fill('对窗口人员批评教育，窗口公示材料清单。');
    });
    expect(await statusText(page)).toBe('待审核');
  });

  it('the supervisor approves; the reply and follow-up close the case', async () => {
    const boss = await signIn('boss');
    await openCase(boss);
    await act(boss, '审核', async () => {});
    expect(await statusText(boss)).toBe('待答复');
    const clerk = await signIn('clerk');
    await openCase(clerk);
    await act(clerk, '答复', async (d) => { await d.getByLabel('答复内容摘要').fill('电话告知核查结果和整改措施。'); });
    expect(await statusText(clerk)).toBe('待回访');
    await act(clerk, '回访', async (d) => { await d.getByText('满意', { exact: true }).click(); });
    expect(await statusText(clerk)).toBe('已办结');
    const timeline = clerk.getByTestId('timeline');
    for (const step of ['登记', '受理', '分办', '调查记录', '办理结果', '审核', '答复', '回访']) {
      await expect.poll(() => timeline.getByText(step, { exact: true }).count()).toBeGreaterThan(0);
    }
    await shot(clerk, '07-case-closed-timeline');

    await clerk.goto(`${served.url}#/register?q=${registerNo}`);
    const row = clerk.getByTestId('register-table').locator('tbody tr.clickable-row').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('已办结');
    await shot(clerk, '08-register-closed');
  });
});
