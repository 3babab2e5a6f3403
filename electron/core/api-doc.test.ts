import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from './contract';
import { ACCESS, type Access } from './domain/permissions';
import { ACTION_RULES, CASE_ACTIONS } from './domain/workflow';
import { LIMITS } from './validation';

/**
 * docs/API.md is written by hand for people building other tools against the local HTTP API. These checks
 * keep it from silently falling behind the contract: every channel documented (index row + its own
 * heading), no channel documented that does not exist, and the access, workflow and limit tables equal
 * to the code they describe.
 */
const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/API.md'), 'utf8');
const lines = doc.split(/\r?\n/);

/** The backticked tokens of a markdown table cell. */
const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
const cells = (line: string) => line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());

/** Rows of the first table after `heading` whose first cell is one backticked token. */
function tableAfter(heading: string): Map<string, string[]> {
  const start = lines.findIndex((l) => (l.startsWith('#') && l.includes(heading)) || l.startsWith(heading));
  expect(start, `heading "${heading}" in docs/API.md`).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, string[]>();
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('|')) {
      inTable = true;
      const row = cells(line);
      const key = /^`([^`]+)`$/.exec(row[0] ?? '');
      if (key) rows.set(key[1], row);
    } else if (inTable) break;
  }
  return rows;
}

function accessTokens(access: Access): string[] {
  return typeof access === 'string' ? [access] : [...access];
}

describe('docs/API.md', () => {
  it('lists every channel in the channel index with its access rule from permissions.ts', () => {
    const index = tableAfter('Channel index');
    expect([...index.keys()].sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) {
      const row = index.get(channel)!;
      expect({ channel, access: ticks(row[2]).sort() }).toEqual({ channel, access: accessTokens(ACCESS[channel]).sort() });
    }
  });

  it('gives every channel its own section heading, and documents no channel that does not exist', () => {
    const headings = lines.map((l) => /^#{2,6} `([a-zA-Z]+\/[A-Za-z]+)`/.exec(l)?.[1]).filter((c): c is string => !!c);
    for (const channel of CHANNELS) expect(headings, `heading for ${channel}`).toContain(channel);
    expect(headings.filter((h) => !(CHANNELS as string[]).includes(h))).toEqual([]);
    expect(new Set(headings).size).toBe(headings.length);
    // Any channel-looking name in backticks must be a real channel (catches renamed channels in prose).
    const mentioned = new Set([...doc.matchAll(/`((?:setup|auth|users|settings|directory|departments|staff|lookups|calendar|cases|dashboard|history|papers|paperTemplates|paperSettings)\/[A-Za-z]+)`/g)].map((m) => m[1]));
    expect([...mentioned].filter((m) => !(CHANNELS as string[]).includes(m))).toEqual([]);
  });

  it('states each channel section\'s access exactly as permissions.ts does', () => {
    for (const channel of CHANNELS) {
      const at = lines.findIndex((l) => /^#{2,6} `/.test(l) && l.includes(`\`${channel}\``));
      const body = lines.slice(at + 1, at + 6).join(' ');
      const access = /Access: ((?:`[^`]+`\s*)+)/.exec(body);
      expect(access, `"Access:" line under ${channel}`).not.toBeNull();
      expect({ channel, access: ticks(access![1]).sort() }).toEqual({ channel, access: accessTokens(ACCESS[channel]).sort() });
    }
  });

  it('has the case status machine exactly as ACTION_RULES', () => {
    const table = tableAfter('Case status machine');
    expect([...table.keys()].sort()).toEqual([...CASE_ACTIONS].sort());
    for (const action of CASE_ACTIONS) {
      const [, label, from, roles] = table.get(action)!;
      const rule = ACTION_RULES[action];
      expect({ action, label, from: ticks(from).sort(), roles: ticks(roles).sort() }).toEqual({
        action, label: rule.label, from: [...rule.from].sort(), roles: [...rule.roles].sort(),
      });
    }
  });

  it('has the text limits of validation.ts', () => {
    const table = tableAfter('Text limits');
    expect(Object.fromEntries([...table].map(([k, row]) => [k, Number(row[1])]))).toEqual(LIMITS);
  });
});
