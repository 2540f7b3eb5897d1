/**
 * The storage interface every backend implements, and the small helpers the
 * backends share. Callers import these from `mod.ts`.
 */

/** What the store knows about one stored file. */
export interface StoredFile {
  key: string;
  contentType: string;
  /** Length in bytes. */
  size: number;
  /** Hex SHA-256 of the contents, computed by the store while writing. */
  sha256: string;
  /** ISO 8601 instant the file was written. */
  createdAt: string;
}

/** The body `put` accepts: a stream (e.g. `File.stream()`) or the bytes. */
export type FileBody = ReadableStream<Uint8Array> | Uint8Array;

/**
 * Where uploaded files live. Keys are chosen by the app (e.g.
 * `applications/<id>/<documentId>`), never by the uploader.
 */
export interface FileStore {
  /**
   * Stores `body` under `key`, replacing any file already there. The file is
   * visible to `get`/`head` only once it is completely written; when the body
   * fails midway nothing is stored. `meta.size`, when given, must match the
   * body's length.
   */
  put(
    key: string,
    body: FileBody,
    meta: { contentType: string; size?: number },
  ): Promise<StoredFile>;
  /** The file and a stream of its contents, or null when there is none. */
  get(
    key: string,
  ): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null>;
  /** Removes the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
  /** The file's details without its contents, or null when there is none. */
  head(key: string): Promise<StoredFile | null>;
}

// Letters, digits and `._-` in `/`-separated segments: safe as a KV key part
// and as an S3 object name, and no `..` tricks.
const KEY_PATTERN =
  /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Throws unless `key` is a well-formed storage key (a programming error). */
export function assertValidKey(key: string): void {
  if (key.length > 512 || !KEY_PATTERN.test(key)) {
    throw new TypeError(
      `Invalid storage key ${
        JSON.stringify(key)
      }: use letters, digits and ._- in /-separated segments.`,
    );
  }
}

/** Thrown when the body's length differs from the `size` the caller declared. */
export class SizeMismatchError extends Error {
  constructor(declared: number, actual: number) {
    super(`The body is ${actual} bytes but ${declared} were declared.`);
    this.name = "SizeMismatchError";
  }
}

/** The body as one stream, whichever form it came in. */
export function toStream(body: FileBody): ReadableStream<Uint8Array> {
  if (body instanceof Uint8Array) {
    return new ReadableStream({
      start(controller) {
        if (body.byteLength > 0) controller.enqueue(body);
        controller.close();
      },
    });
  }
  return body;
}

/** Hex encoding of a digest. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(
    bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
    (byte) => byte.toString(16).padStart(2, "0"),
  ).join("");
}
