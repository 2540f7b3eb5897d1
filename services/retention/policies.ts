/**
 * THE retention policies: what is deleted after how long. Each names the
 * setting holding its period in days (services/settings) and a purge that
 * deletes everything older than a cutoff and says how many it deleted.
 * Adding a policy is one line here; the daily job, the run records and the
 * admin report pick it up.
 */
import { purgeAnalyticsBefore } from "@/services/analytics/mod.ts";
import { purgeContactAndFeedbackBefore } from "@/services/content/mod.ts";
import { purgeDeletedAccountMessages } from "@/services/privacy/mod.ts";
import { purgeRecordingsBefore } from "@/services/recordings/mod.ts";
import type { Settings } from "@/services/settings/mod.ts";
import { purgeAuditEventsBefore } from "./audit.ts";

/** The settings that hold a retention period (in days). */
export type RetentionSetting = {
  [K in keyof Settings]: K extends `${string}RetentionDays` ? K : never;
}[keyof Settings];

/** One kind of data and how it is purged. */
export interface RetentionPolicy {
  /** Stable id, used in KV keys: letters, digits and hyphens. */
  name: string;
  /** What is deleted, for the admin report. */
  label: string;
  setting: RetentionSetting;
  /** Deletes what is older than `cutoff`; returns how many records went. */
  purge: (kv: Deno.Kv, cutoff: Date) => Promise<number>;
}

export const RETENTION_POLICIES: readonly RetentionPolicy[] = [
  {
    name: "audit-events",
    label: "Audit and security events",
    setting: "auditRetentionDays",
    purge: purgeAuditEventsBefore,
  },
  {
    name: "contact-feedback",
    label: "Contact-form and feedback messages",
    setting: "contactRetentionDays",
    purge: purgeContactAndFeedbackBefore,
  },
  {
    name: "analytics-events",
    label: "Raw analytics events (daily counts stay)",
    setting: "analyticsRetentionDays",
    purge: purgeAnalyticsBefore,
  },
  {
    name: "deleted-account-messages",
    label: "Messages of deleted accounts",
    setting: "deletedAccountMessageRetentionDays",
    purge: purgeDeletedAccountMessages,
  },
  {
    name: "recordings",
    label: "Session recordings",
    setting: "recordingRetentionDays",
    purge: purgeRecordingsBefore,
  },
];
