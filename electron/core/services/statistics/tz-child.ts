/**
 * Child process of statistics.test.ts: opens a register file read-only at a fixed instant and prints the
 * statistics of a period as JSON, with the zone this process really runs in (the test starts it with TZ set).
 * Usage: tsx tz-child.ts DATA_DIR NOW_ISO USER_ID PERIOD_JSON
 */
import { openReadOnlyCore } from '../../core';

async function main(): Promise<void> {
  const [dataDir, nowIso, userId, periodJson] = process.argv.slice(2);
  const core = await openReadOnlyCore(dataDir, { now: () => new Date(nowIso), log: () => {} });
  try {
    const result = await core.call('statistics/get', { period: JSON.parse(periodJson) }, { userId: Number(userId) });
    process.stdout.write(JSON.stringify({
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      offsetMinutes: new Date(nowIso).getTimezoneOffset(),
      localDate: new Date(nowIso).toString(),
      result,
    }));
  } finally {
    await core.close();
  }
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
