/**
 * Errors cross every boundary as data: a stable code, an optional field path and a message a clerk can read.
 * Adapters never throw at the page; they return a Result.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'CALENDAR_MISSING'
  | 'LOCKED'
  /** the register could not be opened (damaged, moved aside): only recovery/* answers */
  | 'CORRUPT'
  | 'INTERNAL';

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  /** dotted path of the input field at fault, e.g. "complainants.0.phone" */
  field?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, field?: string): never => {
  throw new AppError(code, message, field);
};

/** Unknown errors become INTERNAL: logged for us, never shown raw to the user. */
export function toErrorData(err: unknown, log: (e: unknown) => void = console.error): AppErrorData {
  if (err instanceof AppError) return err.toData();
  log(err);
  return { code: 'INTERNAL', message: '系统内部错误，操作未完成，请重试或联系管理员' };
}
