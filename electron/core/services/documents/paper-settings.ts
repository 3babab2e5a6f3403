import { allSettings, upsertSetting } from '../../../../db/queries/settings';
import type { ParsedInput } from '../../contract';
import { DEFAULT_NUMBER_PATTERN, numberPatternProblem, PAPER_TYPES, PAPER_TYPE_INFO, sharedPaperNumber, type PaperType } from '../../domain/papers';
import { AppError } from '../../errors';
import { localDateTime } from '../../local-time';
import type { Actor } from '../../session';
import type { PaperSettings } from '../../types';
import type { Deps, Trx } from '../deps';
import { appendHistory, diff } from '../history';

/** The settings row that holds the paper settings (beside office, numbering, deadlines). */
export const PAPER_SETTINGS_KEY = 'papers';

type Stored = Partial<Omit<PaperSettings, 'patterns'>> & { patterns?: Partial<Record<PaperType, string>> };

/**
 * The abbreviation a new office starts with: the register-number prefix when it has one (TS, 某政服), else
 * the 发文机关代字 made from the office's name (某县政务服务中心 → 某政服), else the name itself. The full name
 * made every number read 「某县政务服务中心诉复〔2026〕1号」, which no office writes (GB/T 9704's 代字 is short);
 * the admin checks or changes it under 设置 → 文书设置, where the example number shows it.
 */
export function defaultAbbreviation(office: { name: string }, numbering: { prefix: string }): string {
  return numbering.prefix.trim() || suggestAbbreviation(office.name) || office.name.trim();
}

/** the part of a name that says where: 某县, 杭州市, 余杭区 (the first place only: the 代字 takes its first character) */
const PLACE = /^([\u4e00-\u9fff]{1,6}?[省市县区旗盟])(?=[\u4e00-\u9fff]{2})/;
/** what every office's name ends with and its 代字 leaves out */
const ORGAN_TAIL = /(中心|办公室|委员会|管理局|管理处|局|办|处|厅|委|所|站)$/;

/**
 * The usual 发文机关代字 of an office's name: the first character of the place and of each two-character word of
 * what the office is, without its 中心 / 局 / 办公室 (某县政务服务中心 → 某政服, 杭州市市场监督管理局 → 杭市监,
 * 某区信访局 → 某信, 某县人民政府 → 某政). '' when the name does not read that way (Latin letters, one word,
 * nothing left): the caller keeps the name.
 */
export function suggestAbbreviation(name: string): string {
  const n = name.trim().replace(/\s+/g, '');
  if (!/^[\u4e00-\u9fff]+$/.test(n)) return '';
  const place = PLACE.exec(n)?.[1] ?? '';
  let organ = n.slice(place.length);
  if (organ.endsWith('人民政府')) return `${place.slice(0, 1)}政`;
  organ = organ.replace(ORGAN_TAIL, '');
  if (organ.length < 2) return '';
  const words = organ.match(/.{1,2}/g) ?? [];
  const short = place.slice(0, 1) + words.map((w) => w[0]).join('');
  return short.length >= 2 && short.length <= 6 ? short : '';
}

export const defaultPatterns = (): Record<PaperType, string> =>
  Object.fromEntries(PAPER_TYPES.map((t) => [t, DEFAULT_NUMBER_PATTERN])) as Record<PaperType, string>;

/** Checks a font file an admin points at (null: valid, or the message). Given by the PDF layer (templates/fonts). */
export type FontFileCheck = (file: string) => { ok: true; family: string } | { ok: false; message: string };

