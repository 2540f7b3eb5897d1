/**
 * The errors services throw for expected failures. The API (and the pages)
 * turn them into 4xx responses; anything else is a bug and becomes a 500.
 */
import type { z } from "zod";

/** Field name → messages, e.g. `{ email: ["Invalid email address"] }`. */
export type FieldErrors = Record<string, string[]>;

/** The input was malformed; `fieldErrors` says which fields and why. */
export class ValidationError extends Error {
  constructor(message: string, readonly fieldErrors: FieldErrors = {}) {
    super(message);
    this.name = "ValidationError";
  }

  /**
   * Builds a ValidationError from a zod error. Nested paths are joined with
   * dots (`hourlyRate.amountMinor`); problems with the value as a whole are
   * listed under `_root`.
   */
  static fromZod(
    error: z.ZodError,
    message = "The input is invalid.",
  ): ValidationError {
    const fieldErrors: FieldErrors = {};
    for (const issue of error.issues) {
      const field = issue.path.map(String).join(".") || "_root";
      (fieldErrors[field] ??= []).push(issue.message);
    }
    return new ValidationError(message, fieldErrors);
  }
}

/** The record asked for does not exist (or is not visible to the caller). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

/** The write would break a uniqueness rule or lost a race; nothing was written. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/**
 * Parses `input` with `schema`, throwing a ValidationError (never a raw
 * ZodError) so every caller reports bad input the same way.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  message?: string,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error, message);
  return result.data;
}
