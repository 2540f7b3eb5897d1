/**
 * File storage: one interface, two backends chosen by the environment.
 *
 * - Deno KV chunks (the default): nothing to set up.
 * - S3-compatible object storage when `S3_ENDPOINT` is set, together with
 *   `S3_BUCKET`, `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY` and optionally
 *   `S3_REGION` (default `us-east-1`).
 *
 * Setting some S3 variables but not all is a start-up error, so a deployment
 * never silently keeps documents in KV when object storage was meant.
 */
import { z } from "zod";
import { KvFileStore } from "./kv_store.ts";
import { type S3Config, S3FileStore } from "./s3_store.ts";
import type { FileStore } from "./types.ts";

export type { FileBody, FileStore, StoredFile } from "./types.ts";
export { SizeMismatchError } from "./types.ts";
export { fileResponse } from "./download.ts";
export { KvFileStore } from "./kv_store.ts";
export { type S3Config, S3FileStore, S3StoreError } from "./s3_store.ts";
export {
  type AcceptedUpload,
  acceptUpload,
  ALLOWED_UPLOAD_TYPES,
  MAX_UPLOAD_BYTES,
  type SniffedType,
  sniffFileType,
} from "./uploads.ts";

/** Unset and empty variables both count as absent. */
const optionalText = z.preprocess(
  (value) => value === "" ? undefined : value,
  z.string().trim().min(1).optional(),
);

const S3_CREDENTIALS = [
  "S3_BUCKET",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
] as const;

export const storageEnvSchema = z.object({
  S3_ENDPOINT: z.preprocess(
    (value) => value === "" ? undefined : value,
    z.url({ protocol: /^https?$/, error: "Use an http(s) URL." }).optional(),
  ),
  S3_BUCKET: optionalText,
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_REGION: optionalText,
}).superRefine((env, context) => {
  if (env.S3_ENDPOINT) {
    for (const name of S3_CREDENTIALS) {
      if (!env[name]) {
        context.addIssue({
          code: "custom",
          path: [name],
          message: `${name} is required when S3_ENDPOINT is set.`,
        });
      }
    }
  } else {
    for (const name of [...S3_CREDENTIALS, "S3_REGION"] as const) {
      if (env[name]) {
        context.addIssue({
          code: "custom",
          path: ["S3_ENDPOINT"],
          message: `S3_ENDPOINT is required when ${name} is set.`,
        });
      }
    }
  }
});

/** Which backend the environment asks for. */
export type StorageConfig = { kind: "kv" } | ({ kind: "s3" } & S3Config);

/**
 * Reads the storage settings from `source` (the process environment by
 * default). Throws an Error listing every problem when S3 is half-configured.
 */
export function loadStorageConfig(
  source: Record<string, string | undefined> = Deno.env.toObject(),
): StorageConfig {
  const result = storageEnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      `  ${issue.path.join(".")}: ${issue.message}`
    );
    throw new Error(
      `Invalid storage configuration:\n${[...new Set(problems)].join("\n")}`,
    );
  }
  const env = result.data;
  if (!env.S3_ENDPOINT) return { kind: "kv" };
  return {
    kind: "s3",
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    region: env.S3_REGION ?? "us-east-1",
  };
}

/**
 * The FileStore the environment asks for: S3-compatible storage when
 * `S3_ENDPOINT` is set, otherwise chunks in `kv`. Call it at start-up so a
 * bad configuration stops the server before it takes requests.
 */
export function getFileStore(
  kv: Deno.Kv,
  source?: Record<string, string | undefined>,
): FileStore {
  const config = loadStorageConfig(source);
  return config.kind === "s3" ? new S3FileStore(config) : new KvFileStore(kv);
}
