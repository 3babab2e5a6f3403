import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { CaseDetail, Channel, ChannelInput, ChannelOutput } from '../../../api/core';
import { useApi } from '../../../api/use-api';
import { t } from '../../../i18n/zh-CN';

/** The channels that change a case and answer with its fresh detail. */
type CaseChannel = { [C in Channel]: ChannelOutput<C> extends CaseDetail ? C : never }[Channel];

/**
 * Sending one change of a case from a modal: the saving flag, the 已完成 note, the fresh detail on
 * success, and a reload when someone else changed the case first (CONFLICT). Field errors land in `form`.
 */
export function useCaseChange(label: string, form: FormInstance, onDone: (detail: CaseDetail) => void, onStale: () => void) {
  const { call, message } = useApi();
  const [isSaving, setSaving] = useState(false);

  async function send<C extends CaseChannel>(channel: C, input: ChannelInput<C>): Promise<void> {
    setSaving(true);
    const r = await call(channel, input, { form });
    setSaving(false);
    if (r.ok) {
      message.success(t.detail.done(label));
      onDone(r.value);
    } else if (r.error.code === 'CONFLICT') onStale();
  }

  return { isSaving, send };
}
