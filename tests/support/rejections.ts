/**
 * What a test asserts about a promise that should fail: the error it
 * rejects with, or a ValidationError's messages per field.
 */
import {
  type FieldErrors,
  ValidationError,
} from "@/services/platform/errors.ts";

/** The error `promise` rejects with; throws when it resolves. */
export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("Expected a rejection.");
}

/**
 * The field errors of the ValidationError `promise` rejects with; any other
 * error is thrown again.
 */
export async function fieldErrorsOf(
  promise: Promise<unknown>,
): Promise<FieldErrors> {
  const error = await caught(promise);
  if (error instanceof ValidationError) return error.fieldErrors;
  throw error;
}
