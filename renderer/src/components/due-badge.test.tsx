// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { DueBadge } from './due-badge';
import { StatusTag } from './status-tag';

beforeAll(() => {
  // antd reads matchMedia for responsive behaviour; jsdom has none.
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

function render(node: React.ReactNode): HTMLElement {
  const host = document.createElement('div');
  document.body.appendChild(host);
  act(() => createRoot(host).render(node));
  return host;
}

describe('shared case widgets', () => {
  it('shows the due state the server computed', () => {
    const host = render(<DueBadge dueDate="2026-03-09" dueState="overdue" showLabel />);
    expect(host.textContent).toContain('2026-03-09 已超期');
    expect(host.querySelector('[data-due-state="overdue"]')).not.toBeNull();
  });
  it('shows a dash when there is no due date', () => {
    expect(render(<DueBadge dueDate={null} dueState={null} />).textContent).toBe('—');
  });
  it('labels a status in Chinese', () => {
    expect(render(<StatusTag status="pending_review" />).textContent).toBe('待审核');
  });
  // The 工作台 draws one badge and tag per list line right after sign-in: no antd component (Tooltip,
  // Badge, Space, Tag) per line, the state's words as a native title instead of a Tooltip.
  it('draws a due state without antd components, its words as a native title', () => {
    const host = render(<DueBadge dueDate="2026-03-09" dueState="dueSoon" calendarMissingYear={2027} />);
    expect(host.textContent).toBe('2026-03-09');
    expect(host.querySelector('[title="即将到期"]')?.textContent).toBe('2026-03-09');
    expect(host.querySelector('[aria-label="即将到期"]')?.className).toContain('due-badge-dot-dueSoon');
    expect(host.querySelector('[data-testid="calendar-missing"]')?.getAttribute('title')).toContain('2027');
    expect(host.querySelector('[class*="ant-"]:not(.anticon)')).toBeNull();
  });
  it('draws a status tag in its preset colour without antd', () => {
    const host = render(<StatusTag status="closed" />);
    expect(host.querySelector('[data-testid="status-tag"]')?.className).toBe('status-tag status-tag-green');
    expect(host.querySelector('[class*="ant-"]')).toBeNull();
  });
});
