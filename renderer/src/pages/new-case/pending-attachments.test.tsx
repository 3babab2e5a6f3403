// @vitest-environment jsdom
import { act, createRef, type RefObject } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PendingAttachmentsHandle } from './pending-attachments';

const invoke = vi.fn();
vi.mock('../../api/client', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
const { PendingAttachments } = await import('./pending-attachments');

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let renders = 0;
/** Stands for the registration page: it must not render again while files are queued. */
function Page({ handle }: { handle: RefObject<PendingAttachmentsHandle | null> }) {
  renders += 1;
  return <PendingAttachments ref={handle} isDisabled={false} />;
}

function pick(host: HTMLElement, files: File[]) {
  const input = host.querySelector<HTMLInputElement>('[data-testid="form-attachment-pick-input"]')!;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('the registration form\'s 附件 area', () => {
  let host: HTMLElement;
  let root: Root;
  beforeEach(() => {
    renders = 0;
    invoke.mockReset();
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  it('queues picked files without rendering the page again, refuses an over-limit one at once, and sends the rest to the new case', async () => {
    const handle = createRef<PendingAttachmentsHandle>();
    act(() => root.render(<Page handle={handle} />));
    expect(host.textContent).toContain('单个文件不超过 50 MB，每件案件合计不超过 500 MB');
    const letter = new File(['投诉信'], '投诉信.txt', { type: 'text/plain' });
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], '现场.jpg', { type: 'image/jpeg' });
    const big = new File(['x'], '录像.wav');
    Object.defineProperty(big, 'size', { value: 60 * 1024 * 1024 });
    act(() => pick(host, [letter, photo, big]));
    expect(host.querySelectorAll('[data-testid="attachment-upload"]')).toHaveLength(3);
    expect(host.querySelector('[data-testid="attachment-upload-error"]')?.textContent).toContain('文件有 60 MB，超过单个附件的上限 50 MB');
    expect(host.textContent).toContain('待上传 3 个文件');
    expect(renders).toBe(1);
    expect(handle.current?.count()).toBe(3);
    expect(invoke).not.toHaveBeenCalled();

    invoke.mockImplementation(async (_channel: string, input: { name: string }) => (input.name === '现场.jpg'
      ? { ok: false, error: { code: 'VALIDATION', message: '文件「现场.jpg」的类型不能作为附件' } }
      : { ok: true, value: { id: 1, caseId: 9, name: input.name, size: 9, kind: 'text', voided: null } }));
    let ended: Awaited<ReturnType<PendingAttachmentsHandle['upload']>> = [];
    await act(async () => {
      ended = await handle.current!.upload(9, '2026-000009');
    });
    expect(invoke.mock.calls.map(([channel, input]) => [channel, input])).toEqual([
      ['attachments/add', { caseId: 9, name: '投诉信.txt', content: btoa(String.fromCharCode(...new TextEncoder().encode('投诉信'))) }],
      ['attachments/add', { caseId: 9, name: '现场.jpg', content: btoa('\xff\xd8\xff\xe0') }],
    ]);
    expect(ended.map((e) => e.state)).toEqual(['added', 'refused', 'refused']);
    expect(host.textContent).toContain('案件已登记为 2026-000009');
    expect(host.textContent).toContain('未添加：文件「现场.jpg」的类型不能作为附件');
    expect(renders).toBe(1);
  }, 60_000); // antd's first render and its styles take seconds on a busy machine
});
