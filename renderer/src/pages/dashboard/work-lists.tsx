import {
  AuditOutlined, ClockCircleOutlined, ExclamationCircleOutlined, FrownOutlined, InboxOutlined,
  MessageOutlined, PhoneOutlined, SolutionOutlined, UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { PATHS } from '../../app/paths';
import type { Dashboard } from '../../api/core';
import { filtersFromParams, paramsFromFilters } from '../register/query';

export type WorkListSection = Dashboard['groups'][number]['sections'][number];
export type WorkListKey = WorkListSection['key'];

/** How each list looks: its colour and icon. Labels are in the catalogue (t.dashboard.lists). */
export const LOOKS: Record<WorkListKey, { color: string; icon: ReactNode }> = {
  awaitingAcceptance: { color: '#d48806', icon: <InboxOutlined /> },
  awaitingAssignment: { color: '#d46b08', icon: <UserSwitchOutlined /> },
  awaitingReview: { color: '#c41d7f', icon: <AuditOutlined /> },
  unsatisfied: { color: '#cf1322', icon: <FrownOutlined /> },
  overdue: { color: '#cf1322', icon: <ExclamationCircleOutlined /> },
  dueSoon: { color: '#fa8c16', icon: <ClockCircleOutlined /> },
  myCases: { color: '#1677ff', icon: <SolutionOutlined /> },
  myOverdue: { color: '#cf1322', icon: <ExclamationCircleOutlined /> },
  myDueSoon: { color: '#fa8c16', icon: <ClockCircleOutlined /> },
  awaitingReply: { color: '#08979c', icon: <MessageOutlined /> },
  awaitingFollowUp: { color: '#1d39c4', icon: <PhoneOutlined /> },
};

/** `awaitingFollowUp` -> `card-awaiting-follow-up`: the card's test id. */
export const cardTestId = (key: string): string => `card-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The register opened on exactly the list's cases, in the list's order, in the register's own URL format. */
export function registerLink(filter: WorkListSection['filter']): string {
  const f = { ...filtersFromParams(new URLSearchParams()), ...filter, status: filter.status ?? [], dueState: filter.dueState ?? [] };
  return `${PATHS.register}?${paramsFromFilters(f).toString()}`;
}

/** A list whose cases share one status need no status tag on each line. */
export const showsStatus = (s: WorkListSection): boolean => (s.filter.status?.length ?? 0) !== 1;

