import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, E2E_PASSWORD, launchBrowser, openCaseByNo, shot, signInPage, startServe, type Served } from './harness';

/**
 * What a new clerk tripped over, in Debian's Chromium against `serve`: an empty registration shows every
 * missing field at once and puts the cursor in the first; Alt+N opens a new registration in a browser
 * (Ctrl+N is the browser's); an edit that meets someone else's newer save keeps what was typed, reloads
 * the case and goes through on 提交 again; the page picks up a change made elsewhere when it regains the
 * focus; 清除草稿 asks first; a walk-in's reply defaults to 当面.
 */
let served: Served;
let browser: Browser;
let boss: ApiClient;
let caseId = 0;
let registerNo = '';
let staffId = 0;

const PASSWORD = E2E_PASSWORD;
/** The machine is shared and busy: give the app up to 10 s to show an answer. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });
/** Signed in, once the app's frame shows (whatever the dashboard draws: it is being reworked). */
const signIn = (username: string): Promise<Page> => signInPage(browser, served.url, username);

const errorsShown = (page: Page) => page.getByTestId('registration-form').locator('.ant-form-item-explain-error').allTextContents();
/** The label of the form item holding the focused element. */
const focusedField = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('.ant-form-item')?.querySelector('.ant-form-item-label')?.textContent ?? null);
const buttonText = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.replace(/\s/g, '');

