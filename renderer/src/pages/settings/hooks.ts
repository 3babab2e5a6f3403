import { useCallback } from 'react';
import type { ChannelInput } from '../../api/core';
import type { FieldErrorTarget } from '../../api/form-errors';
import { useApi } from '../../api/use-api';
import { useLoad } from '../../api/use-load';
import { t } from '../../i18n/zh-CN';

/** The office settings, and one save for any part of them (settings/update takes each part optionally). */
export function useOfficeSettings() {
  const { call, message } = useApi();
  const { data: settings, setData } = useLoad('settings/get', {});

  const save = useCallback(
    async (patch: ChannelInput<'settings/update'>, form: FieldErrorTarget) => {
      const r = await call('settings/update', patch, { form });
      if (!r.ok) return false;
      setData(r.value);
      message.success(t.common.saved);
      return true;
    },
    [call, message, setData],
  );

  return { settings, save };
}
