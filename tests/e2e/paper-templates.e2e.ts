import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerConfirm, ApiClient, E2E_PASSWORD, launchBrowser, newPage, shot, startServe, type Served } from './harness';

/**
 * 设置 → 文书模板 and 文书设置 in Chromium: the admin rewords the 受理告知书 with a placeholder from the picker
 * and watches the live preview (composed by the core from a real case) change; a template naming an unknown
 * placeholder or closing a section never opened is refused with its line and name; saving adds a version; a
 * supervisor reads the templates without saving; the 答复函 number pattern is changed and its example follows.
 */
let served: Served;
let browser: Browser;
let page: Page;
let registerNo = '';

const YEAR = new Date().getFullYear();
const body = () => page.locator('#paper-template-body');
const preview = () => page.getByTestId('template-preview').getByTestId('paper-preview');

async function signIn(username: string): Promise<Page> {
  const { page: p } = await newPage(browser, served.url);
  await p.getByLabel('用户名').fill(username);
  await p.getByLabel('密码').fill(E2E_PASSWORD);
  await p.getByRole('button', { name: '登录' }).click();
  await p.getByRole('button', { name: '登录' }).waitFor({ state: 'detached' });
  return p;
}

/** the end of the body text, where the next typing goes */
async function bodyEnd(): Promise<void> {
  await body().click();
  await page.keyboard.press('Control+End');
}

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const admin = new ApiClient(served.url);
  await admin.call('setup/init', {
    office: { name: '某某市政务服务中心', address: '', phone: '' },
    admin: { username: 'admin', displayName: '王管理', password: E2E_PASSWORD },
  });
  await admin.call('users/create', { username: 'luru', displayName: '陈登记', password: E2E_PASSWORD, role: 'clerk' });
  await admin.call('users/create', { username: 'boss', displayName: '赵主任', password: E2E_PASSWORD, role: 'supervisor' });
  const clerk = new ApiClient(served.url);
  await clerk.call('auth/signIn', { username: 'luru', password: E2E_PASSWORD });
  const now = new Date(Date.now() - 10 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const receivedAt = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const c = await clerk.call<{ registerNo: string }>('cases/register', {
    receivedAt, channel: '电话', caseType: '投诉',
    complainants: [{ name: '张建国', phone: '13812345678', idNumber: '', address: '', employer: '' }],
    subject: '窗口办事排队时间过长', account: '上午排队两小时仍未办理。', request: '增开窗口',
  });
  registerNo = c.registerNo;
  page = await signIn('admin');
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('文书模板', () => {
  it('lists the ten paper types with their version, and opens the 受理告知书 with a live preview from a real case', async () => {
    await page.goto(`${served.url}#/settings?tab=paperTemplates`);
    const table = page.getByTestId('paper-templates');
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(10);
    const accept = table.locator('tbody tr', { hasText: '受理告知书' }).filter({ hasNotText: '不予' });
    expect(await accept.innerText()).toContain('默认（第 0 版）');
    await shot(page, 'paper-templates-list');
    await accept.click();
    await page.getByTestId('paper-template-editor').waitFor();
    expect(await body().inputValue()).toContain('{登记编号}');
    expect(await page.getByTestId('template-syntax').innerText()).toContain('{#名称}…{/名称}');

    // the case, picked by part of its register number
    await page.getByTestId('preview-case').click();
    await page.keyboard.type(registerNo.slice(-3));
    await page.locator('.ant-select-item-option', { hasText: registerNo }).click();
    await preview().waitFor();
    await expect.poll(() => preview().innerText()).toContain(`登记编号：${registerNo}`);
    expect(await preview().innerText()).toContain('窗口办事排队时间过长');
  });

  it('inserts a placeholder from the picker at the cursor, and the preview follows', async () => {
    await bodyEnd();
    await page.keyboard.type('\n请妥善保管本告知书，查询时请报登记编号');
    await page.getByTestId('placeholder-picker').getByTestId('placeholder-登记编号').click();
    await page.keyboard.type('。');
    expect(await body().inputValue()).toMatch(/请妥善保管本告知书，查询时请报登记编号\{登记编号\}。$/);
    await expect.poll(() => preview().innerText()).toContain(`查询时请报登记编号${registerNo}。`);
    // a flag inserts its section around the cursor
    await page.keyboard.type('\n');
    await page.getByTestId('placeholder-picker').getByTestId('placeholder-匿名').click();
    await page.keyboard.type('您未留姓名，本告知书仅在窗口领取。');
    expect(await body().inputValue()).toMatch(/\n\{#匿名\}您未留姓名，本告知书仅在窗口领取。\{\/匿名\}$/);
    expect(await preview().innerText()).not.toContain('您未留姓名'); // the case is not anonymous
    await shot(page, 'paper-template-placeholder-inserted');
  });

  it('refuses an unknown placeholder and an unbalanced section with the line and the name', async () => {
    const lines = (await body().inputValue()).split('\n').length;
    await bodyEnd();
    await page.keyboard.type('\n{诉求人名字}');
    const issues = page.getByTestId('issues-body');
    await expect.poll(() => issues.innerText().catch(() => '')).toContain(`第 ${lines + 1} 行：未知的占位符「诉求人名字」`);
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText(`第 ${lines + 1} 行：未知的占位符「诉求人名字」`).first().waitFor();
    expect(await page.getByTestId('template-version').innerText()).toContain('默认（第 0 版）');
    await shot(page, 'paper-template-unknown-refused');

    await bodyEnd(); // the save button took the focus
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('{/群体投诉}');
    await expect.poll(() => issues.innerText().catch(() => '')).toContain(`第 ${lines + 1} 行：「{/群体投诉}」没有对应的「{#群体投诉}」`);
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText(`第 ${lines + 1} 行：「{/群体投诉}」没有对应的「{#群体投诉}」`).first().waitFor();
    expect(await page.getByTestId('template-version').innerText()).toContain('默认（第 0 版）');
    await shot(page, 'paper-template-unbalanced-refused');

    await bodyEnd();
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect.poll(() => issues.count()).toBe(0);
  });

  it('saves a new version, and the version list grows', async () => {
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText('已保存为第 1 版').waitFor();
    expect(await page.getByTestId('template-version').innerText()).toContain('第 1 版 · 已修改');
    await page.getByRole('button', { name: '版本记录' }).click();
    const versions = page.getByTestId('template-versions');
    await versions.getByText('王管理').waitFor();
    expect(await versions.locator('tbody tr.ant-table-row').count()).toBe(2);
    await page.locator('.ant-modal-close').click();

    await bodyEnd();
    await page.keyboard.type('\n（本告知书一式两份）');
    await page.keyboard.press('Control+s'); // the save shortcut, as on the other forms
    await page.getByText('已保存为第 2 版').waitFor();
    await page.getByRole('button', { name: '版本记录' }).click();
    await expect.poll(() => versions.locator('tbody tr.ant-table-row').count()).toBe(3);
    const rows = await versions.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(rows[2]).toContain('默认（第 0 版）');
    expect(rows[0]).toContain('第 2 版');
    expect(rows[0]).toContain('当前');
    // version 1's text, viewed: it has the registration line but not the later one
    await versions.locator('tbody tr', { hasText: '第 1 版' }).getByText('查看文字').click();
    const text = page.getByTestId('template-version-text');
    await text.waitFor();
    expect(await text.innerText()).toContain('查询时请报登记编号{登记编号}。');
    expect(await text.innerText()).not.toContain('一式两份');
    await shot(page, 'paper-template-versions');
    await page.locator('.ant-modal-close').click();

    // 恢复默认 saves the default text as version 3, after a confirm; version 2 restored becomes version 4
    await page.getByRole('button', { name: '恢复默认' }).click();
    await answerConfirm(page, '恢复默认');
    await page.getByText('已恢复默认文字（第 3 版）').waitFor();
    expect(await body().inputValue()).not.toContain('查询时请报登记编号');
    await page.getByRole('button', { name: '版本记录' }).click();
    await expect.poll(() => versions.locator('tbody tr.ant-table-row').count()).toBe(4);
    await versions.locator('tbody tr', { hasText: '第 2 版' }).getByText('恢复为新版本').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已将第 2 版恢复为第 4 版').waitFor();
    expect(await body().inputValue()).toContain('一式两份');
    expect(await page.getByTestId('template-version').innerText()).toContain('第 4 版 · 已修改');

    // the list shows who changed it
    await page.getByRole('button', { name: '返回模板列表' }).click();
    const accept = page.getByTestId('paper-templates').locator('tbody tr', { hasText: '受理告知书' }).filter({ hasNotText: '不予' });
    await expect.poll(() => accept.innerText()).toContain('第 4 版');
    expect(await accept.innerText()).toContain('已修改');
    expect(await accept.innerText()).toContain('王管理');
  });

  it('another type keeps the preview case; the 转办单 (for the department) offers no complainant identity', async () => {
    await page.getByTestId('paper-templates').locator('tbody tr', { hasText: '转办单' }).click();
    await page.getByTestId('paper-template-editor').waitFor();
    await preview().waitFor();
    await expect.poll(() => preview().innerText()).toContain(registerNo);
    const picker = page.getByTestId('placeholder-picker');
    expect(await picker.getByTestId('placeholder-事由').count()).toBe(1);
    for (const name of ['诉求人姓名', '诉求人电话', '诉求人身份证号', '诉求人住址', '诉求人工作单位', '诉求人']) {
      expect(await picker.getByTestId(`placeholder-${name}`).count(), name).toBe(0);
    }
    expect(await preview().innerText()).not.toContain('张建国');
    await shot(page, 'paper-template-assign-form');
    await page.getByRole('button', { name: '返回模板列表' }).click();
  });

  it('a supervisor reads the templates and may not save them', async () => {
    const boss = await signIn('boss');
    await boss.goto(`${served.url}#/settings`);
    const tabs = boss.getByRole('tab');
    await tabs.first().waitFor();
    expect(await tabs.allInnerTexts()).toEqual(['文书模板', '备份与恢复']); // 备份与恢复: read-only plus 立即备份 (issue 10)
    await boss.getByTestId('paper-templates').locator('tbody tr', { hasText: '受理告知书' }).filter({ hasNotText: '不予' }).click();
    await boss.getByText('只读：仅管理员可以修改文书模板').waitFor();
    expect(await boss.getByRole('button', { name: '保存为新版本' }).count()).toBe(0);
    expect(await boss.locator('#paper-template-body').inputValue()).toContain('一式两份');
    await shot(boss, 'paper-template-supervisor-read-only');
    await boss.context().close();
  });
});

describe('文书设置', () => {
  it('shows each number pattern with its example, follows a change, and names a pattern that cannot be used', async () => {
    await page.goto(`${served.url}#/settings?tab=paperSettings`);
    // The form's own submit button, found whether it spins or not: a save that never answers fails here by
    // name instead of as a button that cannot be found.
    const saveButton = page.getByTestId('paper-settings').locator('button[type="submit"]');
    const save = async () => {
      await expect
        .poll(() => saveButton.getAttribute('class'), { message: '文书设置的「保存」仍在加载：上一次保存没有得到回答', timeout: 15_000 })
        .not.toContain('ant-btn-loading');
      await saveButton.click();
    };
    const abbreviation = page.getByLabel('单位简称');
    await abbreviation.waitFor();
    await abbreviation.fill('某政服');
    const example = page.getByTestId('pattern-example-reply');
    await expect.poll(() => example.innerText()).toBe(`示例：某政服诉复〔${YEAR}〕15号`);

    const reply = page.getByLabel('答复函（类型字：诉复）');
    await reply.fill('{单位简称}复字〔{年}〕{序号}号');
    await expect.poll(() => example.innerText()).toBe(`示例：某政服复字〔${YEAR}〕15号`);
    await reply.fill('{单位简称}复字〔{年}〕第{序号}号');
    await save();
    await page.locator('.ant-form-item-explain-error', { hasText: '前不能加「第」' }).first().waitFor();
    await shot(page, 'paper-settings-pattern-refused');

    await reply.fill('{单位简称}复字〔{年}〕{序号}号');
    // a file that is not a font: the core says so under the field
    const bodyFont = page.getByLabel('正文字体文件（仿宋）');
    await bodyFont.fill('/etc/hostname');
    await save();
    await page.locator('.ant-form-item-explain-error', { hasText: '不是可用的字体文件' }).first().waitFor();
    await shot(page, 'paper-settings-font-refused');
    await bodyFont.fill('');
    await save();
    await page.locator('.ant-message').getByText('已保存', { exact: true }).waitFor();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBe(0);
    await shot(page, 'paper-settings-saved');

    const api = new ApiClient(served.url);
    await api.call('auth/signIn', { username: 'admin', password: E2E_PASSWORD });
    const saved = await api.call<{ abbreviation: string; patterns: Record<string, string> }>('paperSettings/get');
    expect(saved.abbreviation).toBe('某政服');
    expect(saved.patterns.reply).toBe('{单位简称}复字〔{年}〕{序号}号');
    expect(saved.patterns.accept).toBe('{单位简称}{类型字}〔{年}〕{序号}号');
  });
});
