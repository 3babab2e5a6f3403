/**
 * Channels the core answers itself (core.ts), not through handlers.ts: they swap the register under the
 * services, or work without one. Its own module so that handlers.ts can leave them out without importing core.ts.
 */
export type CoreChannel = 'backup/restore' | 'recovery/status' | 'recovery/restore';
export const CORE_CHANNELS: ReadonlySet<string> = new Set<string>(['backup/restore', 'recovery/status', 'recovery/restore'] satisfies CoreChannel[]);
