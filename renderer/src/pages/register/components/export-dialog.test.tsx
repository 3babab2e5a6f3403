// @vitest-environment jsdom
import { App } from 'antd';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RegisterExportProgress, Result, Role } from '../../../api/core';
import { filtersFromParams } from '../query';
import { ExportDialog, POLL_MS } from './export-dialog';

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const DIRECTORY = {
  departments: [{ id: 3, name: '社保服务科', active: true }],
  staff: [{ id: 9, departmentId: 3, name: '李明', active: true }],
} as never;

/** The core behind window.api: every call is recorded and answered by `answers[channel]`. */
interface Call { channel: string; input: Record<string, unknown> }
let calls: Call[] = [];
let answers: Record<string, (input: Record<string, unknown>) => Result<unknown>> = {};
function fakeCore() {
  calls = [];
  answers = {};
  window.api = {
    invoke: async (channel, input) => {
      calls.push({ channel, input: input as Record<string, unknown> });
      const answer = answers[channel];
      if (!answer) throw new Error(`unexpected call ${channel}`);
      return answer(input as Record<string, unknown>);
    },
  };
}
const progress = (over: Partial<RegisterExportProgress> = {}): RegisterExportProgress => ({
  exportId: '0b7c1a2e-1111-4222-8333-944445555666', state: 'running', written: 0, total: 1200, unmasked: false,
  fileName: '登记册导出_20261201_1530.xlsx', message: null, ...over,
});
const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

let root: Root | null = null;
let onClose = vi.fn();
function mount(role: Role, query = 'status=registered&status=assigned&respDept=3&q=%E7%AA%97%E5%8F%A3&from=2026-11-01&to=2026-11-30') {
  onClose = vi.fn();
  const host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() => root!.render(
    <App>
      <ExportDialog filters={filtersFromParams(new URLSearchParams(query))} total={{ total: 1200, totalIsExact: true }} role={role}
        directory={DIRECTORY} onClose={onClose} />
    </App>,
  ));
}
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  delete window.api;
});

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const text = (id: string) => byTestId(id)?.textContent ?? '';
const channels = () => calls.map((c) => c.channel);
async function settle(ms = 0) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}
async function click(el: Element | null) {
  expect(el).not.toBeNull();
  await act(async () => {
    (el as HTMLElement).click();
  });
  await settle();
}
async function type(el: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function key(el: Element, name: string) {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
  });
}
const radio = (label: string) => [...document.querySelectorAll('[data-testid="export-identity"] label')].find((l) => l.textContent === label)?.querySelector('input') ?? null;
/** Waits (real time) until `check` holds: the dialog polls every POLL_MS. */
async function until(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await settle(20);
  }
}

