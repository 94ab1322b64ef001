// The shell's errors, as the UI shows them. `ERROR_LABELS` is a Record over the generated
// `ErrorCode`, so a code added in Rust fails the type check until it has a label here.
import type { AppError } from "../bindings/AppError";
import type { ErrorCode } from "../bindings/ErrorCode";

export const ERROR_LABELS: Record<ErrorCode, string> = {
  validation: "Not accepted",
  not_found: "Not found",
  conflict: "Conflict",
  io: "File problem",
  database: "Database problem",
  font: "Font problem",
  internal: "Something went wrong",
};

const CODES = new Set<string>(Object.keys(ERROR_LABELS));

/** Whatever `invoke` rejected with, as an AppError (a plain string or Error becomes `internal`). */
export function toAppError(err: unknown): AppError {
  if (err && typeof err === "object" && "code" in err && "message" in err) {
    const e = err as { code: unknown; message: unknown; problems?: unknown; field?: unknown };
    const code = typeof e.code === "string" && CODES.has(e.code) ? (e.code as ErrorCode) : "internal";
    const out: AppError = { code, message: String(e.message) };
    if (Array.isArray(e.problems)) out.problems = e.problems as NonNullable<AppError["problems"]>;
    if (typeof e.field === "string") out.field = e.field;
    return out;
  }
  return { code: "internal", message: err instanceof Error ? err.message : String(err) };
}

export function errorTitle(err: AppError): string {
  return ERROR_LABELS[err.code];
}
