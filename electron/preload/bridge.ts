/**
 * What main and preload agree on. Electron-free and dependency-free on purpose: a sandboxed preload can
 * only `require('electron')`, so anything it imports must be bundled, and the contract would drag zod in.
 * The channel names still come from the contract alone: main passes `CHANNELS` to the preload through
 * `webPreferences.additionalArguments` (process.argv is one of the few things a sandboxed preload has).
 */

/** The one IPC channel the page's calls travel on; the contract channel is its first argument. */
export const INVOKE_CHANNEL = 'contract:invoke';

const CHANNELS_SWITCH = '--contract-channels=';

export function channelsArgument(channels: readonly string[]): string {
  return CHANNELS_SWITCH + channels.join(',');
}

/** The channel list main passed in; empty (so every call is refused) when the switch is missing. */
export function readChannelsArgument(argv: readonly string[]): string[] {
  const arg = argv.find((a) => a.startsWith(CHANNELS_SWITCH));
  if (arg === undefined) return [];
  return arg.slice(CHANNELS_SWITCH.length).split(',').filter((c) => c.length > 0);
}
