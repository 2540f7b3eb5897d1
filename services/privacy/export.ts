/**
 * Self-serve data export: the user asks, a background job gathers what the
 * platform holds about them (holdings.ts) into a ZIP of JSON documents plus
 * their uploaded files, stores it through the file store and emails a link
 * that works for 24 hours, only for them, signed in.
 *
 * The link carries a random secret whose SHA-256 is on the record, so the
 * address alone (forwarded, in a log) is useless without the owner's
 * session, and the session alone without the emailed address.
 */
import { strToU8, zipSync } from "fflate";
import { z } from "zod";
import { getUser } from "@/services/auth/mod.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { randomToken, sha256Hex } from "@/services/platform/crypto.ts";
import { getEmailProvider } from "@/services/platform/email/mod.ts";
import { ConflictError, NotFoundError } from "@/services/platform/errors.ts";
import { defineJob, enqueue } from "@/services/platform/jobs.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { idSchema } from "@/services/platform/model.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { type ExportPart, gatherHoldings } from "./holdings.ts";
import {
  type DataExport,
  type DataExportView,
  EXPORT_LINK_MS,
  EXPORTS_PER_DAY,
  toExportView,
} from "./model.ts";
import {
  EXPORT_RUNNING,
  exportFileKey,
  exportKey,
  getExport,
  listExports,
} from "./store.ts";

/** Asked for another export while one is being prepared, or too often. */
export class ExportRefusedError extends ConflictError {
  constructor(message: string, readonly status: 409 | 429) {
    super(message);
    this.name = "ExportRefusedError";
  }
}

/** The link was right but its 24 hours are over (or the file is gone). */
export class ExportExpiredError extends Error {
  constructor() {
    super(
      "This download link has expired. Links work for 24 hours; ask for a new export on your privacy page.",
    );
    this.name = "ExportExpiredError";
  }
}

/** A running marker outlives a crashed job by at most this long. */
const RUNNING_MARKER_MS = 3_600_000;
const DAY_MS = 24 * 3_600_000;

/**
 * Starts an export for `userId`. ExportRefusedError (409) while another is
 * being prepared, (429) after EXPORTS_PER_DAY in a rolling day.
 */
export async function requestExport(
  kv: Deno.Kv,
  userId: string,
  meta: { ip: string; userAgent: string; baseUrl: string },
): Promise<DataExportView> {
  const recent = await listExports(kv, userId, EXPORTS_PER_DAY + 1);
  const since = now().getTime() - DAY_MS;
  const today = recent.filter((record) =>
    Date.parse(record.requestedAt) > since
  );
  if (today.length >= EXPORTS_PER_DAY) {
    const next = new Date(
      Date.parse(today[today.length - 1].requestedAt) + DAY_MS,
    );
    throw new ExportRefusedError(
      `You can ask for ${EXPORTS_PER_DAY} exports a day. Try again after ${next.toUTCString()}.`,
      429,
    );
  }
  const record: DataExport = {
    id: newId(),
    userId,
    status: "preparing",
    requestedAt: now().toISOString(),
    readyAt: null,
    expiresAt: null,
    tokenHash: null,
    fileKey: null,
    size: null,
  };
  const committed = await withLockRetry(() => {
    const op = kv.atomic()
      .check({ key: [EXPORT_RUNNING, userId], versionstamp: null })
      .set(exportKey(userId, record.id), record)
      .set([EXPORT_RUNNING, userId], record.id, {
        expireIn: RUNNING_MARKER_MS,
      });
    addSecurityEvent(op, {
      type: "data_export_requested",
      actorId: userId,
      userId,
    }, meta);
    return op.commit();
  });
  if (!committed.ok) {
    throw new ExportRefusedError(
      "Your export is already being prepared; we'll email you when it's ready.",
      409,
    );
  }
  await enqueue(kv, dataExportJob, {
    userId,
    exportId: record.id,
    baseUrl: meta.baseUrl,
  });
  return toExportView(record);
}

/** A user's exports for their privacy page, newest first. */
export async function listOwnExports(
  kv: Deno.Kv,
  userId: string,
): Promise<DataExportView[]> {
  // A run that never finished (its marker lapsed) is shown as failed, so
  // the page offers to ask again.
  const stale = now().getTime() - RUNNING_MARKER_MS;
  return (await listExports(kv, userId, 10)).map((record) =>
    toExportView(
      record.status === "preparing" && Date.parse(record.requestedAt) < stale
        ? { ...record, status: "failed" }
        : record,
    )
  );
}

