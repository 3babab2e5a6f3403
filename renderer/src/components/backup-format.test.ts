import { describe, expect, it } from 'vitest';
import { formatBytes, phaseText, progressPercent, reasonLabel, shortHead } from './backup-format';

describe('backup-format', () => {
  it('writes sizes in B, KB, MB, GB (1 KB = 1024 B)', () => {
    expect([0, 1023, 1024, 1536, 10 * 1024 * 1024, 150 * 1024 * 1024, 3.25 * 1024 ** 3].map(formatBytes)).toEqual([
      '0 B', '1023 B', '1 KB', '1.5 KB', '10 MB', '150 MB', '3.3 GB',
    ]);
    expect(formatBytes(-1)).toBe('—');
  });

  it('shortens the chain head to its count and the hash’s first 12 digits', () => {
    expect(shortHead({ count: 1234, hash: '3f5a9c0d12ab44556677889900aabbccddeeff00112233445566778899aabbcc' })).toBe('1234:3f5a9c0d12ab');
  });

  it('names each reason and phase in words, with the count while a phase counts', () => {
    expect((['daily', 'interval', 'close', 'manual'] as const).map(reasonLabel)).toEqual(['每日', '定时', '关闭时', '手动']);
    expect(phaseText({ phase: 'attachments', done: 3, total: 10 })).toBe('正在复制附件（3 / 10）');
    expect(phaseText({ phase: 'copy', done: 0, total: 0 })).toBe('正在复制登记册');
    expect(phaseText({ phase: 'done', done: 10, total: 10 })).toBe('备份完成');
  });

  it('moves the bar through the phases in order and ends at 100', () => {
    const at = (phase: 'copy' | 'check' | 'attachments' | 'manifest' | 'rotate', done = 0, total = 0) => progressPercent({ phase, done, total, finished: false });
    const steps = [at('copy'), at('copy', 1, 2), at('check'), at('attachments', 5, 10), at('manifest'), at('rotate')];
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
    expect(Math.max(...steps)).toBeLessThan(100);
    expect(progressPercent({ phase: 'done', done: 0, total: 0, finished: true })).toBe(100);
  });
});
