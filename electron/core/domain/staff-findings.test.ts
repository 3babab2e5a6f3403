import { describe, expect, it } from 'vitest';
import { tallyStaffFindings } from './staff-findings';

const directory = [
  { id: 1, department_id: 10, name: '张三' },
  { id: 2, department_id: 20, name: '张三' }, // another 张三, of another department
  { id: 3, department_id: 10, name: '李四' },
  { id: 4, department_id: 10, name: '李四' }, // two 李四 in one department: a typed 李四 is neither
];

describe('per staff member: by the directory id when picked, else by the typed name within the department', () => {
  it('counts 张三 picked twice and typed once in his department as one person with 3', () => {
    expect(tallyStaffFindings([
      { department_id: 10, staff_id: 1, name: '张三', n: 2 },
      { department_id: 10, staff_id: null, name: '张三', n: 1 },
    ], directory)).toEqual([{ staffId: 1, name: '张三', department_id: 10, n: 3 }]);
  });

  it('keeps apart the same name in another department, a typed name not in the directory, and an ambiguous one', () => {
    expect(tallyStaffFindings([
      { department_id: 10, staff_id: 1, name: '张三', n: 1 },
      { department_id: 20, staff_id: null, name: '张三 ', n: 2 },
      { department_id: null, staff_id: null, name: '张三', n: 1 },
      { department_id: 10, staff_id: null, name: '王五', n: 1 },
      { department_id: 10, staff_id: null, name: ' 王五', n: 1 },
      { department_id: 10, staff_id: null, name: '李四', n: 1 },
    ], directory)).toEqual([
      { staffId: 2, name: '张三', department_id: 20, n: 2 },
      { staffId: null, name: '王五', department_id: 10, n: 2 },
      { staffId: null, name: '张三', department_id: null, n: 1 },
      { staffId: 1, name: '张三', department_id: 10, n: 1 },
      { staffId: null, name: '李四', department_id: 10, n: 1 },
    ]);
  });

  it("shows a picked member under the directory's current name and department, whatever name the case stored", () => {
    const renamed = [{ id: 1, department_id: 20, name: '张三丰' }];
    expect(tallyStaffFindings([
      { department_id: 10, staff_id: 1, name: '张三', n: 1 },
      { department_id: 10, staff_id: 1, name: '张三', n: 1 },
    ], renamed)).toEqual([{ staffId: 1, name: '张三丰', department_id: 20, n: 2 }]);
  });
});
