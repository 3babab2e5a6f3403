import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore, openCoreOrRecovery, openReadOnlyCore, type Core } from '../core/core';
import { AppError, type Result } from '../core/errors';
import { safeFileName } from '../core/file-name';
import { defaultDataDir } from '../core/paths';
import type { FileResult } from '../core/types';
import { createServer, listen, LOOPBACK_HOSTS } from '../server/server';
import { findRendererDir } from '../server/static';
import { runBench } from './bench';
import { BACKUP_USAGE, BackupUsageError, runBackupCommand } from './backup';
import { DOC_USAGE, DocUsageError, runDoc } from './doc';
import { ATTACH_USAGE, runAttach } from './attach';
import { EXPORT_USAGE, ExportUsageError, runExportCommand } from './export';
import { runSeed } from './seed';
import { runStats, STATS_USAGE, StatsUsageError } from './stats';
import { RESTORE_USAGE, RestoreUsageError, runRestoreCommand } from './restore';
import { runVerify, runVerifyBackup } from './verify';

const USAGE = `用法：complaint-register [--data 目录] <命令>

命令：
  serve [--port 端口] [--host 地址]      在浏览器中使用（默认 http://127.0.0.1:4310/）
  user add --username 用户名 --password 密码 --role clerk|supervisor|auditor|admin [--name 姓名]
  seed [--cases 件数] [--seed 随机种子]    写入演示数据
  due --from YYYY-MM-DD (--working-days N | --calendar-days N)   按本单位工作日历计算期限
  bench [--cases 件数] [--json 文件]       性能测试（在临时数据库上）
  verify [--anchor 条数:哈希]             核验历史记录与案件数据，并核对最新的已核验备份的链头仍在历史链中；末行为 history ok 条数 链头哈希
  verify --backup 备份文件                核验一个备份（说明文件、SHA-256、完整性、历史链）；末行为 history ok 条数 链头哈希
  ${RESTORE_USAGE}
      从备份恢复登记册（先核验备份、显示其内容并询问 y/N，--yes 不询问；原登记册留安全副本）；须在没有程序使用该数据目录时运行
  export-calendar --year 年份 [--out 文件或文件夹]  导出一年工作日历（CSV）；默认存为当前目录下的“工作日历-年份.csv”
  ${STATS_USAGE}
      统计报表（只读）：打印各项指标及环比、同比；--json 写出完整报表；--xlsx 写出 Excel 工作簿；--pdf 写出汇总表 PDF，加 --issue 则签发（存档并记录 SHA-256，--as 指定制表人）；--public 为定期公开版（无个人信息）
  ${ATTACH_USAGE}
      给案件添加附件（图片、PDF、Word、Excel、文本、录音；按文件内容判断类型）：每个文件一行，为其 SHA-256 与保存的文件名，或未添加的原因；有文件未添加时退出码为 1
  ${DOC_USAGE}
      出具文书：不加 --issue 只写预览（不编号、不改动登记册）；加 --issue 签发（编号、存档），末行为文号或登记编号
  ${EXPORT_USAGE}
      导出登记册（Excel，全部符合条件的案件）：身份默认遮蔽；--unmasked 须有 --purpose（主管、审计人员）；记入操作记录；末行为导出行数
  ${BACKUP_USAGE}
      立即备份（经完整核验；默认写入数据目录的 backups/ 与设置的第二备份位置，--to 只写入该文件夹），末行为新备份文件的路径；list 列出备份（时间、大小、案件数、最后登记编号、链头、已核验 ✓/✗），--check 同时核对 SHA-256

--data 默认为桌面版的数据目录：${defaultDataDir()}`;

