import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The register export's figures for `bench` (issue 9 item 5), measured in a process of its own on the bench's data
 * folder (bench-export-child.ts), so the memory figure is the export's and not the seeding's:
 * - exportXlsx100kSeconds: 100,000 rows in register order, start to the finished file (registerExport/start's
 *   path: count, ids, rows a chunk at a time in a worker thread, exceljs' streaming writer). A register of fewer
 *   cases (`bench --cases 3000`) cannot give 100,000 rows: the key is then its export's time until the first chunk
 *   was written (count, ids, the worker's start) plus its time per row after that for the other rows of 100,000,
 *   said so in the output;
 * - exportPeakRssMb: that process's peak memory after the 100,000-row export (or the whole, smaller, register);
 * - exportXlsxAllSeconds: the whole register.
 * The data folder must not be open elsewhere (the child takes the writer's lock: an export is recorded).
 */
export interface ExportFigures { exportXlsx100kSeconds: number; exportPeakRssMb: number; exportXlsxAllSeconds: number }

interface Run {
  seconds: number; rows: number; mb: number; pages: number; pageP95Ms: number;
  /** until the first chunk was written (count, ids, the worker's start), its rows, and the time per row after it */
  startSeconds: number; firstRows: number; perRowSeconds: number;
}

interface ChildAnswer {
  first: Run;
  firstPeakMb: number;
  all: Run;
  allPeakMb: number;
}

export function exportInChild(dir: string): Promise<ChildAnswer> {
  const child = path.join(__dirname, `bench-export-child${path.extname(__filename)}`);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, child, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (c) => (out += c));
    p.once('error', reject);
    p.once('close', (code) => {
      if (code !== 0) return reject(new Error(`导出子进程失败（退出码 ${code}）`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildAnswer);
    });
  });
}

export async function measureExport(dir: string, print: (line: string) => void): Promise<ExportFigures> {
  print('导出登记册（Excel，独立进程）……');
  const r = await exportInChild(dir);
  const round = (n: number) => Number(n.toFixed(1));
  const scaled = r.first.rows < 100_000;
  // A small register: its start as measured, then its time per row after the first chunk for the rest of 100,000 rows.
  const exportXlsx100kSeconds = round(scaled ? r.all.startSeconds + r.all.perRowSeconds * (100_000 - r.all.firstRows) : r.first.seconds);
  print(`导出：前 ${r.first.rows} 行 ${round(r.first.seconds)} 秒（${round(r.first.mb)} MB），内存峰值 ${Math.round(r.firstPeakMb)} MB；`
    + `全部 ${r.all.rows} 行 ${round(r.all.seconds)} 秒（${round(r.all.mb)} MB），内存峰值 ${Math.round(r.allPeakMb)} MB`);
  print(`导出进行中登记册一页（50 条）：第 95 百分位 ${round(r.all.pageP95Ms)} ms（${r.all.pages} 次）`);
  if (scaled) {
    print(`登记册不足 100,000 件：exportXlsx100kSeconds 为开始写入前的 ${round(r.all.startSeconds)} 秒（计数、取编号、启动工作线程，前 ${r.all.firstRows} 行）`
      + ` + 其后每行 ${(r.all.perRowSeconds * 1000).toFixed(3)} ms × 其余行数，折算到 100,000 行`);
  }
  return { exportXlsx100kSeconds, exportPeakRssMb: Math.round(r.firstPeakMb), exportXlsxAllSeconds: round(r.all.seconds) };
}

/** `npx tsx electron/cli/bench-export.ts DIR`: the figures on an existing data folder (e.g. a copy of a million-case register). */
if (require.main === module && /bench-export\.[jt]s$/.test(process.argv[1] ?? '')) {
  measureExport(process.argv[2], (line) => console.log(line)).then((f) => console.log(JSON.stringify(f)), (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
