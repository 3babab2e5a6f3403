import { describe, expect, it } from 'vitest';
import { hasBatch } from './papers-batch';

/** The batch button shows on a work list for whoever has that list and may issue its papers (core: PAPER_ISSUERS). */
describe('the batch print button of a work list', () => {
  it('is the clerk\'s on 待回访 (回访记录单) and the supervisor\'s on 已超期 (督办通知), nobody else\'s', () => {
    expect(hasBatch('awaitingFollowUp', 'clerk')).toBe(true);
    expect(hasBatch('overdue', 'supervisor')).toBe(true);
    expect(hasBatch('overdue', 'clerk')).toBe(false);
    expect(hasBatch('awaitingFollowUp', 'auditor')).toBe(false);
    expect(hasBatch('overdue', 'auditor')).toBe(false);
    expect(hasBatch('awaitingReply', 'clerk')).toBe(false);
  });
});
