/**
 * Retention: deleting data once its period (in the platform settings) is
 * over, by a daily job, with each run recorded for the admin report. The
 * policies are one list (policies.ts).
 */
export {
  RETENTION_POLICIES,
  type RetentionPolicy,
  type RetentionSetting,
} from "./policies.ts";
export { purgeAuditEventsBefore } from "./audit.ts";
export {
  retentionCron,
  retentionJob,
  retentionReport,
  type RetentionReportLine,
  type RetentionRun,
  runRetention,
} from "./runs.ts";
