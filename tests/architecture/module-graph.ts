import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of our own source, built with TypeScript's own module resolution (the same options the
 * projects compile with), so a path the compiler resolves differently from a regex cannot hide an arrow.
 */
export interface ImportEdge {
  /** repo-relative path with forward slashes, e.g. 'electron/core/core.ts' */
  from: string;
  /** repo-relative path of our file, or the package name for a dependency ('react', 'node:fs') */
  to: string;
  isPackage: boolean;
  /** `import type …` / `export type …` (erased at runtime, still an arrow in the design) */
  isTypeOnly: boolean;
}

export const ROOT = resolve(__dirname, '../..');
const SOURCE = /\.(ts|tsx|mts)$/;
const TEST = /\.(test|e2e)\.(ts|tsx)$/;

function toRepoPath(file: string): string {
  return relative(ROOT, file).split(sep).join('/');
}

/** Every source file under the folders, tests left out: nothing imports a test, so it closes no circle. */
export function sourceFiles(folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a folder that does not exist yet holds no arrows
    }
    for (const e of entries) {
      if (e.name === 'node_modules') continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts') && !TEST.test(e.name)) out.push(full);
    }
  };
  for (const f of folders) walk(join(ROOT, f));
  return out.sort();
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(ROOT, 'tsconfig.base.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, configPath).options;
}

interface Specifier {
  text: string;
  isTypeOnly: boolean;
}

function specifiers(file: string): Specifier[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Specifier[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allNamedTypeOnly =
        !!clause && !clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly);
      found.push({ text: node.moduleSpecifier.text, isTypeOnly: !!clause?.isTypeOnly || allNamedTypeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const allNamedTypeOnly =
        !!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 &&
        node.exportClause.elements.every((e) => e.isTypeOnly);
      found.push({ text: node.moduleSpecifier.text, isTypeOnly: node.isTypeOnly || allNamedTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push({ text: node.moduleReference.expression.text, isTypeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      found.push({ text: node.arguments[0].text, isTypeOnly: false }); // import('…') and require('…')
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ text: node.argument.literal.text, isTypeOnly: true }); // type X = import('…').Y
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function packageName(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function buildGraph(folders: readonly string[]): { files: string[]; edges: ImportEdge[]; unresolved: string[] } {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const files = sourceFiles(folders);
  const edges: ImportEdge[] = [];
  const unresolved: string[] = [];
  for (const file of files) {
    const from = toRepoPath(file);
    for (const spec of specifiers(file)) {
      if (spec.text.endsWith('.css')) continue; // styles are the bundler's, not a module of ours
      const isRelative = spec.text.startsWith('.') || spec.text.startsWith('/');
      const resolved = ts.resolveModuleName(spec.text, file, options, host).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.includes('/node_modules/')) {
        edges.push({ from, to: toRepoPath(resolved.resolvedFileName), isPackage: false, isTypeOnly: spec.isTypeOnly });
      } else if (isRelative) {
        unresolved.push(`${from} -> ${spec.text}`);
      } else {
        edges.push({ from, to: packageName(spec.text), isPackage: true, isTypeOnly: spec.isTypeOnly });
      }
    }
  }
  return { files: files.map(toRepoPath), edges, unresolved };
}

/** Each import circle once, as the path around it (first file repeated at the end). Tarjan's SCCs. */
export function findCycles(files: readonly string[], edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const f of files) next.set(f, []);
  for (const e of edges) if (!e.isPackage && next.has(e.to)) next.get(e.from)!.push(e.to);

  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) components.push(component);
    }
  };
  for (const f of files) if (!indexOf.has(f)) connect(f);

  // One readable loop per circle: the shortest path from the component's first file back to itself.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0];
    const previous = new Map<string, string>();
    const queue = [start];
    const seen = new Set([start]);
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of next.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          const path = [start];
          for (let u: string | undefined = v; u !== undefined && u !== start; u = previous.get(u)) path.splice(1, 0, u);
          return [...path, start];
        }
        if (!seen.has(w)) {
          seen.add(w);
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    return [start, start];
  });
}
