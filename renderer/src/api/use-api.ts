import { App } from 'antd';
import { useCallback, useMemo } from 'react';
import { t } from '../i18n/zh-CN';
import { invoke } from './client';
import type { AppErrorData, Channel, ChannelInput, ChannelOutput, Result } from './core';
import { applyFieldError, type FieldErrorTarget } from './form-errors';

export interface CallOptions {
  /** a form whose fields are named like the channel's input: an error with a `field` lands under it */
  form?: FieldErrorTarget;
  /** the caller shows the error itself */
  silent?: boolean;
}

/**
 * The central error display: every page calls the core through `call`, which shows a failed Result the
 * same way everywhere (antd message / notification) and puts field errors under their form field.
 */
export function useApi() {
  const { message, notification, modal } = App.useApp();

  const showError = useCallback(
    (error: AppErrorData, form?: FieldErrorTarget) => {
      switch (error.code) {
        case 'UNAUTHENTICATED':
          // The session provider returns to the login screen; one short note explains why.
          message.warning({ content: error.message || t.common.signInAgain, key: 'unauthenticated' });
          return;
        case 'INTERNAL':
          notification.error({ title: t.common.notDone, description: error.message, duration: 8 });
          return;
        case 'CONFLICT':
        case 'LOCKED':
          notification.warning({ title: t.common.notDone, description: error.message, duration: 8 });
          return;
        default:
          if (form) applyFieldError(form, error);
          message.error({ content: error.message, key: error.field ?? error.code });
      }
    },
    [message, notification],
  );

  const call = useCallback(
    async <C extends Channel>(channel: C, input: ChannelInput<C>, options: CallOptions = {}): Promise<Result<ChannelOutput<C>>> => {
      const result = await invoke(channel, input);
      if (!result.ok && !options.silent) showError(result.error, options.form);
      return result;
    },
    [showError],
  );

  return useMemo(() => ({ call, showError, message, notification, modal }), [call, showError, message, notification, modal]);
}
