import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, downloadedFile, E2E_PASSWORD, launchBrowser, shot, signInPage, startServe, type Served } from './harness';

/**
 * 附件 (issue 10 item 1) in Debian's Chromium against `serve`: a clerk registers a case with two files, one of
 * them a web page renamed .jpg, which the core refuses while the case is saved all the same and the case page
 * says which file was attached and which not; on the case page the clerk adds a PDF by the picker, downloads the
 * photo (the same bytes, Content-Disposition: attachment, nosniff), drops a text file on the section and voids the PDF with a reason, which then
 * shows struck through under 显示已作废 and on the timeline. A second clerk, who sees a confidential case's
 * complainant masked, gets a plain sentence instead of its files, and the API refuses them its attachment.
 */
let served: Served;
let browser: Browser;

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** A web page with a script, named as if it were a photo. */
const HTML_AS_JPG = Buffer.from('<!doctype html><html><body><script>alert(1)</script>现场照片</body></html>', 'utf8');
const NOTE = Buffer.from('来访人补充说明：当日大厅地面湿滑，无任何警示标志。\r\n', 'utf8');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

type AnswerOf<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
/** The API's own answer (the harness's client throws on an error; here the error's code is the point). */
async function answer<T>(base: string, cookie: string, channel: string, input: unknown): Promise<{ status: number; body: AnswerOf<T>; bytes: Buffer | null }> {
  const res = await fetch(`${base}api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(input) });
  // a file channel's success is the file itself; every error is the JSON envelope
  if (res.ok && !/^application\/json\b/.test(res.headers.get('content-type') ?? '')) {
    return { status: res.status, body: { ok: true, value: null as T }, bytes: Buffer.from(await res.arrayBuffer()) };
  }
  return { status: res.status, body: (await res.json()) as AnswerOf<T>, bytes: null };
}
async function cookieOf(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}api/auth/signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: E2E_PASSWORD }) });
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

async function pick(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

/** Drops files on the element as a person dragging them from the file manager would. */
async function dropFiles(page: Page, testId: string, files: Array<{ name: string; bytes: Buffer }>, whileOver?: () => Promise<void>): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, files.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') })));
  const target = page.getByTestId(testId);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await whileOver?.();
  await target.dispatchEvent('drop', { dataTransfer });
}

let caseId = 0;
let registerNo = '';

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const admin = new ApiClient(served.url);
  await admin.call('setup/init', {
    office: { name: '测试县政务服务中心', address: '', phone: '' },
    admin: { username: 'admin', displayName: '王管理', password: E2E_PASSWORD },
  });
  await admin.call('users/create', { username: 'clerk', displayName: '陈登记', password: E2E_PASSWORD, role: 'clerk' });
  await admin.call('users/create', { username: 'clerk2', displayName: '李登记', password: E2E_PASSWORD, role: 'clerk' });
  await admin.call('users/create', { username: 'audit', displayName: '孙审计', password: E2E_PASSWORD, role: 'auditor' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('附件 from the registration form to the case page', () => {
  it('registers a case with two files: the photo is attached, the web page renamed .jpg refused, the case saved either way', async () => {
    const page = await signInPage(browser, served.url, 'clerk');
    await page.goto(`${served.url}#/cases/new`);
    await page.getByTestId('registration-form').waitFor();
    const area = page.getByTestId('form-attachments');
    expect(await area.textContent()).toContain('单个文件不超过 50 MB，每件案件合计不超过 500 MB');
    await pick(page, '来源渠道', '来访');
    await pick(page, '类型', '投诉');
    await page.getByLabel('姓名').fill('周来访');
    await page.getByLabel('联系电话').fill('13955556666');
    // one file by the picker while typing, one dropped on the area
    await page.getByTestId('form-attachment-pick-input').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await page.getByLabel('事由').fill('办事大厅地面湿滑无警示');
    await dropFiles(page, 'form-attachments', [{ name: '现场照片2.jpg', bytes: HTML_AS_JPG }]);
    await poll(() => area.getByTestId('attachment-upload').count()).toBe(2);
    expect(await area.textContent()).toContain('待上传 2 个文件');
    await page.getByLabel('详细情况').fill('来访人称在大厅滑倒，地面刚拖过未放警示牌，附现场照片。');
    expect(await page.getByLabel('事由').inputValue()).toBe('办事大厅地面湿滑无警示');
    await shot(page, 'attachments-01-form-with-files');

    await page.getByTestId('save-case').click();
    await page.getByTestId('case-detail').waitFor({ timeout: 30_000 });
    registerNo = (await page.getByTestId('register-no').textContent())?.trim() ?? '';
    expect(registerNo).toMatch(/^\d{4}-\d{6}$/);
    caseId = Number(/#\/cases\/(\d+)/.exec(page.url())?.[1]);
    const report = page.getByTestId('attachment-report');
    expect(await report.textContent()).toContain(`案件 ${registerNo} 已登记保存`);
    expect(await report.getByTestId('attachment-report-added').textContent()).toBe('已添加附件：现场照片.png');
    const refused = await report.getByTestId('attachment-report-refused').textContent();
    expect(refused).toContain('现场照片2.jpg');
    expect(refused).toMatch(/扩展名与内容不符|不能作为附件/);
    const section = page.getByTestId('attachments');
    await poll(() => section.getByTestId('attachment-name').allTextContents()).toEqual(['现场照片.png']);
    const row = section.locator('[data-testid="attachment-table"] tbody tr').first();
    expect(await row.textContent()).toContain('陈登记');
    expect(await row.textContent()).toContain('图片');
    expect(await row.textContent()).toContain(`${PNG.length} 字节`);
    await shot(page, 'attachments-02-case-after-registration');
    await page.context().close();
  });

  it('on the case page: adds a PDF by the picker, downloads the photo (same bytes, attachment, nosniff), voids the PDF with a reason', async () => {
    const page = await signInPage(browser, served.url, 'clerk');
    await page.goto(`${served.url}#/cases/${caseId}`);
    const section = page.getByTestId('attachments');
    await poll(() => section.getByTestId('attachment-name').allTextContents()).toEqual(['现场照片.png']);
    expect(await section.getByTestId('attachment-limits').textContent()).toContain('可添加：JPG、PNG');

    await section.getByTestId('attachment-pick-input').setInputFiles({ name: '补充材料.pdf', mimeType: 'application/pdf', buffer: PDF });
    await poll(() => section.getByTestId('attachment-upload').first().getAttribute('data-state')).toBe('added');
    await poll(() => section.getByTestId('attachment-name').allTextContents()).toEqual(['现场照片.png', '补充材料.pdf']);
    await poll(() => page.getByTestId('timeline').textContent()).toContain('补充材料.pdf');
    await shot(page, 'attachments-03-added-by-picker');
    // dropped on the section: outlined while dragged over, added when let go
    await dropFiles(page, 'attachment-drop', [{ name: '情况说明.txt', bytes: NOTE }], async () => {
      await section.locator('.attachment-drop-cover').waitFor();
      await shot(page, 'attachments-03a-dragging-over-section');
    });
    await poll(() => section.getByTestId('attachment-name').allTextContents()).toEqual(['现场照片.png', '补充材料.pdf', '情况说明.txt']);
    expect(await section.locator('.attachment-drop-cover').count()).toBe(0);

    // 下载: the same bytes, as an attachment the browser never renders
    const photoRow = section.locator('[data-testid="attachment-table"] tbody tr').filter({ hasText: '现场照片.png' });
    const [download, response] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => r.url().endsWith('/api/attachments/file')),
      photoRow.getByTestId('attachment-open').click(),
    ]);
    const headers = response.headers();
    expect(headers['content-disposition']).toMatch(/^attachment;/);
    expect(decodeURIComponent(headers['content-disposition'])).toContain('现场照片.png');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(download.suggestedFilename()).toBe('现场照片.png');
    expect(Buffer.compare(fs.readFileSync(await downloadedFile(download)), PNG)).toBe(0);

    // 作废 asks for a reason first
    const pdfRow = section.locator('[data-testid="attachment-table"] tbody tr').filter({ hasText: '补充材料.pdf' });
    await pdfRow.getByTestId('attachment-void').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('attachment-void-ok').click();
    await poll(() => dialog.locator('.ant-form-item-explain-error').textContent()).toBe('请填写作废原因');
    await dialog.getByTestId('attachment-void-reason').fill('与本件无关，误传');
    await shot(page, 'attachments-04-void-dialog');
    await dialog.getByTestId('attachment-void-ok').click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => section.getByTestId('attachment-name').allTextContents()).toEqual(['现场照片.png', '情况说明.txt']);
    await section.getByTestId('attachment-show-voided').click();
    await poll(() => section.getByTestId('attachment-voided').textContent()).toContain('作废原因：与本件无关，误传（陈登记 于');
    expect(await section.locator('.attachment-voided-name').textContent()).toBe('补充材料.pdf');
    await poll(() => page.getByTestId('timeline').textContent()).toContain('与本件无关，误传');
    await shot(page, 'attachments-05-voided-shown');
    await page.context().close();
  });

  it('the auditor sees the list but no 添加附件 and no 作废', async () => {
    const page = await signInPage(browser, served.url, 'audit');
    await page.goto(`${served.url}#/cases/${caseId}`);
    const section = page.getByTestId('attachments');
    await poll(() => section.getByTestId('attachment-name').allTextContents()).toEqual(['现场照片.png', '情况说明.txt']);
    expect(await section.getByTestId('attachment-pick-button').count()).toBe(0);
    expect(await section.getByTestId('attachment-void').count()).toBe(0);
    expect(await section.textContent()).toContain('审计人员只能查看附件');
    await page.context().close();
  });
});

