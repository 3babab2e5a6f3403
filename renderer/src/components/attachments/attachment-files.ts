import { formatAttachmentSize as formatSize, type AppErrorData, type AttachmentInfo, type Result } from '../../api/core';
import { t } from '../../i18n/zh-CN';

/**
 * Attachments on their way from the person's disk to a case: read in the browser, checked against the size
 * limits before anything is sent (the core checks size and type again, from the bytes), then sent one after
 * another through attachments/add. One file refused never stops the others.
 */

export { formatAttachmentSize as formatSize } from '../../api/core';

export type UploadState = 'queued' | 'reading' | 'sending' | 'added' | 'refused';

export interface UploadItem {
  key: string;
  file: File;
  state: UploadState;
  /** 0–100 while reading the file */
  percent: number;
  /** why it was not added (the core's message, or the size check's) */
  message: string | null;
  attachment: AttachmentInfo | null;
}

export interface SizeLimits {
  maxFileBytes: number;
  maxCaseBytes: number;
}

let nextKey = 1;
/** Items for files just picked or dropped; an over-limit file is refused at once, before anything is read. */
export function queueItems(files: readonly File[], limits: SizeLimits): UploadItem[] {
  return files.map((file) => {
    const tooBig = file.size > limits.maxFileBytes;
    return {
      key: `f${nextKey++}`,
      file,
      state: tooBig ? 'refused' : 'queued',
      percent: 0,
      message: tooBig ? t.attachments.tooBig(formatSize(file.size), formatSize(limits.maxFileBytes)) : null,
      attachment: null,
    };
  });
}

export const isFinished = (item: UploadItem) => item.state === 'added' || item.state === 'refused';

/** The file's bytes as base64 (what attachments/add takes), with the reading's progress. */
export function readAsBase64(file: File, onProgress: (percent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.floor((e.loaded / e.total) * 100));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      // data:<type>;base64,<bytes> — an empty file reads as "data:" with nothing after the comma
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

export type SendAttachment = (name: string, content: string) => Promise<Result<AttachmentInfo>>;

export interface UploadRun {
  send: SendAttachment;
  /** called with each item's new state (the caller keeps the list) */
  onChange(item: UploadItem): void;
  limits: SizeLimits;
  /** what the case's attachments already take (attachments/list's usedBytes; 0 for a new case) */
  usedBytes: number;
  read?: (file: File, onProgress: (percent: number) => void) => Promise<string>;
}

/**
 * Sends the queued items one after another (a 50 MB file as one request is the most the server takes at a
 * time), each ending added or refused with its reason; the others go on regardless. Answers the items as they ended.
 */
export async function uploadQueued(items: readonly UploadItem[], run: UploadRun): Promise<UploadItem[]> {
  const read = run.read ?? readAsBase64;
  let used = run.usedBytes;
  const ended: UploadItem[] = [];
  for (const start of items) {
    let item = start;
    const set = (patch: Partial<UploadItem>) => {
      item = { ...item, ...patch };
      run.onChange(item);
    };
    if (item.state !== 'queued') {
      ended.push(item);
      continue;
    }
    if (item.file.size > run.limits.maxFileBytes) {
      set({ state: 'refused', message: t.attachments.tooBig(formatSize(item.file.size), formatSize(run.limits.maxFileBytes)) });
    } else if (used + item.file.size > run.limits.maxCaseBytes) {
      set({ state: 'refused', message: t.attachments.caseFull(formatSize(run.limits.maxCaseBytes)) });
    } else {
      set({ state: 'reading', percent: 0 });
      let content: string | null = null;
      try {
        content = await read(item.file, (percent) => set({ percent }));
      } catch {
        set({ state: 'refused', message: t.attachments.unreadable });
      }
      if (content !== null) {
        set({ state: 'sending', percent: 100 });
        const r = await run.send(item.file.name, content);
        if (r.ok) {
          used += r.value.size;
          set({ state: 'added', message: null, attachment: r.value });
        } else {
          set({ state: 'refused', message: refusal(r.error) });
        }
      }
    }
    ended.push(item);
  }
  return ended;
}

/** The core's own words for the file (a refused type, a size, a missing right); a field's label is in them already. */
function refusal(error: AppErrorData): string {
  return error.message || t.common.notDone;
}

/**
 * What the registration form tells the new case's page (as the navigation's state): the case is saved, and
 * which of the files picked with it were attached and which were not, with the reason.
 */
export interface AttachmentReport {
  registerNo: string;
  added: string[];
  refused: Array<{ name: string; message: string }>;
}

export function reportOf(registerNo: string, items: readonly UploadItem[]): AttachmentReport {
  return {
    registerNo,
    added: items.filter((i) => i.state === 'added').map((i) => i.file.name),
    refused: items.filter((i) => i.state !== 'added').map((i) => ({ name: i.file.name, message: i.message ?? t.common.notDone })),
  };
}

export function isAttachmentReport(value: unknown): value is AttachmentReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<AttachmentReport>;
  return typeof v.registerNo === 'string' && Array.isArray(v.added) && Array.isArray(v.refused);
}