type Detail = { id: number; version: number; registerNo: string };
const getCase = () => boss.call<Detail>('cases/get', { id: caseId });

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const admin = new ApiClient(served.url);
  await admin.call('setup/init', {
    office: { name: '测试县政务服务中心', address: '', phone: '' },
    admin: { username: 'admin', displayName: '王管理', password: PASSWORD },
  });
  const dept = await admin.call<{ id: number }>('departments/save', { name: '综合窗口科' });
  staffId = (await admin.call<{ id: number }>('staff/save', { departmentId: dept.id, name: '周办理', title: '科员' })).id;
  await admin.call('users/create', { username: 'clerk', displayName: '陈登记', password: PASSWORD, role: 'clerk' });
  await admin.call('users/create', { username: 'boss', displayName: '赵主任', password: PASSWORD, role: 'supervisor' });
  boss = new ApiClient(served.url);
  await boss.call('auth/signIn', { username: 'boss', password: PASSWORD });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('what a clerk trips over', () => {
  it('Alt+N opens a new registration; an empty save shows every missing field at once, the first focused, nothing sent', async () => {
    const page = await signIn('clerk');
    expect(await page.getByTestId('menu-new-case').getAttribute('title')).toBe('Alt+N'); // the browser keeps Ctrl+N
    await page.keyboard.press('Alt+n');
    await page.getByTestId('registration-form').waitFor();
    expect(await page.getByTestId('shortcuts-hint').textContent()).toContain('Alt+N');
    expect(await buttonText(page, 'save-case')).toBe('保存');

    const sent: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/cases/register')) sent.push(r.url()); });
    await page.keyboard.press('Control+s');
    await poll(() => errorsShown(page)).toEqual(['请填写「来源渠道」', '请填写「类型」', '请填写「事由」', '请填写「详细情况」']);
    expect(await focusedField(page)).toBe('来源渠道');
    expect(sent).toEqual([]);
    await shot(page, 'clerk-01-empty-form-errors');

    // fixing a field takes its error away; the rest stay until they are fixed too
    await page.keyboard.type('来访');
    await page.keyboard.press('Enter');
    await poll(() => errorsShown(page)).toEqual(['请填写「类型」', '请填写「事由」', '请填写「详细情况」']);
    await page.getByLabel('类型').click();
    await page.keyboard.type('投诉');
    await page.keyboard.press('Enter');
    await page.getByLabel('姓名').fill('刘来访');
    await page.getByLabel('事由').fill('窗口人员离岗无人办理');
    await page.getByLabel('详细情况').fill('来访人反映上午十点在综合窗口等候半小时，窗口无人。');
    await page.getByLabel('诉求').fill('说明情况');
    // 被投诉人员 from the directory: the department's staff are offered; picking one links them (the core stores the id)
    await page.getByLabel('被投诉部门').click();
    await page.keyboard.type('综合窗口科');
    await page.keyboard.press('Enter');
    await page.getByLabel('被投诉人员').click();
    await page.keyboard.type('周');
    await page.locator('.ant-select-item-option').filter({ hasText: '周办理（科员）' }).waitFor();
    await shot(page, 'clerk-01a-respondent-staff-options');
    await page.locator('.ant-select-item-option').filter({ hasText: '周办理（科员）' }).click();
    await page.getByTestId('respondent-staff-picked').waitFor();
    expect(await page.getByLabel('被投诉人员').inputValue()).toBe('周办理');
    await shot(page, 'clerk-01b-respondent-staff-picked');
    // what only the core checks (a named complainant needs a way to be reached) still lands under its field
    await page.keyboard.press('Control+s');
    await poll(() => errorsShown(page)).toEqual(['请至少留一种联系方式：「联系电话」或「住址」']);
    expect(sent).toHaveLength(1);
    await page.getByLabel('联系电话').fill('13812345678');
    await page.keyboard.press('Control+s');
    await page.getByTestId('case-detail').waitFor();
    expect(sent).toHaveLength(2);
    registerNo = (await page.getByTestId('register-no').textContent())?.trim() ?? '';
    expect(registerNo).toMatch(/^\d{4}-\d{6}$/);
    caseId = Number(/#\/cases\/(\d+)/.exec(page.url())?.[1]);
    expect(caseId).toBeGreaterThan(0);
    const saved = await boss.call<{ respondentStaff: string | null; respondentStaffId: number | null }>('cases/get', { id: caseId });
    expect([saved.respondentStaff, saved.respondentStaffId]).toEqual(['周办理', staffId]);
    expect(await page.getByTestId('registration-info').getByTestId('respondent-staff-directory').count()).toBe(1);
    await page.context().close();
  });

  it('an edit that meets a newer save keeps the typing, reloads the case, and goes through on 保存 again', async () => {
    const page = await signIn('clerk');
    await openCaseByNo(page, served.url, registerNo);
    await page.getByTestId('case-actions').getByRole('button', { name: '修改登记信息', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('registration-form').waitFor();
    await dialog.getByLabel('事由').fill('窗口人员离岗半小时无人办理');

    // meanwhile the supervisor corrects the request in another window
    const before = await getCase();
    await boss.call('cases/update', { id: caseId, version: before.version, request: '说明情况并公开窗口值班安排' });

    await dialog.getByTestId('action-submit').click();
    const note = dialog.getByTestId('conflict-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(`第 ${before.version + 1} 版`);
    expect(await note.textContent()).toContain('说明情况并公开窗口值班安排'); // what the other person changed
    expect(await dialog.getByLabel('事由').inputValue()).toBe('窗口人员离岗半小时无人办理'); // the typing is kept
    expect(await dialog.getByLabel('诉求').inputValue()).toBe('说明情况并公开窗口值班安排'); // the field left alone shows the fresh case
    await shot(page, 'clerk-02-edit-conflict');

    await dialog.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const info = page.getByTestId('registration-info');
    await poll(() => info.textContent()).toContain('窗口人员离岗半小时无人办理');
    expect(await info.textContent()).toContain('说明情况并公开窗口值班安排'); // the other change survived the re-submit
    expect((await getCase()).version).toBe(before.version + 2);

    // a change made elsewhere while no dialog is open shows when the window gets the focus again
    const now = await getCase();
    await boss.call('cases/update', { id: caseId, version: now.version, request: '书面说明值班安排' });
    await page.waitForTimeout(2_100); // focus checks are at least 2 s apart
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await poll(() => info.textContent()).toContain('书面说明值班安排');
    await page.context().close();
  });

  it('a walk-in gets 当面 as the reply method it starts from, and the action dialogs submit with 提交', async () => {
    let d = await getCase();
    d = await boss.call<Detail>('cases/accept', { id: caseId, version: d.version, note: '' });
    const directory = await boss.call<{ departments: { id: number }[]; staff: { id: number }[] }>('directory/get');
    d = await boss.call<Detail>('cases/assign', { id: caseId, version: d.version, departmentId: directory.departments[0].id, handlerStaffId: directory.staff[0].id, severity: 'simple' });
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await boss.call('cases/recordFinding', { id: caseId, version: d.version, finding: 'substantiated', handlingOpinion: '批评教育窗口人员', handledOn: today, draftReply: '已核实并整改' });

    const page = await signIn('clerk');
    await openCaseByNo(page, served.url, registerNo);
    await page.getByTestId('case-actions').getByRole('button', { name: '答复', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('action-form-reply').waitFor();
    expect(await dialog.getByRole('radio', { name: '当面' }).isChecked()).toBe(true);
    expect(await buttonText(page, 'action-submit')).toBe('提交');
    expect(await dialog.locator('.ant-modal-title').textContent()).toContain('答复');
    await page.context().close();
  });

  it('清除草稿 asks before it deletes what was typed', async () => {
    const page = await signIn('clerk');
    await page.keyboard.press('Alt+n');
    await page.getByTestId('registration-form').waitFor();
    await page.getByLabel('事由').fill('草稿里的事由');
    await page.getByTestId('clear-draft').first().click();
    const confirm = page.locator('.ant-popconfirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('清除草稿？');
    await shot(page, 'clerk-03-clear-draft-asks');
    await confirm.getByRole('button', { name: /取\s*消/ }).click();
    expect(await page.getByLabel('事由').inputValue()).toBe('草稿里的事由'); // cancelled: nothing lost

    await page.getByTestId('clear-draft').first().click();
    await page.getByTestId('clear-draft-confirm').click();
    await poll(() => page.getByLabel('事由').inputValue()).toBe('');
    await page.context().close();
  });
});
