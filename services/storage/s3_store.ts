/**
 * Files kept in S3-compatible object storage (AWS S3, MinIO, Cloudflare R2,
 * Backblaze B2, …), spoken to over plain HTTP with SigV4-signed requests.
 *
 * Objects live at `<endpoint>/<bucket>/<key>` (path-style URLs, which every
 * S3-compatible service accepts). The SHA-256 and creation time travel as
 * `x-amz-meta-sha256` and `x-amz-meta-created-at` object metadata.
 *
 * S3's PutObject needs the length and the metadata headers before the body,
 * so put collects the body in memory first; uploads are capped at 10 MB by
 * `acceptUpload`, so that stays small. Downloads stream straight through.
 */
import { AwsClient } from "aws4fetch";
import {
  assertValidKey,
  type FileBody,
  type FileStore,
  SizeMismatchError,
  type StoredFile,
  toHex,
} from "./types.ts";

/** Where the bucket is and how to sign requests to it. */
export interface S3Config {
  /** e.g. `https://s3.eu-central-1.amazonaws.com` or `http://localhost:9000`. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** The object store refused or failed a request. */
export class S3StoreError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "S3StoreError";
  }
}

/** A FileStore on an S3-compatible bucket; used when `S3_ENDPOINT` is set. */
export class S3FileStore implements FileStore {
  readonly #client: AwsClient;
  readonly #bucketUrl: string;

  constructor(config: S3Config) {
    this.#client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      service: "s3",
      region: config.region,
      // aws4fetch retries 5xx and 429 ten times by default; a couple of tries
      // ride out a blip without stalling a request for seconds.
      retries: 2,
    });
    this.#bucketUrl = `${config.endpoint.replace(/\/+$/, "")}/${
      encodeURIComponent(config.bucket)
    }`;
  }

  async put(
    key: string,
    body: FileBody,
    meta: { contentType: string; size?: number },
  ): Promise<StoredFile> {
    const bytes = body instanceof Uint8Array
      ? body
      : new Uint8Array(await new Response(body).arrayBuffer());
    if (meta.size !== undefined && meta.size !== bytes.byteLength) {
      throw new SizeMismatchError(meta.size, bytes.byteLength);
    }
    const sha256 = toHex(
      await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
    );
    const createdAt = new Date().toISOString();
    const response = await this.#client.fetch(this.#objectUrl(key), {
      method: "PUT",
      body: bytes as Uint8Array<ArrayBuffer>,
      headers: {
        "content-type": meta.contentType,
        // The payload hash doubles as the signed body hash, so S3 also checks
        // the bytes arrived intact.
        "x-amz-content-sha256": sha256,
        "x-amz-meta-sha256": sha256,
        "x-amz-meta-created-at": createdAt,
      },
    });
    if (!response.ok) throw await toError("PUT", key, response);
    await response.body?.cancel();
    return {
      key,
      contentType: meta.contentType,
      size: bytes.byteLength,
      sha256,
      createdAt,
    };
  }

  async get(
    key: string,
  ): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null> {
    const response = await this.#client.fetch(this.#objectUrl(key));
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok || !response.body) {
      throw await toError("GET", key, response);
    }
    return {
      file: fileFromHeaders(key, response.headers),
      body: response.body,
    };
  }

  async head(key: string): Promise<StoredFile | null> {
    const response = await this.#client.fetch(this.#objectUrl(key), {
      method: "HEAD",
    });
    await response.body?.cancel();
    if (response.status === 404) return null;
    if (!response.ok) throw await toError("HEAD", key, response);
    return fileFromHeaders(key, response.headers);
  }

  async delete(key: string): Promise<void> {
    const response = await this.#client.fetch(this.#objectUrl(key), {
      method: "DELETE",
    });
    // S3 answers 204 whether or not the object existed; some clones say 404.
    if (!response.ok && response.status !== 404) {
      throw await toError("DELETE", key, response);
    }
    await response.body?.cancel();
  }

  #objectUrl(key: string): string {
    assertValidKey(key);
    return `${this.#bucketUrl}/${key}`;
  }
}

function fileFromHeaders(key: string, headers: Headers): StoredFile {
  return {
    key,
    contentType: headers.get("content-type") ?? "application/octet-stream",
    size: Number(headers.get("content-length") ?? 0),
    sha256: headers.get("x-amz-meta-sha256") ?? "",
    createdAt: headers.get("x-amz-meta-created-at") ??
      new Date(headers.get("last-modified") ?? 0).toISOString(),
  };
}

/** Turns an S3 error response (an `<Error>` XML document) into an S3StoreError. */
async function toError(
  method: string,
  key: string,
  response: Response,
): Promise<S3StoreError> {
  const text = response.body ? await response.text() : "";
  const code = text.match(/<Code>([^<]*)<\/Code>/)?.[1] ?? null;
  const detail = text.match(/<Message>([^<]*)<\/Message>/)?.[1];
  const hint = response.status === 403
    ? " Check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_REGION."
    : "";
  const summary = [code, detail].filter(Boolean).join(": ") ||
    response.statusText;
  return new S3StoreError(
    `S3 ${method} ${key} failed with ${response.status} ${summary}.${hint}`,
    response.status,
    code,
  );
}
