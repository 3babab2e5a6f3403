import { WRITTEN_CHANNELS, type ReplyMethod } from './vocab';

/**
 * The reply method a case's channel suggests (domain: "a written complaint gets a written reply"): a
 * walk-in is answered in person, a call by phone, an e-mail by e-mail, anything else that arrived in
 * writing by letter. Channels are office-editable lookups, so one the table does not know (a new local
 * channel) falls back to phone, the method an office can always use. A default only: the clerk may pick
 * another method, and the reply service still refuses a spoken reply to a written complaint.
 */
const BY_CHANNEL: Readonly<Record<string, ReplyMethod>> = {
  来访: 'in_person',
  电话: 'phone',
  热线转办: 'phone',
  微信: 'phone',
  电子邮件: 'email',
};

export function defaultReplyMethod(channel: string): ReplyMethod {
  return BY_CHANNEL[channel] ?? (WRITTEN_CHANNELS.has(channel) ? 'letter' : 'phone');
}
