import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, OfficeSettings } from '../../api/core';
import type { FieldErrorTarget } from '../../api/form-errors';
import { useApi } from '../../api/use-api';
import { t } from '../../i18n/zh-CN';

/** The office settings, and one save for any part of them (settings/update takes each part optionally). */
export function useOfficeSettings() {
  const { call, message } = useApi();
  const [settings, setSettings] = useState<OfficeSettings | null>(null);

  useEffect(() => {
    void call('settings/get', {}).then((r) => r.ok && setSettings(r.value));
  }, [call]);

  const save = useCallback(
    async (patch: ChannelInput<'settings/update'>, form: FieldErrorTarget) => {
      const r = await call('settings/update', patch, { form });
      if (!r.ok) return false;
      setSettings(r.value);
      message.success(t.common.saved);
      return true;
    },
    [call, message],
  );

  return { settings, save };
}
