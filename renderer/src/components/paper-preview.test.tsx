// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PaperDocument } from '../api/core';
import { gapsIn, PaperPreview } from './paper-preview';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

function render(node: React.ReactNode): HTMLElement {
  const host = document.createElement('div');
  document.body.appendChild(host);
  act(() => createRoot(host).render(node));
  return host;
}

const LETTER: PaperDocument = {
  type: 'reply',
  layout: 'letter',
  officeName: '某某县政务服务中心',
  number: null,
  title: '关于张建国投诉事项的答复函',
  recipient: '张建国：',
  blocks: [
    { kind: 'paragraph', text: '您于2026年11月2日来电反映的事项收悉。' },
    { kind: 'heading1', text: '一、调查核实情况' },
    { kind: 'paragraph', text: '经调查：〔待填写：调查核实情况〕。' },
    { kind: 'heading2', text: '（一）处理意见' },
    { kind: 'paragraph', text: '对窗口人员批评教育。' },
  ],
  signature: { office: '某某县政务服务中心', date: '2026年11月24日' },
  contact: '（联系人：王某，电话：0571-88888888）',
  copyTo: '抄送：社保服务科。',
  preview: true,
  info: { title: '答复函', author: '某某县政务服务中心', subject: '2026-000123' },
};

const FORM: PaperDocument = {
  type: 'assign',
  layout: 'form',
  officeName: '某某县政务服务中心',
  number: '2026-000123',
  title: '投诉转办单',
  recipient: null,
  blocks: [
    { kind: 'field', label: '承办部门', value: '社保服务科' },
    { kind: 'field', label: '事由', value: '窗口态度生硬\n第二行' },
    { kind: 'note', text: '请于 〔待填写：办理期限〕 前办结并反馈。' },
    { kind: 'table', columns: ['日期', '环节', '内容', '经办人'], rows: [['2026-11-02', '登记', '电话登记', '陈登记']] },
    { kind: 'signatures', labels: ['转办人', '日期'] },
  ],
  signature: null,
  contact: null,
  copyTo: null,
  preview: false,
  info: { title: '转办单', author: '某某县政务服务中心', subject: '2026-000123' },
};

describe('PaperPreview', () => {
  it('draws a letter in the 信函格式 order: red head, rules, number, title, recipient, body, office and date, contact, 抄送', () => {
    const host = render(<PaperPreview document={LETTER} />);
    const sheet = host.querySelector('.paper-sheet.paper-letter')!;
    expect(sheet).not.toBeNull();
    const order = ['.paper-office', '.paper-rule-top', '.paper-number', '.paper-title', '.paper-recipient', '.paper-body', '.paper-signature', '.paper-contact', '.paper-copyto', '.paper-rule-bottom']
      .map((sel) => sheet.querySelector(sel));
    expect(order.every((el) => el !== null)).toBe(true);
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    expect(sheet.querySelector('.paper-office')!.textContent).toBe('某某县政务服务中心');
    // no number yet in a preview: a grey stand-in, never an empty line or "null"
    expect(sheet.querySelector('[data-testid="paper-number"]')!.textContent).toBe('（签发时编号）');
    expect(sheet.querySelector('.paper-h1')!.textContent).toBe('一、调查核实情况');
    expect(sheet.querySelector('.paper-h2')!.textContent).toBe('（一）处理意见');
    expect(sheet.querySelector('.paper-signature')!.textContent).toContain('2026年11月24日');
    expect(sheet.querySelector('.paper-mark')!.textContent).toBe('预览 · 未签发');
    expect(sheet.textContent).not.toMatch(/undefined|null|\{/);
  });

  it('marks each gap, named, and lists the gaps in order', () => {
    const host = render(<PaperPreview document={LETTER} />);
    const gaps = [...host.querySelectorAll('mark.paper-gap')];
    expect(gaps.map((g) => [g.getAttribute('data-gap'), g.textContent])).toEqual([['调查核实情况', '〔待填写：调查核实情况〕']]);
    expect(gapsIn(LETTER)).toEqual(['调查核实情况']);
    expect(gapsIn(FORM)).toEqual(['办理期限']);
  });

  it('draws a form as bordered rows with its register number, tables and signature lines, without a preview mark once issued', () => {
    const host = render(<PaperPreview document={FORM} />);
    const sheet = host.querySelector('.paper-sheet.paper-form')!;
    expect(sheet.querySelector('.paper-office')).toBeNull();
    expect(sheet.querySelector('[data-testid="paper-number"]')!.textContent).toBe('2026-000123');
    const rows = [...sheet.querySelectorAll('.paper-form-rows tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([['承办部门', '社保服务科'], ['事由', '窗口态度生硬\n第二行'], ['请于 〔待填写：办理期限〕 前办结并反馈。']]);
    expect([...sheet.querySelectorAll('.paper-data th')].map((th) => th.textContent)).toEqual(['日期', '环节', '内容', '经办人']);
    expect(sheet.querySelectorAll('.paper-signature-line')).toHaveLength(2);
    expect(sheet.querySelector('.paper-mark')).toBeNull();
  });
});
