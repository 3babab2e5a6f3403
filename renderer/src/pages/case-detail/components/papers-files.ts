import { useCallback, useMemo, useState } from 'react';
import { invoke } from '../../../api/client';
import type { ChannelInput, FileDelivery, Result } from '../../../api/core';
import { useApi } from '../../../api/use-api';
import { t } from '../../../i18n/zh-CN';

/** The papers channels that answer with a file. */
export type PaperFileChannel = 'papers/pdf' | 'papers/docx' | 'papers/previewPdf' | 'papers/previewDocx' | 'papers/issueBatch';
/** Those that answer a PDF, the only kind opened for printing. */
export type PaperPdfChannel = 'papers/pdf' | 'papers/previewPdf' | 'papers/issueBatch';

/**
 * Fetching a paper's file: saved (a download; the desktop's save dialog) or opened for printing (the
 * browser's PDF viewer in a new tab; the desktop's system PDF viewer). Errors go to the central display;
 * `busy` names the button whose file is on its way.
 */
export function usePaperFiles() {
  const { showError, clearErrors, message } = useApi();
  const [busy, setBusy] = useState<string | null>(null);

  const finish = useCallback(
    (channel: string, r: Result<FileDelivery>, opened: boolean): boolean => {
      setBusy(null);
      if (!r.ok) {
        showError(r.error, undefined, channel);
        return false;
      }
      clearErrors(channel);
      if (r.value.saved) message.success({ content: opened ? t.papers.opened(r.value.name) : t.papers.saved(r.value.name), key: 'paper-file' });
      return true;
    },
    [showError, clearErrors, message],
  );

  /** Call inside the click: the browser's tab must open while the click still counts. */
  const save = useCallback(
    async <C extends PaperFileChannel>(key: string, channel: C, input: ChannelInput<C>): Promise<boolean> => {
      setBusy(key);
      const r = (await invoke(channel, input)) as Result<FileDelivery>;
      return finish(channel, r, false);
    },
    [finish],
  );

  const open = useCallback(
    async <C extends PaperPdfChannel>(key: string, channel: C, input: ChannelInput<C>): Promise<boolean> => {
      setBusy(key);
      const r = (await invoke(channel, input, { delivery: 'open' })) as Result<FileDelivery>;
      return finish(channel, r, true);
    },
    [finish],
  );

  return useMemo(() => ({ busy, save, open }), [busy, save, open]);
}
