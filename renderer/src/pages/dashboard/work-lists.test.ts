import { describe, expect, it } from 'vitest';
import { filtersFromParams, listInput } from '../register/query';
import { cardTestId, registerLink, type WorkListSection } from './work-lists';

/** A card's 查看全部 must open the register on exactly the list's filter, in the register's own URL format. */
describe('a work list opens the register', () => {
  const FILTERS: Array<WorkListSection['filter']> = [
    { status: ['registered'], sortBy: 'receivedAt', sortOrder: 'asc' },
    { dueState: ['overdue'], sortBy: 'dueDate', sortOrder: 'asc' },
    { status: ['assigned'], handlerStaffId: 7, sortBy: 'dueDate', sortOrder: 'asc' },
    { dueState: ['dueSoon'], handlerStaffId: 7, sortBy: 'dueDate', sortOrder: 'asc' },
  ];

  it('with the list\'s filter and order as the register reads them back', () => {
    for (const filter of FILTERS) {
      const [path, query] = registerLink(filter).split('?');
      expect(path).toBe('/register');
      const input = listInput(filtersFromParams(new URLSearchParams(query)));
      expect(input).toEqual({ page: 1, pageSize: 50, ...filter });
    }
  });

  it('names its card for the tests: awaitingFollowUp -> card-awaiting-follow-up', () => {
    expect([cardTestId('awaitingFollowUp'), cardTestId('overdue'), cardTestId('myDueSoon')]).toEqual(['card-awaiting-follow-up', 'card-overdue', 'card-my-due-soon']);
  });
});
