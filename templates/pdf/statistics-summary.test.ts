import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summaryCharts, withoutTextOutlines } from '../charts/statistics-charts';
import type { StatisticsTrend } from '../../electron/core/types';
import { workbookView } from '../xlsx/fixture';
import { statisticsSummaryBytes, statisticsSummaryName } from './statistics-summary';

/**
 * The summary PDF as a pure function of its view model (the workbook's hand-made one): the charts' SVG as pdfmake
 * needs it, the tables' header rows on every page a long list runs over, the page footers, the public version.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-summary-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const trend: StatisticsTrend = {
  months: Array.from({ length: 12 }, (_, i) => {
    const m0 = 2025 * 12 + 11 + i;
    const month = `${Math.floor(m0 / 12)}-${String((m0 % 12) + 1).padStart(2, '0')}`;
    return { month, label: `${month.slice(0, 4)}年${Number(month.slice(5))}月`, registered: 10 + i, closed: 8 + i, closedOnTime: 7 + i, onTimeRate: (7 + i) / (8 + i) };
  }),
};

function pages(bytes: Uint8Array): string[] {
  const f = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(f, bytes);
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))![1]);
  return Array.from({ length: n }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), f, '-'], { encoding: 'utf8' }).replace(/[ \u00a0]+/g, ''));
}

describe('statistics summary charts', () => {
  it('draws the four charts as SVG in the given pdfmake family, without text outlines', () => {
    const v = workbookView(false);
    const charts = summaryCharts(v.report, trend, 480, 'F7');
    for (const c of [charts.trend, charts.byType, charts.byChannel, charts.byDepartment]) {
      expect(c).not.toBeNull();
      expect(c!.svg).toMatch(/^<svg /);
      expect(c!.svg).toContain('font-family:F7');
      expect(c!.svg).not.toMatch(/paint-order/);
      expect(c!.svg).not.toMatch(/<text[^>]*\sstroke=/);
    }
    expect(charts.trend!.svg).toContain('按期办结率');
    expect(charts.byDepartment!.svg).toContain('社保服务科');
    expect(withoutTextOutlines('<text fill="#333" stroke="#fff" stroke-width="2" paint-order="stroke">8</text>')).toBe('<text fill="#333">8</text>');
  });

  it('names a public "<3" cell in its category (no bar, no label is drawn for it)', () => {
    const charts = summaryCharts(workbookView(true).report, null, 480, 'F1');
    expect(charts.trend).toBeNull();
    expect(charts.byType!.svg).toContain('咨询（&lt;3）');
  });
});

describe('statistics summary PDF', () => {
  it('repeats the table header on every page a long overdue list runs over, and numbers every page', async () => {
    const v = workbookView(false);
    v.report.overdueList = {
      total: 120,
      rows: Array.from({ length: 90 }, (_, i) => ({
        caseId: 100 + i, registerNo: `2026-${String(100 + i).padStart(6, '0')}`, subject: `材料迟迟未办 第 ${i + 1} 件`, handlingDepartment: '社保服务科', dueDate: '2026-11-16', daysOverdue: 16,
      })),
    };
    const text = pages(await statisticsSummaryBytes({ officeName: v.officeName, report: v.report, trend }));
    expect(text.length).toBeGreaterThanOrEqual(4);
    text.forEach((t, i) => expect(t, `page ${i + 1}`).toContain(`第${i + 1}页共${text.length}页`));
    // no blank page (a page break asked for inside an unbreakable block once added empty ones)
    text.forEach((t, i) => expect(t.replace(/第\d+页共\d+页/, '').trim(), `page ${i + 1}`).not.toBe(''));
    const withRows = text.filter((t) => /2026-0001\d\d/.test(t));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const t of withRows) expect(t).toMatch(/序号\s*登记编号\s*事由/);
    const all = text.join('\n');
    expect(all).toContain('共120件，此处列出超期最久的90件。');
    expect(all).toContain('2026-000189');
    expect(all.indexOf('制表人：')).toBeGreaterThan(all.indexOf('2026-000189'));
    // the heading and its table together: no page ends on a heading
    for (const t of text) expect(t.trim().split('\n').filter(Boolean).at(-2)).not.toMatch(/^[一二三四五六七]、/);
  }, 60_000);

  it('prints percentages with one decimal and "—" for a missing rate; the public version has no lists, staff or subjects', async () => {
    const v = workbookView(false);
    const internalPages = pages(await statisticsSummaryBytes({ officeName: v.officeName, report: v.report, trend }));
    internalPages.forEach((t, i) => expect(t.replace(/第\d+页共\d+页/, '').trim(), `page ${i + 1}`).not.toBe(''));
    const internal = internalPages.join('\n');
    expect(internal).toContain('86.7%');
    expect(internal).toContain('—');
    expect(internal).toContain('李明');
    expect(internal).toContain('诫勉谈话');
    const p = workbookView(true);
    expect(statisticsSummaryName(p.report)).toBe('投诉统计-2026年11月-公开版.pdf');
    const pub = pages(await statisticsSummaryBytes({ officeName: p.officeName, report: p.report, trend })).join('\n');
    expect(pub).toContain('定期公开版');
    expect(pub).toContain('<3');
    for (const secret of ['李明', '督办清单', '被投诉人员', '张三', '窗口态度生硬', '2026-000007']) expect(pub, secret).not.toContain(secret);
  }, 60_000);
});
