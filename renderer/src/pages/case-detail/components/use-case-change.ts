import type { FormInstance } from 'antd';
import { useRef, useState } from 'react';
import type { CaseDetail, Channel, ChannelInput, ChannelOutput } from '../../../api/core';
import { useApi } from '../../../api/use-api';
import { t } from '../../../i18n/zh-CN';

/** The channels that change a case and answer with its fresh detail. */
type CaseChannel = { [C in Channel]: ChannelOutput<C> extends CaseDetail ? C : never }[Channel];

/** Someone saved the case while the dialog was open: the case as the dialog opened it, and as it is now. */
export interface CaseConflict {
  before: CaseDetail;
  after: CaseDetail;
}

/**
 * Sending one change of a case from a dialog: the saving flag, the 已完成 note and the fresh detail on
 * success. When someone else changed the case first (CONFLICT) the dialog stays open with what was typed:
 * the case is read again (`refetch` puts it on the page, so the next send carries the new version),
 * `onConflict` lets the dialog move its form onto it, and `conflict` says what changed. Field errors land
 * in `form`.
 */
export function useCaseChange(
  label: string,
  form: FormInstance,
  detail: CaseDetail,
  onDone: (detail: CaseDetail) => void,
  refetch: () => Promise<CaseDetail | null>,
  onConflict?: (before: CaseDetail, after: CaseDetail) => void,
) {
  const { call, message, showError } = useApi();
  const [isSaving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<CaseConflict | null>(null);
  const isSending = useRef(false);

  async function send<C extends CaseChannel>(channel: C, input: ChannelInput<C>): Promise<void> {
    if (isSending.current) return;
    isSending.current = true;
    setSaving(true);
    const before = detail;
    const r = await call(channel, input, { form, silent: true });
    if (r.ok) {
      isSending.current = false;
      setSaving(false);
      message.success(t.detail.done(label));
      onDone(r.value);
      return;
    }
    const fresh = r.error.code === 'CONFLICT' ? await refetch() : null;
    isSending.current = false;
    setSaving(false);
    if (!fresh) {
      showError(r.error, form);
      return;
    }
    onConflict?.(before, fresh);
    // the changes since the dialog was opened, across as many conflicts as it meets
    setConflict((c) => ({ before: c?.before ?? before, after: fresh }));
  }

  return { isSaving, send, conflict };
}
