import { ExportOutlined, LinkOutlined } from '@ant-design/icons';
import { Button, Card, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { invoke } from '../../api/client';
import { contract, type ChannelInput, type RepeatCandidate } from '../../api/core';
import { PATHS } from '../../app/paths';
import type { ComplainantValues } from '../../components/registration-form/values';
import { RECEIVED_AT_FORMAT } from '../../components/registration-form/values';
import { isDesktopApp } from '../../components/shortcuts';
import { StatusTag } from '../../components/status-tag';
import { t } from '../../i18n/zh-CN';
import type { DraftStorage } from './draft-store';
import './repeat-panel.css';

type Lookup = ChannelInput<'cases/repeatCandidates'>;

/** How long typing must pause before the earlier cases are looked up. */
export const REPEAT_LOOKUP_DELAY_MS = 300;

const candidateInput = contract['cases/repeatCandidates'].input;

/**
 * A phone complete enough to look up: what cases/repeatCandidates accepts (the contract's own check), and a
 * mobile number (1…) only with all 11 digits, so the 7 or 8 typed on the way are not read as a landline.
 */
export function lookupPhone(raw: string | undefined): string | null {
  const phone = (raw ?? '').replace(/\s+/g, '');
  if (phone === '' || !candidateInput.safeParse({ phone }).success) return null;
  const digits = phone.replace(/-/g, '');
  return digits.startsWith('1') && digits.length !== 11 ? null : phone;
}

/** An ID number complete enough to look up: 18 characters with a right check digit (or the old 15 digits). */
export function lookupIdNumber(raw: string | undefined): string | null {
  const idNumber = (raw ?? '').trim().toUpperCase();
  return idNumber !== '' && candidateInput.safeParse({ idNumber }).success ? idNumber : null;
}

/** The lookups the form's complainants call for, each phone and ID number once. */
export function repeatLookups(complainants: ComplainantValues[] | undefined, receivedAt: Dayjs | null | undefined): Lookup[] {
  const before = receivedAt?.isValid() ? receivedAt.format(RECEIVED_AT_FORMAT) : undefined;
  const seen = new Set<string>();
  const out: Lookup[] = [];
  const add = (key: string, lookup: Lookup) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(before ? { ...lookup, before } : lookup);
  };
  for (const c of complainants ?? []) {
    const phone = lookupPhone(c?.phone);
    if (phone) add(`p:${phone.replace(/-/g, '')}`, { phone });
    const idNumber = lookupIdNumber(c?.idNumber);
    if (idNumber) add(`i:${idNumber}`, { idNumber });
  }
  return out;
}

/** The answers of several lookups as one list: each case once (what matched merged), newest first. */
export function mergeCandidates(lists: RepeatCandidate[][]): RepeatCandidate[] {
  const byId = new Map<number, RepeatCandidate>();
  for (const c of lists.flat()) {
    const known = byId.get(c.id);
    byId.set(c.id, known ? { ...known, matchedBy: [...new Set([...known.matchedBy, ...c.matchedBy])] } : c);
  }
  return [...byId.values()].sort((a, b) => (a.receivedAt === b.receivedAt ? b.id - a.id : a.receivedAt < b.receivedAt ? 1 : -1));
}

// ---- the choice, kept beside the draft (so opening an earlier case in the desktop app's one window keeps it)

/** The earlier case the clerk chose to link the new one to. */
export interface RepeatChoice { id: number; registerNo: string }

const choiceKey = (userId: number) => `complaint-register:new-case-repeat:v1:user-${userId}`;

export function loadRepeatChoice(storage: DraftStorage, userId: number): RepeatChoice | null {
  try {
    const v: unknown = JSON.parse(storage.getItem(choiceKey(userId)) ?? 'null');
    const c = v as RepeatChoice | null;
    return c && Number.isInteger(c.id) && c.id > 0 && typeof c.registerNo === 'string' ? { id: c.id, registerNo: c.registerNo } : null;
  } catch {
    return null;
  }
}

export function saveRepeatChoice(storage: DraftStorage, userId: number, choice: RepeatChoice | null): void {
  try {
    if (choice) storage.setItem(choiceKey(userId), JSON.stringify(choice));
    else storage.removeItem(choiceKey(userId));
  } catch {
    // storage unavailable: the choice lives as long as the page
  }
}

// ---- the lookups, debounced

interface Found { lookups: string; candidates: RepeatCandidate[]; failed: boolean }

