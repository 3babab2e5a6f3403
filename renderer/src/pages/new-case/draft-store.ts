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

/** Where the draft's id lives: beside the values, so saving the values never changes it. */
const idKey = (userId: number) => `complaint-register:new-case-draft-id:v${VERSION}:user-${userId}`;

/** 32 random hex digits in the UUID layout; getRandomValues works where randomUUID does not (plain http on a LAN). */
function newId(): string {
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The draft's id, sent with `cases/register` as its idempotency key: the same until the draft is cleared, so
 * a save whose answer was lost can be sent again and finds the case it made instead of registering it twice.
 */
export function draftId(storage: DraftStorage, userId: number): string {
  try {
    const stored = storage.getItem(idKey(userId));
    if (stored && /^[A-Za-z0-9-]{8,64}$/.test(stored)) return stored;
  } catch {
    // unreadable storage: a fresh id still protects retries from this page (the caller keeps it)
  }
  const id = newId();
  try {
    storage.setItem(idKey(userId), id);
  } catch {
    // as above
  }
  return id;
}

/** After a confirmed save or 清空草稿: the values and the id go, the next registration gets a new id. */
export function clearDraft(storage: DraftStorage, userId: number): void {
  try {
    storage.removeItem(draftKey(userId));
    storage.removeItem(idKey(userId));
  } catch {
    // nothing to do
  }
}

export interface DraftWriter<T> {
  /** the form's values after a change: written later, once for every change made until then */
  schedule(values: T): void;
  /** writes what is pending now (leaving the page, hiding the tab) */
  flush(): void;
  /** drops what is pending (the draft was just cleared or saved as a case) */
  cancel(): void;
}

/**
 * Writes the draft after the key's frame has been drawn instead of inside the key's input event: a profile
 * of typing into 详细情况 spent about a third of each key's input handler converting, serialising and
 * storing the whole form. `later` runs its callback once, later, and returns a cancel.
 */
export function draftWriter<T>(write: (values: T) => void, later: (run: () => void) => () => void): DraftWriter<T> {
  let pending: { values: T } | null = null;
  let cancelLater: (() => void) | null = null;
  const flush = () => {
    cancelLater?.();
    cancelLater = null;
    const p = pending;
    pending = null;
    if (p) write(p.values);
  };
  return {
    schedule(values) {
      pending = { values };
      cancelLater ??= later(flush);
    },
    flush,
    cancel() {
      cancelLater?.();
      cancelLater = null;
      pending = null;
    },
  };
}

/** After the next frame (a frame, then a task); a hidden tab draws no frames, so at the latest after 200 ms. */
export function afterNextFrame(run: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancel();
    run();
  };
  let task: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    task = setTimeout(once, 0);
  });
  const fallback = setTimeout(once, 200);
  function cancel() {
    cancelAnimationFrame(frame);
    clearTimeout(task);
    clearTimeout(fallback);
  }
  return () => {
    done = true;
    cancel();
  };
}
