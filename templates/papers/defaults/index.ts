// The default text of every paper type (version 0 of its template; the office's edits are stored as versions
// 1, 2, … by the core).
import type { PaperTemplateText } from '../../engine/types';
import type { PaperType } from '../catalogue';
import { template as accept } from './accept';
import { template as assign } from './assign';
import { template as extend } from './extend';
import { template as followUp } from './follow-up';
import { template as process } from './process';
import { template as refuse } from './refuse';
import { template as registerForm } from './register-form';
import { template as reply } from './reply';
import { template as supervise } from './supervise';
import { template as supplement } from './supplement';

export const DEFAULT_TEMPLATES: Record<PaperType, PaperTemplateText> = {
  'register-form': registerForm,
  accept,
  refuse,
  extend,
  supplement,
  assign,
  reply,
  supervise,
  'follow-up': followUp,
  process,
};
