import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, E2E_PASSWORD, launchBrowser, shot, signInPage, startServe, type Served } from './harness';

/**
 * The 工作台 of each role on a small register built through the contract: a supervisor's decisions, a
 * handler's own cases (one sent back by the review), a clerk's replies, calls and draft, an auditor's
 * counts; each card opens the register filtered to its cases.
 */
let served: Served;
let browser: Browser;
const PASSWORD = E2E_PASSWORD;
const no: Record<string, string> = {};
let handlerStaffId = 0;

const pad = (n: number) => String(n).padStart(2, '0');
/** The office's local date-time `days` days ago (serve and this test both run in Asia/Shanghai). */
function daysAgo(days: number, minutes = 10): string {
  const d = new Date(Date.now() - days * 86_400_000 - minutes * 60_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const today = () => daysAgo(0, 0).slice(0, 10);

type Case = { id: number; version: number; registerNo: string };

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const admin = new ApiClient(served.url);
  await admin.call('setup/init', { office: { name: '工作台测试中心', address: '', phone: '' }, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  const dept = await admin.call<{ id: number }>('departments/save', { name: '社保服务科' });
  const li = await admin.call<{ id: number }>('staff/save', { departmentId: dept.id, name: '李明', title: '科员' });
  const zhou = await admin.call<{ id: number }>('staff/save', { departmentId: dept.id, name: '周敏', title: '科员' });
  handlerStaffId = li.id;
  for (const [username, displayName, role, staffId] of [
    ['boss', '赵主任', 'supervisor', undefined], ['liming', '李明', 'clerk', li.id], ['clerk', '陈登记', 'clerk', undefined], ['audit', '钱审计', 'auditor', undefined],
  ] as const) {
    await admin.call('users/create', { username, displayName, password: PASSWORD, role, ...(staffId ? { staffId } : {}) });
  }
  const clerk = new ApiClient(served.url);
  await clerk.call('auth/signIn', { username: 'clerk', password: PASSWORD });
  const boss = new ApiClient(served.url);
  await boss.call('auth/signIn', { username: 'boss', password: PASSWORD });

  const reg = async (key: string, subject: string, receivedAt = daysAgo(0)) => {
    const c = await clerk.call<Case>('cases/register', {
      receivedAt, channel: '电话', caseType: '投诉', subject, account: `${subject}：来电反映的详细情况。`,
      complainants: [{ name: '张建国', phone: '13812345678', idNumber: '', address: '', employer: '' }],
    });
    no[key] = c.registerNo;
    return c;
  };
  const act = (channel: string, c: Case, input: object) => boss.call<Case>(channel, { id: c.id, version: c.version, ...input });
  const assign = async (c: Case, staff: number, severity = 'simple') =>
    act('cases/assign', await act('cases/accept', c, {}), { departmentId: dept.id, handlerStaffId: staff, severity });
  const finding = (c: Case) => act('cases/recordFinding', c, { finding: 'partly', handlingOpinion: '已核实并整改', handledOn: today() });

  await reg('late', '二十天前来信未受理', daysAgo(20));
  await reg('fresh', '今天来电待受理');
  await act('cases/accept', await reg('accepted', '已受理待分办'), {});
  await assign(await reg('lateMine', '二十天前分办给李明', daysAgo(20)), li.id);
  await assign(await reg('mine', '分办给李明办理中'), li.id);
  await act('cases/review', await finding(await assign(await reg('returned', '复杂件退回重办'), li.id, 'complex')), { decision: 'return', comment: '证据不足，补充调查' });
  await finding(await assign(await reg('review', '复杂件待审核'), zhou.id, 'complex'));
  await finding(await assign(await reg('reply', '简单件待答复'), zhou.id));
  await act('cases/reply', await finding(await assign(await reg('followUp', '已答复待回访'), zhou.id)), { method: 'phone', repliedOn: today(), summary: '电话答复核查结果' });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const card = (page: Page, testId: string) => page.getByTestId(testId);
const countOf = async (page: Page, testId: string) => Number(await card(page, testId).getAttribute('data-count'));
const rowsOf = (page: Page, testId: string) => card(page, testId).getByTestId('work-row').allTextContents();

/** Opens the register from a card and waits for its rows: every listed number shown, no other. */
async function opensRegister(page: Page, testId: string, expected: string[], query: RegExp): Promise<void> {
  const more = card(page, testId).getByTestId('work-more');
  await ((await more.count()) ? more.click() : card(page, testId).click());
  await page.waitForURL(query);
  const table = page.getByTestId('register-table');
  for (const n of expected) await table.getByText(n, { exact: true }).waitFor();
  await expect.poll(async () => (await table.textContent())?.match(/\d{4}-\d{6}/g)?.length ?? 0).toBe(expected.length);
}

describe('the 工作台 of each role', () => {
  it('a supervisor sees what waits for acceptance, assignment and review, and the office overdue', async () => {
    const page = await signInPage(browser, served.url, 'boss');
    await page.getByTestId('work-group-supervisor').waitFor();
    expect(await page.getByTestId('work-group-handler').count()).toBe(0);
    expect(await countOf(page, 'card-awaiting-acceptance')).toBe(2);
    expect(await countOf(page, 'card-awaiting-assignment')).toBe(1);
    expect(await countOf(page, 'card-awaiting-review')).toBe(1);
    expect(await countOf(page, 'card-unsatisfied')).toBe(0);
    expect(await countOf(page, 'card-overdue')).toBe(2);
    const acceptance = await rowsOf(page, 'card-awaiting-acceptance');
    expect(acceptance[0]).toContain(no.late);
    expect(acceptance[1]).toContain(no.fresh);
    expect((await rowsOf(page, 'card-overdue')).join()).toContain(no.lateMine);
    await shot(page, 'work-lists-supervisor');
    await opensRegister(page, 'card-awaiting-acceptance', [no.late, no.fresh], /#\/register\?sort=receivedAt&order=asc&status=registered$/);
    await page.close();
  });

  it('a handler sees the cases in their hands, the one sent back marked, and their overdue', async () => {
    const page = await signInPage(browser, served.url, 'liming');
    await page.getByTestId('work-group-handler').waitFor();
    await page.getByTestId('work-group-clerk').waitFor();
    expect(await countOf(page, 'card-my-cases')).toBe(3);
    expect(await countOf(page, 'card-my-overdue')).toBe(1);
    const mine = await rowsOf(page, 'card-my-cases');
    expect(mine.find((r) => r.includes(no.returned))).toContain('退回重办');
    expect(mine.filter((r) => r.includes('退回重办'))).toHaveLength(1);
    expect(await card(page, 'card-my-cases').textContent()).toContain('办理中，其中退回重办 1 件');
    expect((await rowsOf(page, 'card-my-overdue')).join()).toContain(no.lateMine);
    await shot(page, 'work-lists-handler');
    await opensRegister(page, 'card-my-cases', [no.lateMine, no.mine, no.returned], new RegExp(`status=assigned&handler=${handlerStaffId}$`));
    await page.close();
  });

  it('a clerk sees what waits for a reply and a call, and the registration they left unsaved', async () => {
    const page = await signInPage(browser, served.url, 'clerk');
    await page.getByTestId('work-group-clerk').waitFor();
    expect(await page.getByTestId('work-group-supervisor').count()).toBe(0);
    expect(await countOf(page, 'card-awaiting-reply')).toBe(1);
    expect(await countOf(page, 'card-awaiting-follow-up')).toBe(1);
    expect(await countOf(page, 'card-drafts')).toBe(0);
    // Start a registration, leave it unsaved: the 工作台 offers to continue it.
    await page.goto(`${served.url}#/cases/new`);
    await page.getByLabel('事由').fill('窗口叫号系统故障（未保存）');
    await page.waitForTimeout(300);
    await page.goto(`${served.url}#/dashboard`);
    await page.getByTestId('work-lists').waitFor();
    expect(await countOf(page, 'card-drafts')).toBe(1);
    expect((await rowsOf(page, 'card-drafts')).join()).toContain('窗口叫号系统故障（未保存）');
    await shot(page, 'work-lists-clerk');
    await card(page, 'card-drafts').getByTestId('work-row').click();
    await expect.poll(() => page.getByLabel('事由').inputValue()).toBe('窗口叫号系统故障（未保存）');
    await page.goto(`${served.url}#/dashboard`);
    await page.getByTestId('work-lists').waitFor();
    await opensRegister(page, 'card-awaiting-reply', [no.reply], /#\/register\?sort=dueDate&order=asc&status=approved$/);
    await page.close();
  });

  it('an auditor sees the whole office\'s counts, no cases, and a count opens the register', async () => {
    const page = await signInPage(browser, served.url, 'audit');
    await page.getByTestId('work-group-auditor').waitFor();
    expect(await countOf(page, 'card-awaiting-acceptance')).toBe(2);
    expect(await countOf(page, 'card-awaiting-review')).toBe(1);
    expect(await countOf(page, 'card-awaiting-reply')).toBe(1);
    expect(await countOf(page, 'card-awaiting-follow-up')).toBe(1);
    expect(await countOf(page, 'card-overdue')).toBe(2);
    expect(await page.getByTestId('work-row').count()).toBe(0);
    expect(await page.getByTestId('work-lists').textContent()).not.toContain('张建国');
    await shot(page, 'work-lists-auditor');
    await opensRegister(page, 'card-overdue', [no.late, no.lateMine], /#\/register\?sort=dueDate&order=asc&dueState=overdue$/);
    await page.close();
  });
});
