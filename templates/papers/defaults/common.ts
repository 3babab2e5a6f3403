// Pieces several default templates share (the office edits each type's text on its own; these only keep the
// defaults consistent).

/** To the complainant: the name (the model writes 某某等N人 for a group), or 投诉人 when anonymous. */
export const COMPLAINANT_RECIPIENT = '{#匿名}投诉人{/匿名}{^匿名}{诉求人姓名}{/匿名}';

/** The office's contact note under the date; printed only as far as the office has set it. */
export const OFFICE_CONTACT =
  '{#单位联系人}（联系人：{单位联系人}{#单位电话}，联系电话：{单位电话}{/单位电话}）{/单位联系人}' +
  '{^单位联系人}{#单位电话}（联系电话：{单位电话}）{/单位电话}{/单位联系人}';

/** A form value that may be unknown: printed, or the given word. */
export const orElse = (name: string, otherwise: string) => `{#${name}}{${name}}{/${name}}{^${name}}${otherwise}{/${name}}`;

/** A form value left blank for handwriting when unknown (never a gap on a form printed to be filled in). */
export const orBlank = (name: string) => `{#${name}}{${name}}{/${name}}`;
