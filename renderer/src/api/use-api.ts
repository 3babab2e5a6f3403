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

/** What an error belongs to: a form, or a channel called without one, or a useLoad instance. */
export type ErrorScope = object | string;

const scopeIds = new WeakMap<object, number>();
let nextScopeId = 1;
/** The message / notification keys each scope has on screen, so its next success can take them away. */
const shownKeys = new Map<string, Set<string>>();

function scopeName(scope: ErrorScope): string {
  if (typeof scope === 'string') return scope;
  let id = scopeIds.get(scope);
  if (id === undefined) {
    id = nextScopeId++;
    scopeIds.set(scope, id);
  }
  return `#${id}`;
}

/**
 * The central error display: every page calls the core through `call`, which shows a failed Result the
 * same way everywhere (antd message / notification) and puts field errors under their form field. A later
 * success of the same call (the same form, or the same channel without a form) takes its error off the
 * screen: a message that outlives the retry that fixed it reads as if the retry failed too.
 */
export function useApi() {
  const { message, notification, modal } = App.useApp();

  const clearErrors = useCallback(
    (scope: ErrorScope) => {
      const name = scopeName(scope);
      const keys = shownKeys.get(name);
      if (!keys) return;
      shownKeys.delete(name);
      for (const key of keys) {
        message.destroy(key);
        notification.destroy(key);
      }
    },
    [message, notification],
  );

  const showError = useCallback(
    (error: AppErrorData, form?: FieldErrorTarget, scope: ErrorScope | undefined = form) => {
      if (error.code === 'UNAUTHENTICATED') {
        // The session provider returns to the login screen; one short note explains why.
        message.warning({ content: error.message || t.common.signInAgain, key: 'unauthenticated' });
        return;
      }
      const name = scope === undefined ? 'global' : scopeName(scope);
      const key = `${name}:${error.field ?? error.code}`;
      let keys = shownKeys.get(name);
      if (!keys) shownKeys.set(name, (keys = new Set()));
      keys.add(key);
      switch (error.code) {
        case 'INTERNAL':
          notification.error({ key, title: t.common.notDone, description: error.message, duration: 8 });
          return;
        case 'CONFLICT':
        case 'LOCKED':
          notification.warning({ key, title: t.common.notDone, description: error.message, duration: 8 });
          return;
        default:
          if (form) applyFieldError(form, error);
          message.error({ content: error.message, key });
      }
    },
    [message, notification],
  );

  const call = useCallback(
    async <C extends Channel>(channel: C, input: ChannelInput<C>, options: CallOptions = {}): Promise<Result<ChannelOutput<C>>> => {
      const result = await invoke(channel, input);
      const scope: ErrorScope = options.form ?? channel;
      if (result.ok) clearErrors(scope);
      else if (!options.silent) showError(result.error, options.form, scope);
      return result;
    },
    [showError, clearErrors],
  );

  return useMemo(
    () => ({ call, showError, clearErrors, message, notification, modal }),
    [call, showError, clearErrors, message, notification, modal],
  );
}