export function createPaperSettings(deps: Deps, checkFont: FontFileCheck) {
  const { db } = deps;

  async function read(q: Trx | Deps['db']): Promise<PaperSettings> {
    const rows = await allSettings(q);
    const byKey = new Map(rows.map((r) => [r.key, r.value]));
    const stored: Stored = byKey.has(PAPER_SETTINGS_KEY) ? (JSON.parse(byKey.get(PAPER_SETTINGS_KEY)!) as Stored) : {};
    const office = { name: '', ...(byKey.has('office') ? (JSON.parse(byKey.get('office')!) as { name: string }) : {}) };
    const numbering = { prefix: '', ...(byKey.has('numbering') ? (JSON.parse(byKey.get('numbering')!) as { prefix: string }) : {}) };
    return {
      abbreviation: stored.abbreviation ?? defaultAbbreviation(office, numbering),
      contact: stored.contact ?? '',
      patterns: { ...defaultPatterns(), ...(stored.patterns ?? {}) },
      bodyFontFile: stored.bodyFontFile ?? null,
      titleFontFile: stored.titleFontFile ?? null,
    };
  }

  function checkFontFile(file: string | null | undefined, field: 'bodyFontFile' | 'titleFontFile'): void {
    if (file === null || file === undefined || file === '') return;
    const label = field === 'bodyFontFile' ? '正文字体文件' : '标题字体文件';
    const result = checkFont(file);
    if (!result.ok) throw new AppError('VALIDATION', `「${label}」${result.message.replace(/^「字体文件」/, '')}`, field);
  }

  return {
    read,
    get: () => read(db),

    async save(actor: Actor, input: ParsedInput<'paperSettings/save'>): Promise<PaperSettings> {
      // It begins every 文号 (one line under the letterhead's rule, GB/T 9704): no line break or tab in it.
      if (input.abbreviation !== undefined && /[\n\t]/.test(input.abbreviation)) throw new AppError('VALIDATION', '「单位简称」只能是一行文字（不能换行或含制表符）', 'abbreviation');
      for (const [type, pattern] of Object.entries(input.patterns ?? {}) as Array<[PaperType, string]>) {
        if (!PAPER_TYPE_INFO[type].numbered) continue;
        const problem = numberPatternProblem(type, pattern);
        if (problem) throw new AppError('VALIDATION', problem, `patterns.${type}`);
      }
      // Fonts are checked outside the transaction: reading a 15 MB file is no database work.
      const bodyFontFile = input.bodyFontFile === '' ? null : input.bodyFontFile;
      const titleFontFile = input.titleFontFile === '' ? null : input.titleFontFile;
      checkFontFile(bodyFontFile, 'bodyFontFile');
      checkFontFile(titleFontFile, 'titleFontFile');
      await db.transaction().execute(async (trx) => {
        const current = await read(trx);
        const next: PaperSettings = {
          abbreviation: input.abbreviation ?? current.abbreviation,
          contact: input.contact ?? current.contact,
          patterns: { ...current.patterns, ...Object.fromEntries(Object.entries(input.patterns ?? {}).map(([t, p]) => [t, p.trim()])) },
          bodyFontFile: bodyFontFile === undefined ? current.bodyFontFile : bodyFontFile,
          titleFontFile: titleFontFile === undefined ? current.titleFontFile : titleFontFile,
        };
        // One 文号 must never name two papers: numbers are counted per type, so the types' patterns must differ.
        const shared = sharedPaperNumber(next.patterns, next.abbreviation);
        if (shared) {
          const [a, b] = shared.types;
          const field = input.patterns && Object.hasOwn(input.patterns, b) ? b : a;
          throw new AppError('VALIDATION', `「${PAPER_TYPE_INFO[a].name}」与「${PAPER_TYPE_INFO[b].name}」的文号格式会得出相同的文号（如 ${shared.number}），请在格式中加入 {类型字} 或写明各自的类型字`, `patterns.${field}`);
        }
        const change = diff({ ...current } as Record<string, unknown>, next as unknown as Record<string, unknown>);
        if (!change) return;
        await upsertSetting(trx, PAPER_SETTINGS_KEY, JSON.stringify(next));
        await appendHistory(trx, { entity: 'settings', entityId: 0, action: `settings.${PAPER_SETTINGS_KEY}`, actor, at: localDateTime(deps.now()), ...change });
      });
      return read(db);
    },
  };
}

export type PaperSettingsService = ReturnType<typeof createPaperSettings>;
