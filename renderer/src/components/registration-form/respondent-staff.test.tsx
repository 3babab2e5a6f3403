// @vitest-environment jsdom
import { Form } from 'antd';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../api/core';
import { pickedStaff, respondentStaffOptions, RespondentStaffField, staffAfterChange } from './respondent-staff';
import { toCorrectionInput, toRegistrationInput, valuesFromDetail, type RegistrationValues } from './values';

const directory: Pick<Directory, 'staff' | 'departments'> = {
  departments: [
    { id: 1, name: '社保服务科', active: true, sortOrder: 0 },
    { id: 2, name: '综合窗口', active: true, sortOrder: 1 },
  ],
  staff: [
    { id: 11, departmentId: 1, name: '李明', title: '科员', active: true },
    { id: 12, departmentId: 1, name: '王强', title: '', active: true },
    { id: 13, departmentId: 1, name: '离职人员', title: '', active: false },
    { id: 21, departmentId: 2, name: '李明', title: '', active: true },
    { id: 22, departmentId: 2, name: '周敏', title: '导办员', active: true },
  ],
};

describe('被投诉人员 options and rules', () => {
  it("offers the chosen department's active staff by name; with no department, everyone active with their department", () => {
    expect(respondentStaffOptions(directory, 1).map((o) => [o.value, o.label, o.staffId])).toEqual([
      ['李明', '李明（科员）', 11], ['王强', '王强', 12],
    ]);
    // Two 李明 in the office: each option its own value, so picking one never picks the other.
    expect(respondentStaffOptions(directory, null).map((o) => [o.value, o.staffId])).toEqual([
      ['李明（科员） · 社保服务科', 11], ['王强', 12], ['李明 · 综合窗口', 21], ['周敏', 22],
    ]);
  });

  it('picking writes the directory name and id (and the department when none was chosen)', () => {
    const [li] = respondentStaffOptions(directory, null);
    expect(pickedStaff(li, null)).toEqual({ respondentStaff: '李明', respondentStaffId: 11, respondentDepartmentId: 1 });
    expect(pickedStaff(respondentStaffOptions(directory, 2)[1], 2)).toEqual({ respondentStaff: '周敏', respondentStaffId: 22 });
  });

  it('typing another name clears the id; another department clears a picked staff member; a typed name stays', () => {
    const all: RegistrationValues = { respondentDepartmentId: 1, respondentStaff: '李明', respondentStaffId: 11 };
    expect(staffAfterChange({ respondentStaff: '李明明' }, { ...all, respondentStaff: '李明明' }, directory)).toEqual({ respondentStaffId: null });
    expect(staffAfterChange({ respondentStaff: '李明' }, all, directory)).toBeNull();
    expect(staffAfterChange({ respondentDepartmentId: 2 }, { ...all, respondentDepartmentId: 2 }, directory)).toEqual({ respondentStaff: '', respondentStaffId: null });
    expect(staffAfterChange({ respondentDepartmentId: 1 }, all, directory)).toBeNull();
    expect(staffAfterChange({ respondentDepartmentId: 2 }, { respondentDepartmentId: 2, respondentStaff: '保安', respondentStaffId: null }, directory)).toBeNull();
    // The name stored with a staff member the directory renamed since still counts as theirs.
    expect(staffAfterChange({ respondentStaff: '李小明' }, { ...all, respondentStaff: '李小明' }, directory, { id: 11, name: '李小明' })).toBeNull();
  });

  it('sends the id with the name, and in a correction only when it changed', () => {
    expect(toRegistrationInput({ respondentStaff: '李明', respondentStaffId: 11 })).toMatchObject({ respondentStaff: '李明', respondentStaffId: 11 });
    expect(toRegistrationInput({ respondentStaff: '', respondentStaffId: 11 })).toMatchObject({ respondentStaffId: null });
    const base = valuesFromDetail({ respondentStaff: '李明', respondentStaffId: null, complainants: [] } as never);
    const editable = { identity: true, firstReceiver: true };
    expect(toCorrectionInput(base, { ...base, respondentStaffId: 11 }, editable)).toEqual({ respondentStaffId: 11 });
    expect(toCorrectionInput(base, { ...base }, editable)).toEqual({});
  });
});

describe('the 被投诉人员 field in a form', () => {
  let host: HTMLElement;
  let root: Root;
  beforeAll(() => {
    window.matchMedia ??= ((query: string) => ({
      matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
      addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
    })) as typeof window.matchMedia;
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    // The dropdown's virtual list observes its size.
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} };
  });
  beforeEach(() => {
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    document.body.innerHTML = '';
  });

  it('picking an option sets the name and the id; the note says it is from the directory', async () => {
    const seen: { values?: RegistrationValues; picked?: Partial<RegistrationValues> } = {};
    function Harness() {
      const [form] = Form.useForm<RegistrationValues>();
      return (
        <Form form={form} initialValues={{ respondentDepartmentId: 1, respondentStaff: '', respondentStaffId: null }}
          onValuesChange={(_, all) => (seen.values = all)}>
          <RespondentStaffField form={form} directory={directory} departmentId={1} itemStyle={{ style: { marginBottom: 0 } }}
            onPicked={(patch) => { seen.picked = patch; seen.values = form.getFieldsValue(true) as RegistrationValues; }} />
        </Form>
      );
    }
    act(() => root.render(<Harness />));
    const input = host.querySelector('input') as HTMLInputElement;
    expect(input.id).toBe('respondentStaff');
    expect(host.querySelector('label')?.getAttribute('for')).toBe('respondentStaff');
    await act(async () => {
      input.focus();
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, '李');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 50));
    });
    const options = [...document.querySelectorAll('.ant-select-item-option')];
    expect(options.map((o) => o.textContent)).toEqual(['李明（科员）']);
    await act(async () => {
      options[0].dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
      options[0].dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(seen.picked).toEqual({ respondentStaff: '李明', respondentStaffId: 11 });
    expect(seen.values).toMatchObject({ respondentStaff: '李明', respondentStaffId: 11 });
    expect(input.value).toBe('李明');
    expect(host.querySelector('[data-testid="respondent-staff-picked"]')?.textContent).toContain('已从人员名录选择');
  });
});