const README = `Your TapTime data

account.json          your account, policy acceptance and notification choices
onboarding.json       your learning goals and answers
expert.json           your expert application, profile, offerings, availability, payout details
bookings.json         your sessions, as learner and as expert
messages/*.json       your conversations (the other person by the name you see)
reviews.json          reviews you gave and received
notifications.json    your notifications
wallet.json           your top-ups and packages
ledger.json           every movement of your money, and your balances
security_events.json  sign-ins and changes to your account
phone.json            your verified phone number
linked_sign_ins.json  Google or LinkedIn accounts you sign in with
files/                photos, credentials and attachments you uploaded
`;

/** Builds the ZIP of `parts` (files read from the store; missing ones skipped). */
export async function buildZip(
  kv: Deno.Kv,
  parts: ExportPart[],
): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {
    "README.txt": strToU8(README),
  };
  const store = getFileStore(kv);
  for (const part of parts) {
    if ("json" in part) {
      entries[part.path] = strToU8(JSON.stringify(part.json, null, 2));
      continue;
    }
    const found = await store.get(part.fileKey);
    if (!found) continue;
    entries[part.path] = new Uint8Array(
      await new Response(found.body).arrayBuffer(),
    );
  }
  return zipSync(entries, { level: 6 });
}

/** Prepares one export; idempotent (a finished record is left alone). */
export const dataExportJob = defineJob({
  name: "privacy.export",
  payload: z.object({
    userId: idSchema,
    exportId: idSchema,
    baseUrl: z.string(),
  }),
  async handler({ userId, exportId, baseUrl }, { kv }) {
    const entry = await getExport(kv, userId, exportId);
    if (!entry.value || entry.value.status !== "preparing") return;
    const zip = await buildZip(kv, await gatherHoldings(kv, userId));
    const fileKey = exportFileKey(userId, exportId);
    await getFileStore(kv).put(fileKey, zip, {
      contentType: "application/zip",
      size: zip.byteLength,
    });
    const token = randomToken();
    const readyAt = now();
    const ready: DataExport = {
      ...entry.value,
      status: "ready",
      readyAt: readyAt.toISOString(),
      expiresAt: new Date(readyAt.getTime() + EXPORT_LINK_MS).toISOString(),
      tokenHash: await sha256Hex(token),
      fileKey,
      size: zip.byteLength,
    };
    const committed = await withLockRetry(() =>
      kv.atomic()
        .check(entry)
        .set(exportKey(userId, exportId), ready)
        .delete([EXPORT_RUNNING, userId])
        .commit()
    );
    if (!committed.ok) return;
    await sendExportReady(
      kv,
      ready,
      `${baseUrl.replace(/\/$/, "")}${exportPath(exportId, token)}`,
    );
  },
});

/** The download address an export's email names. */
export function exportPath(exportId: string, token: string): string {
  return `/account/privacy/exports/${exportId}?token=${
    encodeURIComponent(token)
  }`;
}

async function sendExportReady(
  kv: Deno.Kv,
  record: DataExport,
  link: string,
): Promise<void> {
  const user = await getUser(kv, record.userId);
  if (!user) return;
  try {
    await getEmailProvider(kv).send({
      to: user.email,
      subject: "Your TapTime data export is ready",
      text: [
        `Hi ${user.name},`,
        "",
        "The export of your TapTime data you asked for is ready:",
        link,
        "",
        "The link works for 24 hours, and only when you are signed in to your account.",
        "If you didn't ask for it, change your password.",
        "",
        "— TapTime",
      ].join("\n"),
    });
  } catch (error) {
    console.error(`Could not email export ${record.id}:`, error);
  }
}

/**
 * The ZIP of export `exportId` for its owner `userId`, given the link's
 * `token`. NotFoundError when the export is not theirs or the token is
 * wrong; ExportExpiredError (410) after 24 hours (the file is then removed).
 */
export async function openExport(
  kv: Deno.Kv,
  userId: string,
  exportId: string,
  token: string,
): Promise<{ body: ReadableStream<Uint8Array>; size: number; name: string }> {
  const notFound = new NotFoundError(
    "There is no export at this address for your account. Open the link from the email while signed in as its owner.",
  );
  if (!idSchema.safeParse(exportId).success) throw notFound;
  const record = (await getExport(kv, userId, exportId)).value;
  if (!record || !record.tokenHash || !record.fileKey) throw notFound;
  if (await sha256Hex(token) !== record.tokenHash) throw notFound;
  if (Date.parse(record.expiresAt!) <= now().getTime()) {
    await getFileStore(kv).delete(record.fileKey);
    throw new ExportExpiredError();
  }
  const found = await getFileStore(kv).get(record.fileKey);
  if (!found) throw new ExportExpiredError();
  return {
    body: found.body,
    size: found.file.size,
    name: `taptime-data-${record.readyAt!.slice(0, 10)}.zip`,
  };
}