/** The earlier cases for the form's phones and ID numbers, looked up once typing pauses; null while none is complete. */
export function useRepeatCandidates(lookups: Lookup[], delayMs = REPEAT_LOOKUP_DELAY_MS): { found: Found | null; isLoading: boolean } {
  const key = JSON.stringify(lookups);
  const [found, setFound] = useState<Found | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const latest = useRef(key);
  latest.current = key;
  useEffect(() => {
    if (lookups.length === 0) {
      setPending(null);
      setFound(null);
      return;
    }
    setPending(key);
    const timer = setTimeout(() => {
      void Promise.all(lookups.map((l) => invoke('cases/repeatCandidates', l))).then((results) => {
        if (latest.current !== key) return; // typing went on: a newer lookup answers
        const failed = results.some((r) => !r.ok);
        setFound({ lookups: key, candidates: mergeCandidates(results.flatMap((r) => (r.ok ? [r.value] : []))), failed });
        setPending(null);
      });
    }, delayMs);
    return () => clearTimeout(timer);
    // `key` stands for `lookups` (compared by value)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs]);
  return { found: found && found.lookups === key ? found : null, isLoading: pending === key };
}

// ---- the panel

interface Props {
  lookups: Lookup[];
  choice: RepeatChoice | null;
  onChoose(choice: RepeatChoice | null): void;
  /** the form shows no identity (匿名): nothing to look up */
  isAnonymous?: boolean;
  delayMs?: number;
}

const fmt = (at: string) => at.slice(0, 16);

/**
 * 重复件 beside the registration form: the earlier cases (last 12 months) of the phone or ID number typed, as
 * cases/repeatCandidates answers them (the core masks and leaves out what the clerk may not see); one may be
 * marked 作为重复件关联, and the save links the new case to it (cases/register's repeatOfId).
 */
export function RepeatPanel({ lookups, choice, onChoose, isAnonymous, delayMs }: Props) {
  const { found, isLoading } = useRepeatCandidates(isAnonymous ? [] : lookups, delayMs);
  const desktop = useMemo(() => isDesktopApp(), []);
  const candidates = found?.candidates ?? [];
  const chosenListed = choice !== null && candidates.some((c) => c.id === choice.id);
  // A choice that the current numbers no longer find (the phone was corrected) is dropped, not sent.
  const gone = isAnonymous || lookups.length === 0 || (found !== null && !chosenListed);
  useEffect(() => {
    if (choice && gone) onChoose(null);
  }, [choice, gone, onChoose]);

  const body = isAnonymous ? (
    <Typography.Text type="secondary">{t.repeats.anonymous}</Typography.Text>
  ) : lookups.length === 0 ? (
    <Typography.Text type="secondary" data-testid="repeat-hint">{t.repeats.hint}</Typography.Text>
  ) : isLoading && !found ? (
    <Typography.Text type="secondary"><Spin size="small" /> {t.repeats.looking}</Typography.Text>
  ) : found && candidates.length === 0 ? (
    <Typography.Text type="secondary" data-testid="repeat-none">{found.failed ? t.repeats.failed : t.repeats.none}</Typography.Text>
  ) : (
    <ul className="repeat-list">
      {candidates.map((c) => {
        const chosen = choice?.id === c.id;
        return (
          <li key={c.id} className={chosen ? 'repeat-item repeat-item-chosen' : 'repeat-item'} data-testid="repeat-candidate">
            <div className="repeat-item-head">
              <strong>{c.registerNo}</strong>
              <StatusTag status={c.status} />
            </div>
            <div className="repeat-item-meta">
              {fmt(c.receivedAt)} · {c.channel} · {c.caseType} · {c.complainantName || t.repeats.noName}
              {' · '}{c.matchedBy.map((m) => t.repeats.matchedBy[m]).join('、')}
            </div>
            <div className="repeat-item-subject">{c.subject}</div>
            <div className="repeat-item-actions">
              <Button
                size="small"
                type={chosen ? 'primary' : 'default'}
                icon={<LinkOutlined />}
                aria-pressed={chosen}
                onClick={() => onChoose(chosen ? null : { id: c.id, registerNo: c.registerNo })}
                data-testid="repeat-link"
              >
                {chosen ? t.repeats.linked : t.repeats.link}
              </Button>
              {desktop ? (
                <Link to={PATHS.caseDetail(c.id)} data-testid="repeat-open">{t.repeats.open}</Link>
              ) : (
                <a href={`#${PATHS.caseDetail(c.id)}`} target="_blank" rel="noopener" data-testid="repeat-open">
                  {t.repeats.openNewTab} <ExportOutlined />
                </a>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
  return (
    <Card size="small" title={t.repeats.title} className="repeat-panel" data-testid="repeat-panel"
      extra={isLoading && found ? <Spin size="small" /> : undefined}>
      {choice && (chosenListed || !found) && (
        <div className="repeat-choice" data-testid="repeat-choice">{t.repeats.willLink(choice.registerNo)}</div>
      )}
      {body}
      {candidates.length >= 20 && <Typography.Text type="secondary">{t.repeats.first20}</Typography.Text>}
    </Card>
  );
}