describe('the register export dialog', () => {
  it('shows the filters in words and the count; a clerk is offered no 显示身份 and starts a masked export of exactly those filters', async () => {
    fakeCore();
    answers['registerExport/start'] = () => ok(progress({ state: 'cancelled' }));
    mount('clerk');
    expect(text('export-filters')).toBe('收到日期 2026-11-01 至 2026-11-30状态：待受理、办理中被投诉部门：社保服务科搜索：窗口');
    expect(text('export-count')).toBe('共 1,200 条');
    expect(byTestId('export-identity')).toBeNull();
    expect(text('export-identity-fixed')).toContain('遮蔽');
    await click(byTestId('export-start'));
    expect(calls).toEqual([{
      channel: 'registerExport/start',
      input: {
        sortBy: 'registerNo', sortOrder: 'desc', receivedFrom: '2026-11-01', receivedTo: '2026-11-30', status: ['registered', 'assigned'],
        respondentDepartmentId: 3, search: '窗口', unmasked: false, purpose: '',
      },
    }]);
  });

  it('an unfiltered register is 全部案件; the 重复件 filter and another order are said and sent', async () => {
    fakeCore();
    mount('auditor', '');
    expect(text('export-filters')).toBe('全部案件');
    act(() => root!.unmount());
    answers['registerExport/start'] = () => ok(progress({ state: 'cancelled' }));
    mount('auditor', 'repeat=1&sort=receivedAt&order=asc');
    expect(text('export-filters')).toBe('仅重复件');
    expect(document.body.textContent).toContain('按收到时间升序');
    await click(byTestId('export-start'));
    expect(calls.at(-1)?.input).toEqual({ sortBy: 'receivedAt', sortOrder: 'asc', repeat: true, unmasked: false, purpose: '' });
  });

  it('显示身份 asks for 导出用途: the core\'s message lands under the field and nothing starts', async () => {
    fakeCore();
    answers['registerExport/start'] = (input) => (input.purpose
      ? ok(progress({ state: 'cancelled', unmasked: true }))
      : { ok: false, error: { code: 'VALIDATION', message: '显示身份导出时请填写「导出用途」', field: 'purpose' } });
    mount('supervisor');
    expect(byTestId('export-purpose')).toBeNull();
    await click(radio('显示身份'));
    expect(byTestId('export-purpose')).not.toBeNull();
    await click(byTestId('export-start'));
    expect(calls.at(-1)?.input).toMatchObject({ unmasked: true, purpose: '' });
    await until(() => document.querySelector('.ant-form-item-explain-error')?.textContent === '显示身份导出时请填写「导出用途」');
    expect(document.querySelector('.ant-form-item-has-error')?.textContent).toContain('导出用途');
    expect(byTestId('export-progress')).toBeNull();
    expect(byTestId('export-start')).not.toBeNull();

    // typing clears the message; Enter in the field starts the export with the purpose
    await type(byTestId('export-purpose') as HTMLInputElement, ' 配合审计检查 ');
    await settle();
    expect(document.querySelector('.ant-form-item-has-error')).toBeNull(); // (the message's leaving animation may still run)
    key(byTestId('export-purpose')!, 'Enter');
    await settle();
    expect(calls.at(-1)).toMatchObject({ channel: 'registerExport/start', input: { unmasked: true, purpose: '配合审计检查' } });
    await until(() => text('export-result').includes('已取消'));
  });

  it('going back to 遮蔽身份 sends a masked export whatever was typed', async () => {
    fakeCore();
    answers['registerExport/start'] = () => ok(progress({ state: 'cancelled' }));
    mount('auditor');
    await click(radio('显示身份'));
    await type(byTestId('export-purpose') as HTMLInputElement, '核对');
    await click(radio('遮蔽身份'));
    await click(byTestId('export-start'));
    expect(calls.at(-1)?.input).toMatchObject({ unmasked: false, purpose: '' });
  });

  it('polls the progress about every 300 ms, shows 已导出 n / 共 m 条, fetches the file at done and says 已导出 n 条', async () => {
    fakeCore();
    // what the core answers now (the test moves it on); each poll's time is kept
    let now = progress();
    const polledAt: number[] = [];
    answers['registerExport/start'] = () => ok(now);
    answers['registerExport/progress'] = () => {
      polledAt.push(Date.now());
      return ok(now);
    };
    answers['registerExport/file'] = () => ok({ name: '登记册导出_20261201_1530.xlsx', saved: true });
    mount('auditor');
    const started = Date.now();
    await click(byTestId('export-start'));
    await until(() => text('export-progress').includes('已导出 0 / 共 1,200 条'));
    await until(() => polledAt.length >= 2);
    expect(polledAt[0] - started).toBeGreaterThanOrEqual(POLL_MS - 20);
    expect(polledAt[1] - polledAt[0]).toBeGreaterThanOrEqual(POLL_MS - 20);
    now = progress({ written: 500 });
    await until(() => text('export-progress').includes('已导出 500 / 共 1,200 条'));
    now = progress({ state: 'done', written: 1200 });
    await until(() => text('export-result').includes('已导出 1,200 条'));
    expect(text('export-result')).toContain('登记册导出_20261201_1530.xlsx');
    const polls = polledAt.length;
    expect(channels()).toEqual(['registerExport/start', ...Array(polls).fill('registerExport/progress'), 'registerExport/file']);
    expect(calls.at(-1)?.input).toEqual({ exportId: progress().exportId });
    await settle(POLL_MS + 100);
    expect(calls).toHaveLength(polls + 2); // no polling after the end
    await click(byTestId('export-close'));
    expect(onClose).toHaveBeenCalled();
  });

  it('取消 asks nothing, stops the export and says 已取消; nothing is polled after', async () => {
    fakeCore();
    answers['registerExport/start'] = () => ok(progress());
    answers['registerExport/progress'] = () => ok(progress({ written: 300 }));
    answers['registerExport/cancel'] = () => ok(progress({ state: 'cancelled', written: 300 }));
    mount('clerk');
    await click(byTestId('export-start'));
    await until(() => text('export-progress').includes('已导出 300'));
    await click(byTestId('export-cancel'));
    await until(() => text('export-result').includes('已取消'));
    expect(document.querySelector('.ant-modal-confirm')).toBeNull();
    expect(text('export-result')).toContain('300');
    const count = calls.length;
    expect(calls.at(-1)).toEqual({ channel: 'registerExport/cancel', input: { exportId: progress().exportId } });
    await settle(POLL_MS * 2);
    expect(calls).toHaveLength(count);
  });

  it('closing while it runs asks first: 继续导出 keeps it running, 取消导出并关闭 cancels and closes', async () => {
    fakeCore();
    answers['registerExport/start'] = () => ok(progress());
    answers['registerExport/progress'] = () => ok(progress({ written: 100 }));
    answers['registerExport/cancel'] = () => ok(progress({ state: 'cancelled', written: 100 }));
    mount('supervisor');
    await click(byTestId('export-start'));
    key(byTestId('export-dialog')!, 'Escape');
    await until(() => document.querySelector('.ant-modal-confirm') !== null);
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('关闭窗口将取消这次导出');
    const keep = [...document.querySelectorAll('.ant-modal-confirm button')].find((b) => b.textContent === '继续导出')!;
    await click(keep);
    expect(onClose).not.toHaveBeenCalled();
    await until(() => text('export-progress').includes('已导出 100'));
    expect(channels()).not.toContain('registerExport/cancel');

    await click(document.querySelector('.ant-modal-close'));
    await until(() => [...document.querySelectorAll('.ant-modal-confirm button')].some((b) => b.textContent === '取消导出并关闭'));
    await click([...document.querySelectorAll('.ant-modal-confirm button')].find((b) => b.textContent === '取消导出并关闭')!);
    await until(() => onClose.mock.calls.length > 0);
    expect(channels()).toContain('registerExport/cancel');
  });

  it('unmounted while it runs (another page, signed out): stops polling and cancels the export nobody would fetch', async () => {
    fakeCore();
    answers['registerExport/start'] = () => ok(progress());
    answers['registerExport/progress'] = () => ok(progress({ written: 10 }));
    answers['registerExport/cancel'] = () => ok(progress({ state: 'cancelled', written: 10 }));
    mount('clerk');
    await click(byTestId('export-start'));
    await until(() => byTestId('export-progress') !== null);
    act(() => root!.unmount());
    root = null;
    await settle();
    expect(calls.at(-1)).toEqual({ channel: 'registerExport/cancel', input: { exportId: progress().exportId } });
    const count = calls.length;
    await settle(POLL_MS * 2);
    expect(calls).toHaveLength(count);
  });

  it('unmounted before the start answered: the export it answers is cancelled', async () => {
    fakeCore();
    let answer!: () => void;
    answers['registerExport/start'] = () => new Promise<Result<unknown>>((resolve) => (answer = () => resolve(ok(progress())))) as never;
    answers['registerExport/cancel'] = () => ok(progress({ state: 'cancelled' }));
    mount('clerk');
    await click(byTestId('export-start'));
    act(() => root!.unmount());
    root = null;
    await act(async () => answer());
    await settle();
    expect(channels()).toEqual(['registerExport/start', 'registerExport/cancel']);
  });

  it('before it starts, the close button and Esc close without asking; a failed export says why', async () => {
    fakeCore();
    mount('clerk');
    await click(document.querySelector('.ant-modal-close'));
    expect(onClose).toHaveBeenCalledTimes(1);
    key(byTestId('export-dialog')!, 'Escape');
    await settle();
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(document.querySelector('.ant-modal-confirm')).toBeNull();
    act(() => root!.unmount());

    answers['registerExport/start'] = () => ok(progress());
    answers['registerExport/progress'] = () => ok(progress({ state: 'failed', message: '导出文件无法写入：磁盘已满' }));
    mount('clerk');
    await click(byTestId('export-start'));
    await until(() => text('export-result').includes('磁盘已满'));
    expect(text('export-result')).toContain('导出未完成');
  });
});