describe('a confidential case\'s attachments', () => {
  it('reach only whoever may see its complainant: the second clerk reads a plain sentence, and the API answers FORBIDDEN', async () => {
    const clerk = await cookieOf(served.url, 'clerk');
    const made = await answer<{ id: number; registerNo: string }>(served.url, clerk, 'cases/register', {
      receivedAt: new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date()),
      channel: '来访', caseType: '投诉', subject: '举报窗口人员索要好处', account: '来访人要求保密，反映窗口人员暗示需要好处费。',
      isConfidential: true, complainants: [{ name: '吴保密', phone: '13600007777' }],
    });
    if (!made.body.ok) throw new Error(made.body.error.message);
    const secret = made.body.value;
    const text = Buffer.from('举报人陈述：……', 'utf8');
    const added = await answer<{ id: number }>(served.url, clerk, 'attachments/add', { caseId: secret.id, name: '录音整理.txt', content: text.toString('base64') });
    if (!added.body.ok) throw new Error(added.body.error.message);
    // the clerk who received it reads it
    const own = await answer(served.url, clerk, 'attachments/file', { id: added.body.value.id });
    expect(own.status).toBe(200);
    expect(own.bytes && Buffer.compare(own.bytes, text)).toBe(0);

    const other = await cookieOf(served.url, 'clerk2');
    const refused = await answer(served.url, other, 'attachments/file', { id: added.body.value.id });
    expect(refused.body.ok).toBe(false);
    expect(!refused.body.ok && refused.body.error.code).toBe('FORBIDDEN');
    expect(!refused.body.ok && refused.body.error.message).toMatch(/[\u4e00-\u9fa5]/);

    const page = await signInPage(browser, served.url, 'clerk2');
    await page.goto(`${served.url}#/cases/${secret.id}`);
    const section = page.getByTestId('attachments');
    await poll(() => section.getByTestId('attachments-hidden').textContent()).toBe('本件要求保密，附件只对可查看诉求人身份的人员显示。');
    expect(await section.getByTestId('attachment-name').count()).toBe(0);
    expect(await section.getByTestId('attachment-pick-button').count()).toBe(0);
    expect(await page.locator('.ant-message-error, .ant-notification-notice-error').count()).toBe(0);
    await shot(page, 'attachments-06-confidential-hidden');
    await page.context().close();
  });
});
