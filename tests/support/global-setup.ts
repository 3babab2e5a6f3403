import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildCliBundle } from './cli-bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built CLI (cli.js beside its worker scripts) the CLI tests spawn; see tests/support/cli.ts. */
    cliBundle: string;
  }
}

/** Once per `vitest run`: the CLI bundle for every test that spawns the command line; removed at the end. */
export default async function setup(project: TestProject): Promise<() => void> {
  const outdir = await buildCliBundle();
  project.provide('cliBundle', path.join(outdir, 'cli.js'));
  return () => fs.rmSync(outdir, { recursive: true, force: true });
}
