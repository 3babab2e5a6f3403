import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerConfirm, ApiClient, downloadedFile, E2E_PASSWORD, launchBrowser, openCaseByNo, shot, signInPage, startServe, type Served } from './harness';

/**
 * Papers (文书) from the case page in Debian's Chromium against `serve`: the supervisor accepts a case and
 * is offered the 受理告知书 at once, previews and issues it; later issues the 答复函, whose 调查核实情况 the
 * case does not hold and is typed into its gap; each PDF downloads (a real PDF whose text holds the number
 * and the complainant's name), prints (opens in a tab of its own), and the timeline shows each issue.
 */
let served: Served;
let browser: Browser;
let caseId = 0;
let deptId = 0;
let staffId = 0;
/** the 受理告知书's number from the first test, superseded in the last */
let acceptNumber = '';
let registerNo = '';
const NAME = '张建国';
const FINDING_TEXT = '调取窗口录像并约谈当班人员，反映情况属实';

const signIn = (username: string): Promise<Page> => signInPage(browser, served.url, username);

type Detail = { id: number; version: number; registerNo: string };

async function api(username: string): Promise<ApiClient> {
  const client = new ApiClient(served.url);
  await client.call('auth/signIn', { username, password: E2E_PASSWORD });
  return client;
}

/** The downloaded file's bytes and its text as pdftotext gives it back. */
function pdfOf(file: string): { bytes: Buffer; text: string } {
  const bytes = fs.readFileSync(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { bytes, text };
}

async function downloadFrom(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return download;
}

/** Issues the paper open in the dialog (签发, then the confirm) and answers the number the dialog shows. */
async function issue(page: Page): Promise<string> {
  const dialog = page.getByTestId('paper-dialog-body');
  await expect.poll(() => page.getByTestId('paper-issue').isEnabled(), { timeout: 20_000 }).toBe(true);
  await page.getByTestId('paper-issue').click();
  await answerConfirm(page, /^签\s?发$/);
  const number = dialog.getByTestId('paper-issued-number');
  await number.waitFor({ timeout: 30_000 });
  return (await number.textContent())?.trim() ?? '';
}

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const admin = new ApiClient(served.url);
  await admin.call('setup/init', {
    office: { name: '某某县政务服务中心', address: '某某县人民路1号', phone: '0571-87654321' },
    admin: { username: 'admin', displayName: '王管理', password: E2E_PASSWORD },
  });
  const dept = await admin.call<{ id: number }>('departments/save', { name: '社保服务科' });
  const staff = await admin.call<{ id: number }>('staff/save', { departmentId: dept.id, name: '李明', title: '科员' });
  await admin.call('users/create', { username: 'boss', displayName: '赵主任', password: E2E_PASSWORD, role: 'supervisor' });
  await admin.call('users/create', { username: 'clerk', displayName: '陈登记', password: E2E_PASSWORD, role: 'clerk' });
  await admin.call('users/create', { username: 'liming', displayName: '李明', password: E2E_PASSWORD, role: 'clerk', staffId: staff.id });
  await admin.call('paperSettings/save', { abbreviation: '某政服' });

  const clerk = await api('clerk');
  const now = new Date(Date.now() - 30 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const receivedAt = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const c = await clerk.call<Detail>('cases/register', {
    receivedAt, channel: '信函', caseType: '投诉',
    complainants: [{ name: NAME, phone: '13812345678', idNumber: '', address: '某某县江南大道88号', employer: '' }],
    respondentDepartmentId: dept.id,
    subject: '社保窗口工作人员态度生硬',
    account: '来信人反映在社保窗口办理退休手续时，工作人员态度生硬，不解释所缺材料。',
    request: '要求说明材料清单并道歉',
  });
  caseId = c.id;
  registerNo = c.registerNo;
  deptId = dept.id;
  staffId = staff.id;
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('papers from the case page', () => {
  it('the supervisor accepts the case, is offered the 受理告知书, previews, issues and downloads it', async () => {
    const page = await signIn('boss');
    await openCaseByNo(page, served.url, registerNo);
    await page.getByTestId('papers-panel').waitFor();
    await page.getByTestId('case-actions').getByRole('button', { name: '受理', exact: true }).click();
    const action = page.getByRole('dialog');
    await action.getByLabel('受理意见').fill('属本中心职责，予以受理。');
    await action.getByTestId('action-submit').click();
    await action.waitFor({ state: 'detached' });

    // Offered at once, by name.
    const offer = page.getByTestId('paper-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('出具「受理告知书」');
    await shot(page, 'papers-00-offer');
    await offer.click();
    const preview = page.getByTestId('paper-dialog-body').getByTestId('paper-preview');
    await preview.waitFor();
    await expect.poll(() => preview.locator('.paper-office').textContent()).toBe('某某县政务服务中心');
    expect(await preview.locator('.paper-title').textContent()).toContain('受理');
    expect(await preview.textContent()).toContain(NAME);
    expect(await preview.textContent()).not.toMatch(/undefined|null|\{[^}]*\}/);
    await shot(page, 'papers-01-accept-dialog');

    const number = await issue(page);
    expect(number).toMatch(/^某政服诉受〔\d{4}〕1号$/);
    acceptNumber = number;
    await shot(page, 'papers-02-accept-issued');
    const download = await downloadFrom(page, () => page.getByTestId('paper-issued-pdf').click());
    const pdf = pdfOf(await downloadedFile(download));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const flat = pdf.text.replace(/\s+/g, '');
    expect(flat).toContain(number);
    expect(flat).toContain(NAME);
    await page.getByRole('button', { name: '关 闭' }).or(page.getByRole('button', { name: '关闭' })).first().click();
    await page.getByTestId('paper-dialog-body').waitFor({ state: 'detached' });

    // The panel lists it; the timeline shows who issued which number.
    const panel = page.getByTestId('papers-panel');
    await expect.poll(() => panel.getByTestId('paper-number-cell').allTextContents()).toEqual([number]);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain(number);
    await shot(page, 'papers-03-panel-timeline');
  });

  it('the 答复函 lists 调查核实情况 as a gap; filled in, it is issued, downloaded, printed and on the timeline', async () => {
    const boss = await api('boss');
    let d = await boss.call<Detail>('cases/get', { id: caseId });
    d = await boss.call<Detail>('cases/assign', { id: caseId, version: d.version, departmentId: deptId, handlerStaffId: staffId, severity: 'simple', note: '' });
    const handler = await api('liming');
    const today = new Date();
    const ymd = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    d = await handler.call<Detail>('cases/recordFinding', {
      id: caseId, version: d.version, finding: 'substantiated', handlingOpinion: '对窗口人员批评教育，窗口公示材料清单。',
      measures: '窗口公示办理退休手续所需材料清单。', staffAction: '', draftReply: '', handledOn: ymd,
    });

    const page = await signIn('boss');
    await openCaseByNo(page, served.url, registerNo);
    await page.getByTestId('paper-menu').click();
    await page.getByTestId('paper-menu-reply').waitFor();
    // Types the case does not allow now are there, disabled, with the reason.
    expect(await page.getByTestId('paper-menu-refuse').textContent()).toContain('不予受理告知书须在案件决定不予受理后出具');
    await shot(page, 'papers-04a-menu');
    await page.getByTestId('paper-menu-reply').click();
    const body = page.getByTestId('paper-dialog-body');
    const preview = body.getByTestId('paper-preview');
    await preview.waitFor();
    // The gap is named in the preview and has its field; issuing waits for it.
    const gap = preview.locator('mark.paper-gap[data-gap="调查核实情况"]');
    await gap.first().waitFor();
    expect(await gap.first().textContent()).toBe('〔待填写：调查核实情况〕');
    expect(await page.getByTestId('paper-issue').isDisabled()).toBe(true);
    expect(await body.getByTestId('paper-blocked').textContent()).toContain('调查核实情况');
    await shot(page, 'papers-04-reply-gap');

    await body.getByLabel('调查核实情况').fill(FINDING_TEXT);
    await expect.poll(() => gap.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => preview.textContent()).toContain(FINDING_TEXT);
    await shot(page, 'papers-05-reply-filled');

    const number = await issue(page);
    expect(number).toMatch(/^某政服诉复〔\d{4}〕1号$/);
    const download = await downloadFrom(page, () => page.getByTestId('paper-issued-pdf').click());
    const pdf = pdfOf(await downloadedFile(download));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const flat = pdf.text.replace(/\s+/g, '');
    expect(flat).toContain(number);
    expect(flat).toContain(NAME);
    expect(flat).toContain(FINDING_TEXT);
    expect(pdf.text).not.toMatch(/待填写|undefined|\{/);

    // 打印: the PDF opens in a tab of its own (the browser's viewer prints it), nothing is downloaded.
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('paper-issued-print').click()]);
    await expect.poll(() => popup.url(), { timeout: 20_000 }).toMatch(/^blob:/);
    await popup.close();

    await page.getByRole('button', { name: '关 闭' }).or(page.getByRole('button', { name: '关闭' })).first().click();
    const panel = page.getByTestId('papers-panel');
    await expect.poll(() => panel.getByTestId('paper-number-cell').allTextContents()).toContain(number);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain(number);
    expect(await page.getByTestId('timeline').textContent()).toContain('答复函');
    await shot(page, 'papers-06-panel-two-papers');
  });

  it('re-issuing asks a reason, gives the paper a new number and marks the old one superseded with that reason', async () => {
    const page = await signIn('boss');
    await openCaseByNo(page, served.url, registerNo);
    const panel = page.getByTestId('papers-panel');
    const acceptRow = panel.locator('tbody tr', { hasText: '受理告知书' });
    await acceptRow.getByTestId('paper-reissue').click();
    const reason = page.getByTestId('paper-reason');
    await reason.getByRole('button', { name: '确 定' }).or(reason.getByRole('button', { name: '确定' })).click();
    await reason.getByText('请填写「重新签发原因」').waitFor();
    await reason.getByLabel('重新签发原因').fill('受理日期写错，更正后重新签发');
    await reason.getByRole('button', { name: '确 定' }).or(reason.getByRole('button', { name: '确定' })).click();
    await page.getByTestId('paper-dialog-body').getByText('替代 某政服诉受').waitFor();
    const number = await issue(page);
    expect(number).toMatch(/^某政服诉受〔\d{4}〕2号$/);
    await page.getByRole('button', { name: '关 闭' }).or(page.getByRole('button', { name: '关闭' })).first().click();
    await expect.poll(() => panel.locator('tbody tr', { hasText: '受理告知书' }).count()).toBe(2);
    const old = panel.locator('tbody tr', { hasText: acceptNumber });
    await expect.poll(() => old.getByTestId('paper-superseded').textContent()).toContain('受理日期写错，更正后重新签发');
    expect(await old.getByTestId('paper-reissue').count()).toBe(0);
    await shot(page, 'papers-07-reissued');
  });

  it('an overdue case offers the 督办通知; the 工作台 prints the 已超期 list\'s notices as one PDF after a confirm naming the count', async () => {
    const clerk = await api('clerk');
    const long = new Date(Date.now() - 20 * 24 * 60 * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const late = await clerk.call<Detail>('cases/register', {
      receivedAt: `${long.getFullYear()}-${pad(long.getMonth() + 1)}-${pad(long.getDate())} 09:30`, channel: '信函', caseType: '投诉',
      complainants: [{ name: '李秀英', phone: '13912345678', idNumber: '', address: '', employer: '' }],
      respondentDepartmentId: deptId, subject: '不动产登记窗口多次要求重复提交材料', account: '三次前往均被要求补交不同材料。', request: '一次告知所需材料',
    });

    // Accepted and assigned late: the 督办通知 goes to the handling department.
    const boss = await api('boss');
    let d = await boss.call<Detail>('cases/accept', { id: late.id, version: late.version, note: '' });
    d = await boss.call<Detail & { dueState: string }>('cases/assign', { id: late.id, version: d.version, departmentId: deptId, handlerStaffId: staffId, severity: 'simple', note: '' });
    expect((d as Detail & { dueState: string }).dueState).toBe('overdue');

    const page = await signIn('boss');
    await openCaseByNo(page, served.url, late.registerNo);
    const offer = page.getByTestId('paper-offer-supervise');
    await offer.waitFor();
    await shot(page, 'papers-08-overdue-offer');

    await page.goto(`${served.url}#/`);
    const card = page.getByTestId('card-overdue');
    await card.waitFor();
    await card.getByTestId('batch-overdue').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.getByTestId('batch-confirm-count').textContent()).toBe('将为 1 件签发并编号');
    await shot(page, 'papers-09-batch-confirm');
    const [popup] = await Promise.all([page.waitForEvent('popup'), confirm.getByRole('button', { name: '签发并打开' }).click()]);
    await expect.poll(() => popup.url(), { timeout: 30_000 }).toMatch(/^blob:/);
    await popup.close();

    await openCaseByNo(page, served.url, late.registerNo);
    const numbers = page.getByTestId('papers-panel').getByTestId('paper-number-cell');
    await expect.poll(() => numbers.allTextContents()).toEqual([expect.stringMatching(/^某政服诉督〔\d{4}〕1号$/)]);
    expect(await page.getByTestId('paper-offer-supervise').count()).toBe(0);
  });
});
