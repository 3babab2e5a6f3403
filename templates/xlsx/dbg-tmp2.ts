import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
(async () => {
  const N = Number(process.argv[2]); const mode = process.argv[3];
  const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
  const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
  let t = Date.now();
  const chunks: Buffer[] = []; const out = new PassThrough(); out.on('data', (c) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('明细台账', { pageSetup: { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' } });
  ws.columns = Array.from({ length: 21 }, () => ({ width: 10 }));
  for (let i = 0; i < N; i++) {
    const row = ws.getRow(i + 4);
    for (let c = 1; c <= 21; c++) {
      const cell = row.getCell(c);
      cell.value = c === 3 ? new Date(Date.UTC(2026, 10, 1)) : c === 1 ? i : `文字 ${c} ${i % 100}`;
      if (mode === 'styled') { cell.border = BORDER; cell.alignment = { vertical: 'top', horizontal: 'left' }; if (c === 3) cell.numFmt = 'yyyy-mm-dd'; }
    }
    row.commit();
  }
  ws.commit(); await wb.commit();
  console.log(mode, N, Date.now() - t, 'ms', Buffer.concat(chunks).length, 'bytes', 'rss', (process.resourceUsage().maxRSS / 1024).toFixed(0));
})();
