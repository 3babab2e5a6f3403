import type { ParsedInput } from '../../contract';
import { AppError } from '../../errors';
import type { Actor } from '../../session';
import type { PaperTemplateInfo, PaperTemplateVersion } from '../../types';
import type { Deps } from '../deps';

const notYet = (): never => {
  throw new AppError('INVALID_TRANSITION', '文书模板功能正在接入，暂不可用');
};

export function createPaperTemplates(_deps: Deps) {
  return {
    list: async (): Promise<PaperTemplateInfo[]> => notYet(),
    versions: async (_type: string): Promise<PaperTemplateVersion[]> => notYet(),
    save: async (_actor: Actor, _input: ParsedInput<'paperTemplates/save'>): Promise<PaperTemplateInfo> => notYet(),
  };
}
