// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../api/core';
import { CaseTimeline } from './case-timeline';

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

function render(entries: HistoryEntry[]): HTMLElement {
  const host = document.createElement('div');
  document.body.appendChild(host);
  act(() => createRoot(host).render(<CaseTimeline entries={entries} />));
  return host;
}

const entry = (id: number, action: string, actionLabel: string, changes: HistoryEntry['changes'] = [], note: string | null = null): HistoryEntry => ({
  id, at: `2026-03-0${id}T09:30:00+08:00`, actorName: '赵丽', action, actionLabel, note, changes,
});

describe('case timeline', () => {
  it('lists each entry with who and when, its note and its real changes, in antd Timeline’s look without antd’s Timeline', () => {
    const host = render([
      entry(1, 'register', '登记'),
      entry(2, 'update', '修改', [
        { field: 'subject', label: '诉求主题', before: '噪音', after: '夜间施工噪音' },
        { field: 'notes', label: '备注', before: null, after: '' },
      ], '更正主题'),
      entry(3, 'void', '作废'),
    ]);
    const rows = [...host.querySelectorAll('[data-testid="timeline-entry"]')];
    expect(rows.map((r) => r.querySelector('strong')?.textContent)).toEqual(['登记', '修改', '作废']);
    expect(rows[1].textContent).toContain(' · 赵丽 · 2026-03-02T09:30');
    expect(rows[1].textContent).toContain('更正主题');
    // an empty value replaced by another empty one is no change: no "（空） → （空）" line
    expect([...rows[1].querySelectorAll('.timeline-change')].map((c) => c.textContent)).toEqual(['诉求主题: 噪音 → 夜间施工噪音']);
    expect(rows[2].querySelector('.case-timeline-dot-void')).not.toBeNull();
    expect(rows[0].querySelector('.case-timeline-dot-void')).toBeNull();
    expect(host.querySelector('.ant-timeline, .ant-steps, .ant-typography')).toBeNull();
  });
  it('says so when there is no history', () => {
    expect(render([]).querySelector('[data-testid="timeline-entry"]')).toBeNull();
  });
});
