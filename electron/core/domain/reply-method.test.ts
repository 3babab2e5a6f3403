import { describe, expect, it } from 'vitest';
import { defaultReplyMethod } from './reply-method';
import { DEFAULT_CHANNELS, WRITTEN_CHANNELS, WRITTEN_REPLY_METHODS } from './vocab';

describe('the reply method a channel suggests', () => {
  it.each([
    ['来访', 'in_person'],
    ['电话', 'phone'],
    ['热线转办', 'phone'],
    ['微信', 'phone'],
    ['信函', 'letter'],
    ['电子邮件', 'email'],
    ['网站留言', 'letter'],
    ['意见箱', 'letter'],
    ['上级转办', 'letter'],
    ['其他', 'phone'],
    ['社区网格员转来', 'phone'], // an office's own channel the table does not know
  ] as const)('%s -> %s', (channel, method) => expect(defaultReplyMethod(channel)).toBe(method));

  it('never suggests what the reply service refuses: a written channel gets a written method', () => {
    for (const channel of WRITTEN_CHANNELS) expect(WRITTEN_REPLY_METHODS.has(defaultReplyMethod(channel)), channel).toBe(true);
  });

  it('covers every default channel', () => {
    for (const channel of DEFAULT_CHANNELS) expect(defaultReplyMethod(channel)).toMatch(/^(letter|phone|in_person|email|sms)$/);
  });
});
