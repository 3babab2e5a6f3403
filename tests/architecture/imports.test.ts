import { describe, expect, it } from 'vitest';
import { buildGraph, findCycles, type ImportEdge } from './module-graph';

/**
 * The arrows of ../shared/style.md "The house", checked on the real import graph: renderer -> contract
 * types; adapters -> core; core -> db, templates; db and templates -> nothing of ours; no circles.
 */
const { files, edges, unresolved } = buildGraph(['electron', 'db', 'templates', 'renderer/src']);

const ADAPTERS = ['main', 'preload', 'server', 'cli'] as const;
/**
 * The two arrows between adapters that are the design, not a leak: the CLI's `serve` command is how the
 * HTTP adapter is started (it builds the core and hands it to the server), and main and its preload are
 * the two ends of one IPC pipe, agreeing on its name through a dependency-free module of the preload.
 */
const ADAPTER_ARROWS = new Set([
  'electron/cli/index.ts -> electron/server/server.ts',
  'electron/cli/index.ts -> electron/server/static.ts',
  'electron/main/ipc.ts -> electron/preload/bridge.ts',
  'electron/main/security.ts -> electron/preload/bridge.ts',
]);
const adapterOf = (path: string) => ADAPTERS.find((a) => path.startsWith(`electron/${a}/`));
const isUnder = (path: string, folder: string) => path.startsWith(`${folder}/`);

/** The core modules the renderer may use: the contract and what it is made of, and the pure rules. */
const RENDERER_MAY_USE = [
  /^electron\/core\/contract\.ts$/,
  /^electron\/core\/types\.ts$/,
  /^electron\/core\/errors\.ts$/,
  /^electron\/core\/validation\.ts$/,
  /^electron\/core\/domain\/[^/]+\.ts$/,
  // the paper catalogue and the composed paper's type: pure type/const modules (SPEC of issue 8), nothing else of templates/
  /^templates\/papers\/(catalogue|paper-document)\.ts$/,
  // the statistics figures' table and arithmetic (one definition for the page, the workbook and the summary)
  /^templates\/statistics\/figures\.ts$/,
];
/** Packages that mean a UI or Electron: the core stays runnable from a plain Node process. */
const NOT_IN_CORE = /^(electron|react|react-dom|react-router-dom|antd|@ant-design\/.*|scheduler)$/;

const show = (e: ImportEdge) => `${e.from} -> ${e.to}${e.isTypeOnly ? ' (type-only)' : ''}`;
function wrongArrows(isWrong: (e: ImportEdge) => boolean): string[] {
  return edges.filter(isWrong).map(show);
}

describe('the import graph', () => {
  it('is built from every source file, and every import of ours resolves', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('electron/core/contract.ts');
    expect(files).toContain('renderer/src/main.tsx');
    expect(edges.some((e) => e.from === 'renderer/src/main.tsx' && e.to === 'react-dom')).toBe(true);
    expect(unresolved).toEqual([]);
  });

  it('has no import circles', () => {
    const cycles = findCycles(files, edges).map((c) => c.join('\n  -> '));
    expect(cycles, `import circles:\n${cycles.join('\n\n')}`).toEqual([]);
  });

  it('keeps the core free of the adapters, the demo, Electron, React and the DOM', () => {
    const wrong = wrongArrows((e) => isUnder(e.from, 'electron/core') && (e.isPackage
      ? NOT_IN_CORE.test(e.to)
      : /^electron\/(main|preload|server|cli|demo)\//.test(e.to) || isUnder(e.to, 'renderer')));
    expect(wrong).toEqual([]);
  });

  it('lets db/ import nothing of ours outside itself', () => {
    expect(wrongArrows((e) => !e.isPackage && isUnder(e.from, 'db') && !isUnder(e.to, 'db'))).toEqual([]);
  });

  it('lets templates/ import nothing of ours outside itself but the types of its view models', () => {
    // A document is a pure function of a view model; the view model's type may come from the core's
    // contract types (the same modules the renderer may see), as a type-only import that leaves no code.
    const wrong = wrongArrows((e) => !e.isPackage && isUnder(e.from, 'templates') && !isUnder(e.to, 'templates')
      && !(e.isTypeOnly && RENDERER_MAY_USE.some((allowed) => allowed.test(e.to))));
    expect(wrong).toEqual([]);
  });

  it('lets the renderer reach the core only through the contract and the pure modules, types included', () => {
    const wrong = wrongArrows((e) => isUnder(e.from, 'renderer') && !e.isPackage && !isUnder(e.to, 'renderer')
      && !RENDERER_MAY_USE.some((allowed) => allowed.test(e.to)));
    expect(wrong).toEqual([]);
    const nodeOnly = wrongArrows((e) => isUnder(e.from, 'renderer') && e.isPackage
      && (e.to.startsWith('node:') || ['better-sqlite3', 'kysely', 'electron', 'fs', 'path'].includes(e.to)));
    expect(nodeOnly).toEqual([]);
  });

  it('keeps the adapters from importing each other', () => {
    const wrong = wrongArrows((e) => {
      const from = adapterOf(e.from);
      const to = adapterOf(e.to);
      return !e.isPackage && from !== undefined && to !== undefined && from !== to && !ADAPTER_ARROWS.has(`${e.from} -> ${e.to}`);
    });
    expect(wrong).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('find a circle through a third file and print it', () => {
    const abc: ImportEdge[] = [
      { from: 'a.ts', to: 'b.ts', isPackage: false, isTypeOnly: false },
      { from: 'b.ts', to: 'c.ts', isPackage: false, isTypeOnly: true },
      { from: 'c.ts', to: 'a.ts', isPackage: false, isTypeOnly: false },
      { from: 'c.ts', to: 'd.ts', isPackage: false, isTypeOnly: false },
    ];
    expect(findCycles(['a.ts', 'b.ts', 'c.ts', 'd.ts'], abc)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(findCycles(['a.ts', 'b.ts', 'c.ts', 'd.ts'], abc.slice(0, 2))).toEqual([]);
  });

  it('see type-only imports as arrows', () => {
    expect(edges.some((e) => e.isTypeOnly && e.from.startsWith('renderer/'))).toBe(true);
  });
});
