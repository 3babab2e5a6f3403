// The template language of official papers (SPEC8 §2): parse, check, fill. Documented for the admin in
// templates/README.md.
export { parseTemplate, normalizeLineBreaks, MAX_TEMPLATE_LENGTH, MAX_SECTION_DEPTH } from './parse';
export type { ParsedTemplate, ParseResult, TemplateNode } from './parse';
export { checkTemplate, resolveName } from './check';
export { fillTemplate, splitLines, textOf, TemplateFillError, MAX_OUTPUT_LENGTH } from './fill';
export type { FillContext, Segment, ModelValue } from './fill';
export { TEMPLATE_FIELDS, TEMPLATE_FIELD_LABELS } from './types';
export type { PaperTemplateText, TemplateIssue, PaperModel, MissingValue } from './types';