const OPTIONS = {
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  cases: { type: 'string' },
  seed: { type: 'string' },
  from: { type: 'string' },
  'working-days': { type: 'string' },
  'calendar-days': { type: 'string' },
  json: { type: 'string' },
  anchor: { type: 'string' },
  year: { type: 'string' },
  out: { type: 'string' },
  case: { type: 'string' },
  type: { type: 'string' },
  pdf: { type: 'string' },
  docx: { type: 'string' },
  issue: { type: 'boolean' },
  fill: { type: 'string', multiple: true },
  as: { type: 'string' },
  batch: { type: 'string' },
  overdue: { type: 'boolean' },
  'follow-up-due': { type: 'boolean' },
  month: { type: 'string' },
  quarter: { type: 'string' },
  to: { type: 'string' },
  xlsx: { type: 'string' },
  public: { type: 'boolean' },
  status: { type: 'string', multiple: true },
  search: { type: 'string' },
  unmasked: { type: 'boolean' },
  purpose: { type: 'string' },
  check: { type: 'boolean' },
  yes: { type: 'boolean' },
  backup: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

function int(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`缺少 --${name}`);
    return fallback;
  }
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} 须为非负整数：${value}`);
  return Number(value);
}

/** A refused call keeps its own code (CONFLICT, LOCKED, NOT_FOUND…), shown with the message. */
function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.field);
  return result.value;
}

function describeError(err: AppError): string {
  return `${err.message}（${err.field ? `字段 ${err.field}，` : ''}错误码 ${err.code}）`;
}

/** A file answer that could not be written where it was asked to go (exit 1, the message alone). */
class FileWriteError extends Error {}

const WRITE_FAILURES: Record<string, string> = {
  ENOENT: '所在文件夹不存在', EACCES: '没有写入权限', EPERM: '没有写入权限', ENOSPC: '磁盘空间不足', EROFS: '该位置只读', EISDIR: '这是一个文件夹',
};

/**
 * The command line's one place for a file answer: the bytes written to `out` (into it, under the file's
 * own name, when it is a folder, as `cp` does), or under that name in the current folder. An existing
 * file is replaced, as `cp` and `curl -o` do. Returns the path.
 */
function writeFileResult(file: FileResult, out: string | undefined): string {
  const given = path.resolve(out ?? '.');
  const target = out === undefined || fs.statSync(given, { throwIfNoEntry: false })?.isDirectory()
    ? path.join(given, safeFileName(file.name)) : given;
  try {
    fs.writeFileSync(target, file.bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new FileWriteError(`文件未能写入“${target}”：${WRITE_FAILURES[code] ?? `写入失败（${code || String(err)}）`}`);
  }
  return target;
}

async function withCore<T>(dataDir: string, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore(dataDir);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

async function serve(dataDir: string, values: Record<string, unknown>): Promise<void> {
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const port = int(values.port as string | undefined, 'port', 4310);
  const core = await openCoreOrRecovery(dataDir, { backups: 'schedule' });
  if (core.damage) {
    console.error(`警告：${core.damage.message}`);
    console.error('服务以恢复模式启动：在浏览器中打开下面的地址，按页面提示从备份恢复（或停止服务后运行 restore --from 备份文件）。');
  }
  const rendererDir = findRendererDir(__dirname);
  if (!rendererDir) console.error('提示：未找到已构建的界面（out/renderer），请先运行 npm run build；接口仍可使用。');
  if (!LOOPBACK_HOSTS.has(host)) {
    console.error(`警告：服务将在 ${host} 上对其他电脑开放。请确认所在网络可信。`);
  }
  const server = createServer({ core, rendererDir, host, port });
  const address = await listen(server, host, port);
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  console.log(`数据目录：${dataDir}`);
  console.log(`投诉登记册已启动：http://${shown}:${address.port}/`);
  const stop = () => {
    server.close();
    void core.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const dataDir = values.data ?? defaultDataDir();
  const [command, sub] = positionals;
  const print = (line: string) => console.log(line);
  if (values.help || !command) {
    print(USAGE);
    return values.help ? 0 : 1;
  }
  switch (command) {
    case 'serve':
      await serve(dataDir, values);
      return -1; // keeps running
    case 'user': {
      if (sub !== 'add') throw new UsageError('用法：user add --username 用户名 --password 密码 --role 角色');
      const user = await withCore(dataDir, async (core) =>
        unwrap(await core.callAsOperator('users/create', {
          username: values.username, password: values.password, role: values.role, displayName: values.name ?? values.username,
        })));
      print(`已创建用户 ${user.username}（${user.displayName}，${user.role}）`);
      return 0;
    }
    case 'seed':
      await withCore(dataDir, (core) => runSeed(core, { cases: int(values.cases, 'cases', 500), seed: int(values.seed, 'seed', 1) }, print));
      return 0;
    case 'due': {
      const core = await openReadOnlyCore(dataDir);
      try {
        const working = values['working-days'];
        const calendarDays = values['calendar-days'];
        if ((working === undefined) === (calendarDays === undefined)) throw new UsageError('请在 --working-days 与 --calendar-days 中二选一');
        const input = { from: values.from, ...(working !== undefined ? { workingDays: int(working, 'working-days') } : { calendarDays: int(calendarDays, 'calendar-days') }) };
        const { due } = unwrap(await core.callAsOperator('calendar/due', input));
        print(`自 ${values.from} 起（当日不计）${working !== undefined ? `${working} 个工作日` : `${calendarDays} 个自然日`}，期限为：`);
        print(due);
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'verify':
      return values.backup !== undefined ? runVerifyBackup(values.backup, print) : runVerify(dataDir, values.anchor, print);
    case 'restore':
      return runRestoreCommand(dataDir, { from: values.from, yes: values.yes }, { print, warn: (line) => console.error(line) });
    case 'export-calendar': {
      const core = await openReadOnlyCore(dataDir);
      try {
        const file = unwrap(await core.callAsOperator('calendar/exportYear', { year: int(values.year, 'year') }));
        print(`已导出：${writeFileResult(file, values.out)}`);
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'stats':
      return runStats(dataDir, values, print);
    case 'attach':
      return runAttach(dataDir, { case: values.case, as: values.as }, positionals.slice(1), { print, warn: (line) => console.error(line) });
    case 'doc':
      return runDoc(dataDir, values, { print, warn: (line) => console.error(line), writeFile: writeFileResult });
    case 'export':
      return runExportCommand(dataDir, values, { print, warn: (line) => console.error(line), writeFile: writeFileResult });
    case 'backup':
      return runBackupCommand(dataDir, sub, { to: values.to, check: values.check }, { print, warn: (line) => console.error(line) });
    case 'bench':
      await runBench({ cases: int(values.cases, 'cases', 100_000), json: values.json, seed: int(values.seed, 'seed', 1) }, print);
      return 0;
    default:
      throw new UsageError(`未知命令：${command}\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof AppError
      ? describeError(err)
      : err instanceof UsageError || err instanceof DocUsageError || err instanceof StatsUsageError || err instanceof ExportUsageError || err instanceof BackupUsageError || err instanceof RestoreUsageError || err instanceof FileWriteError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
        ? (err as Error).message
        : String((err as Error)?.stack ?? err);
    console.error(`错误：${message}`);
    process.exitCode = err instanceof UsageError || err instanceof DocUsageError || err instanceof StatsUsageError || err instanceof ExportUsageError || err instanceof BackupUsageError || err instanceof RestoreUsageError ? 2 : 1;
  },
);
