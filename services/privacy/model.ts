/**
 * The privacy feature's shapes and rules: data exports, account deletion
 * and the acceptance of the privacy policy and terms.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";

/**
 * The version of the privacy policy and terms in force. Change it (a date)
 * whenever either page changes in substance: every signed-in user is then
 * asked to accept again.
 */
export const POLICY_VERSION = "2026-11-29";

/** How long an export's download link works. */
export const EXPORT_LINK_MS = 24 * 3_600_000;
/** Exports a user may ask for in a rolling day. */
export const EXPORTS_PER_DAY = 3;
/** Days between asking for deletion and the erasure. */
export const DELETION_GRACE_DAYS = 14;
export const DELETION_GRACE_MS = DELETION_GRACE_DAYS * 24 * 3_600_000;

const at = z.iso.datetime();

export const EXPORT_STATUSES = ["preparing", "ready", "failed"] as const;

/** One export a user asked for. */
export const dataExportSchema = z.object({
  id: idSchema,
  userId: idSchema,
  status: z.enum(EXPORT_STATUSES),
  requestedAt: at,
  readyAt: at.nullable(),
  /** When the download link stops working. */
  expiresAt: at.nullable(),
  /** SHA-256 of the link's secret: the link names it, KV never holds it. */
  tokenHash: z.string().nullable(),
  /** Where the ZIP is in the file store. */
  fileKey: z.string().nullable(),
  size: z.number().int().nonnegative().nullable(),
}).meta({ id: "DataExport" });
export type DataExport = z.infer<typeof dataExportSchema>;

/** What the owner may see of an export. */
export const dataExportViewSchema = dataExportSchema.pick({
  id: true,
  status: true,
  requestedAt: true,
  readyAt: true,
  expiresAt: true,
  size: true,
}).meta({ id: "DataExportView" });
export type DataExportView = z.infer<typeof dataExportViewSchema>;

export function toExportView(record: DataExport): DataExportView {
  const { id, status, requestedAt, readyAt, expiresAt, size } = record;
  return { id, status, requestedAt, readyAt, expiresAt, size };
}

/** A deletion the owner asked for, waiting for its grace period to end. */
export const deletionRequestSchema = z.object({
  userId: idSchema,
  requestedAt: at,
  /** When the account is erased unless the owner signs in before. */
  eraseAt: at,
  /** The expert profile was published and is hidden meanwhile (shown again on cancelling). */
  hidProfile: z.boolean().optional(),
});
export type DeletionRequest = z.infer<typeof deletionRequestSchema>;

/** Something that must happen before an account can be deleted. */
export const deletionBlockerSchema = z.object({
  kind: z.enum(["booking", "balance", "package"]),
  message: z.string(),
  /** Where to go to resolve it. */
  href: z.string(),
});
export type DeletionBlocker = z.infer<typeof deletionBlockerSchema>;

export const deletionStatusSchema = z.object({
  pending: deletionRequestSchema.pick({ requestedAt: true, eraseAt: true })
    .nullable(),
  blockers: z.array(deletionBlockerSchema),
  /** Which proofs the account asks for: its password, a 2FA code. */
  reauth: z.object({ password: z.boolean(), code: z.boolean() }),
}).meta({ id: "DeletionStatus" });
export type DeletionStatus = z.infer<typeof deletionStatusSchema>;

/** The version of the policy and terms a user accepted, and when. */
export const acceptanceSchema = z.object({
  version: z.string(),
  acceptedAt: at,
}).meta({ id: "PolicyAcceptance" });
export type Acceptance = z.infer<typeof acceptanceSchema>;

/** What the sign-up form and API send to accept the policy and terms. */
export const acceptTermsSchema = z.literal(
  true,
  "Accept the terms and the privacy policy to create an account.",
);
