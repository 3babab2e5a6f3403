/**
 * Well-formed text, without zod: validation.ts refuses what is not, and the history (and the verify
 * workers, which load as little as they can) store what SQLite will hand back.
 */

/** A UTF-16 surrogate without its partner: not a character, and SQLite would store it as three U+FFFD. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export const isWellFormedText = (value: string): boolean => !LONE_SURROGATE.test(value);

/** What SQLite will hand back for `value`: each lone surrogate becomes one U+FFFD. */
export const toWellFormedText = (value: string): string => (LONE_SURROGATE.test(value) ? value.replace(LONE_SURROGATES, '\uFFFD') : value);
