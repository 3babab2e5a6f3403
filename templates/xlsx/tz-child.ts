/**
 * Child process of statistics-workbook.test.ts: builds the fixture's workbook in the zone this process runs in
 * (the test starts it with TZ set), writes it to OUT, reads it back and prints the dates it finds, as ISO strings.
 * Usage: tsx tz-child.ts OUT
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { workbookView } from './fixture';
import { statisticsWorkbookFile } from './statistics-workbook';

async function main(): Promise<void> {
  const [out] = process.argv.slice(2);
  const file = await statisticsWorkbookFile(workbookView());
  fs.writeFileSync(out, file.bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
  const dates: string[] = [];
  for (const name of ['督办清单', '明细台账']) {
    wb.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => {
      if (cell.value instanceof Date) dates.push(`${name}!${cell.address}=${cell.value.toISOString()}`);
    }));
  }
  process.stdout.write(JSON.stringify({ zone: Intl.DateTimeFormat().resolvedOptions().timeZone, offsetMinutes: new Date(2026, 10, 1).getTimezoneOffset(), dates }));
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
