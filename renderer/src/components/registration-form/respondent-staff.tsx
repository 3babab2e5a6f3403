import { AutoComplete, Form, type FormInstance, type GetRef } from 'antd';
import { useImperativeHandle, useRef, type Ref } from 'react';
import type { Directory } from '../../api/core';
import { t } from '../../i18n/zh-CN';
import type { RegistrationValues } from './values';

/**
 * 被投诉人员: picked from the directory's active staff of the department complained about (the core then stores
 * the directory's name and counts the person by id), or typed for someone not in it. Picking sets
 * respondentStaffId and the name; typing anything else clears the id; changing the department clears a picked
 * staff member. The rules are pure functions here so they are tested without a browser.
 */
export interface StaffOption {
  /** what the box holds while the option is highlighted: the name, made unique when two options share it */
  value: string;
  label: string;
  staffId: number;
  staffName: string;
  departmentId: number;
}

type StaffDirectory = Pick<Directory, 'staff' | 'departments'>;

/**
 * The options: the active staff of the chosen department; with no department chosen, every active staff member
 * with their department beside the name (picking one then chooses that department too).
 */
export function respondentStaffOptions(directory: StaffDirectory, departmentId: number | null | undefined): StaffOption[] {
  const departmentName = new Map(directory.departments.map((d) => [d.id, d.name]));
  const staff = directory.staff.filter((s) => s.active && (!departmentId || s.departmentId === departmentId));
  const labelOf = (s: (typeof staff)[number]) =>
    `${s.name}${s.title ? `（${s.title}）` : ''}${departmentId ? '' : ` · ${departmentName.get(s.departmentId) ?? ''}`}`;
  const nameCount = new Map<string, number>();
  for (const s of staff) nameCount.set(s.name, (nameCount.get(s.name) ?? 0) + 1);
  const taken = new Set<string>();
  return staff.map((s) => {
    let value = nameCount.get(s.name) === 1 ? s.name : labelOf(s);
    if (taken.has(value)) value = `${value} #${s.id}`;
    taken.add(value);
    return { value, label: labelOf(s), staffId: s.id, staffName: s.name, departmentId: s.departmentId };
  });
}

/** What picking an option writes: the directory's name and id, and its department when none was chosen. */
export function pickedStaff(option: StaffOption, departmentId: number | null | undefined): Partial<RegistrationValues> {
  return {
    respondentStaff: option.staffName,
    respondentStaffId: option.staffId,
    ...(departmentId ? {} : { respondentDepartmentId: option.departmentId }),
  };
}

/**
 * What a change of the form's values does to a picked staff member, or null when nothing: a department other
 * than theirs clears them (name and id); a name typed that is not theirs clears the id (a typed name). `kept` is
 * the staff member the form opened with (their name as stored, which the directory may have changed since).
 */
export function staffAfterChange(
  changed: Partial<RegistrationValues>, all: RegistrationValues, directory: StaffDirectory,
  kept?: { id: number | null | undefined; name: string | undefined },
): Partial<RegistrationValues> | null {
  const id = all.respondentStaffId ?? null;
  if (id === null) return null;
  const member = directory.staff.find((s) => s.id === id);
  if ('respondentDepartmentId' in changed && (!member || member.departmentId !== (changed.respondentDepartmentId || null))) {
    return { respondentStaff: '', respondentStaffId: null };
  }
  if ('respondentStaff' in changed) {
    const text = changed.respondentStaff ?? '';
    const isTheirs = text === member?.name || (kept?.id === id && text === kept.name);
    if (!isTheirs) return { respondentStaffId: null };
  }
  return null;
}

/** Holds respondentStaffId in the form (nothing to see); its errors show under the 被投诉人员 box, which it focuses. */
function PickedStaffId({ ref, focusTarget }: { value?: number | null; onChange?: (v: number | null) => void; ref?: Ref<{ focus(): void }>; focusTarget: { current: { focus(): void } | null } }) {
  useImperativeHandle(ref, () => ({ focus: () => focusTarget.current?.focus() }), [focusTarget]);
  return null;
}

interface FieldProps {
  form: FormInstance<RegistrationValues>;
  directory: StaffDirectory;
  departmentId: number | null | undefined;
  /** after a pick: the values it wrote, for the form's onValuesChange (drafts, error clearing) */
  onPicked(patch: Partial<RegistrationValues>): void;
  itemStyle: { style: { marginBottom: number } };
}

export function RespondentStaffField({ form, directory, departmentId, onPicked, itemStyle }: FieldProps) {
  const box = useRef<GetRef<typeof AutoComplete>>(null);
  const picked = Form.useWatch('respondentStaffId', form) ?? null;
  const options = respondentStaffOptions(directory, departmentId);
  return (
    <Form.Item label={t.form.respondentStaff} htmlFor="respondentStaff" {...itemStyle}
      extra={picked !== null ? <span data-testid="respondent-staff-picked" title={t.form.respondentStaffPickedHint}>{t.form.respondentStaffPicked}</span> : undefined}>
      <Form.Item name="respondentStaff" noStyle>
        <AutoComplete
          ref={box}
          options={options}
          maxLength={50}
          placeholder={t.form.pickOrType}
          data-testid="respondent-staff"
          showSearch={{ filterOption: (input, o) => Boolean(o && (o.staffName.includes(input) || o.label.includes(input))) }}
          onSelect={(_value: string, option: StaffOption) => {
            const patch = pickedStaff(option, departmentId);
            form.setFieldsValue(patch);
            onPicked(patch);
          }}
        />
      </Form.Item>
      <Form.Item name="respondentStaffId" noStyle>
        <PickedStaffId focusTarget={box} />
      </Form.Item>
    </Form.Item>
  );
}
