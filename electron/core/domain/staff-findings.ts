/**
 * Per staff member complained about (../shared/statistics.md, internal only): the substantiated findings counted
 * per person, not per spelling. A case names the person either by the directory's staff id (picked; shown with
 * the directory's current name and department) or by a typed name. A typed name that is, trimmed, the name of
 * exactly one directory member of the case's department is that member; any other typed name is its own person
 * within its department (trimmed: 「张三 」 and 「张三」 are one). Pure: the rows and the directory come in.
 */
export interface StaffFindingGroup {
  /** the case's department complained about */
  department_id: number | null;
  /** the directory's staff member when picked */
  staff_id: number | null;
  /** the name stored on the case */
  name: string;
  n: number;
}

export interface DirectoryStaff { id: number; department_id: number; name: string }

export interface StaffTally {
  /** the directory's staff member, when the person is one */
  staffId: number | null;
  /** the directory's current name, else the typed name (trimmed) */
  name: string;
  /** the directory's current department, else the case's */
  department_id: number | null;
  n: number;
}

export function tallyStaffFindings(groups: readonly StaffFindingGroup[], directory: readonly DirectoryStaff[]): StaffTally[] {
  const byId = new Map(directory.map((s) => [s.id, s]));
  // (department, name) -> the one directory member of that name there, or null when two share it.
  const byName = new Map<string, DirectoryStaff | null>();
  for (const s of directory) {
    const key = `${s.department_id}\u0000${s.name.trim()}`;
    byName.set(key, byName.has(key) ? null : s);
  }
  const out = new Map<string, StaffTally>();
  for (const g of groups) {
    const name = g.name.trim();
    if (name === '' && g.staff_id === null) continue;
    const member = g.staff_id !== null ? byId.get(g.staff_id) : byName.get(`${g.department_id}\u0000${name}`) ?? undefined;
    const key = member ? `id:${member.id}` : g.staff_id !== null ? `id:${g.staff_id}` : `name:${g.department_id}\u0000${name}`;
    const t = out.get(key) ?? (member
      ? { staffId: member.id, name: member.name, department_id: member.department_id, n: 0 }
      : { staffId: g.staff_id, name, department_id: g.department_id, n: 0 });
    t.n += Number(g.n);
    out.set(key, t);
  }
  // Most first, then by name, then by department (none first): the same order on every run.
  return [...out.values()].sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.department_id ?? 0) - (b.department_id ?? 0));
}
