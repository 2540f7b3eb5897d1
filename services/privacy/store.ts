/**
 * The privacy feature's records.
 *
 * KV keys
 *   ["privacy_exports", userId, exportId]     → DataExport (exportId: ULID,
 *                                   so a user's exports list in time order)
 *   ["privacy_export_running", userId]        → exportId   present while one
 *                                   export is being prepared; set with a
 *                                   `versionstamp: null` check, so a user has
 *                                   at most one in progress
 *   ["privacy_deletions", userId]             → DeletionRequest
 *   ["privacy_deletions_due", eraseAtMs, userId] → userId   what the erasure
 *                                   cron looks at; written and removed in the
 *                                   same atomic as the request
 *   ["privacy_erased", userId]                → { erasedAt, pseudonym }   the
 *                                   account was erased (marks the work done)
 *   ["privacy_erased_messages", erasedAtMs, userId] → userId   an erased
 *                                   account whose messages still show to the
 *                                   other party, until the retention purge
 *   ["privacy_acceptances", userId]           → Acceptance   the policy and
 *                                   terms version the user accepted, and when
 *
 * FileStore keys (services/storage)
 *   privacy/exports/<userId>/<exportId>.zip   an export's ZIP
 */
import {
  type Acceptance,
  acceptanceSchema,
  type DataExport,
  dataExportSchema,
  type DeletionRequest,
  deletionRequestSchema,
} from "./model.ts";

export const EXPORTS = "privacy_exports";
export const EXPORT_RUNNING = "privacy_export_running";
export const DELETIONS = "privacy_deletions";
export const DELETIONS_DUE = "privacy_deletions_due";
export const ERASED = "privacy_erased";
export const ERASED_MESSAGES = "privacy_erased_messages";
export const ACCEPTANCES = "privacy_acceptances";

export const exportKey = (userId: string, exportId: string) => [
  EXPORTS,
  userId,
  exportId,
];

export const exportFileKey = (userId: string, exportId: string) =>
  `privacy/exports/${userId}/${exportId}.zip`;

export async function getExport(
  kv: Deno.Kv,
  userId: string,
  exportId: string,
): Promise<Deno.KvEntryMaybe<DataExport>> {
  const entry = await kv.get(exportKey(userId, exportId));
  if (entry.versionstamp === null) {
    return entry as Deno.KvEntryMaybe<DataExport>;
  }
  return { ...entry, value: dataExportSchema.parse(entry.value) };
}

/** A user's exports, newest first. */
export async function listExports(
  kv: Deno.Kv,
  userId: string,
  limit = 20,
): Promise<DataExport[]> {
  const records: DataExport[] = [];
  for await (
    const entry of kv.list({ prefix: [EXPORTS, userId] }, {
      reverse: true,
      limit,
    })
  ) {
    records.push(dataExportSchema.parse(entry.value));
  }
  return records;
}

export async function getDeletion(
  kv: Deno.Kv,
  userId: string,
): Promise<Deno.KvEntryMaybe<DeletionRequest>> {
  const entry = await kv.get([DELETIONS, userId]);
  if (entry.versionstamp === null) {
    return entry as Deno.KvEntryMaybe<DeletionRequest>;
  }
  return { ...entry, value: deletionRequestSchema.parse(entry.value) };
}

export const deletionDueKey = (request: DeletionRequest) => [
  DELETIONS_DUE,
  Date.parse(request.eraseAt),
  request.userId,
];

export const acceptanceKey = (userId: string): Deno.KvKey => [
  ACCEPTANCES,
  userId,
];

export async function getAcceptance(
  kv: Deno.Kv,
  userId: string,
): Promise<Acceptance | null> {
  return acceptanceFrom(await kv.get(acceptanceKey(userId)));
}

/** An acceptance entry as read (null when there is none). */
export function acceptanceFrom(
  entry: Deno.KvEntryMaybe<unknown>,
): Acceptance | null {
  return entry.versionstamp === null
    ? null
    : acceptanceSchema.parse(entry.value);
}
