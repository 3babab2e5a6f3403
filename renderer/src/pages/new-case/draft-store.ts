import type { DraftValues } from '../../components/registration-form/values';

/**
 * The unfinished 新登记 form, kept in localStorage per user so a crash, a phone call or a misclick does
 * not lose what the clerk typed. Storage is a parameter so tests can pass a fake.
 */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const VERSION = 1;

export function draftKey(userId: number): string {
  return `complaint-register:new-case-draft:v${VERSION}:user-${userId}`;
}

export function loadDraft(storage: DraftStorage, userId: number): DraftValues | null {
  try {
    const raw = storage.getItem(draftKey(userId));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return parsed as DraftValues;
  } catch {
    return null; // a corrupt draft is dropped rather than breaking the form
  }
}

export function saveDraft(storage: DraftStorage, userId: number, values: DraftValues): void {
  try {
    storage.setItem(draftKey(userId), JSON.stringify(values));
  } catch {
    // storage full or disabled: the form still works, only the safety net is missing
  }
}

export function clearDraft(storage: DraftStorage, userId: number): void {
  try {
    storage.removeItem(draftKey(userId));
  } catch {
    // nothing to do
  }
}
