/**
 * The privacy feature's public entry: data exports, account deletion and
 * erasure, and acceptance of the privacy policy and terms.
 */
export {
  type Acceptance,
  acceptanceSchema,
  acceptTermsSchema,
  type DataExport,
  type DataExportView,
  dataExportViewSchema,
  DELETION_GRACE_DAYS,
  type DeletionBlocker,
  deletionBlockerSchema,
  type DeletionRequest,
  type DeletionStatus,
  deletionStatusSchema,
  EXPORT_LINK_MS,
  EXPORTS_PER_DAY,
  POLICY_VERSION,
} from "./model.ts";
export {
  buildZip,
  dataExportJob,
  ExportExpiredError,
  exportPath,
  ExportRefusedError,
  listOwnExports,
  openExport,
  requestExport,
} from "./export.ts";
export { type ExportPart, gatherHoldings } from "./holdings.ts";
export {
  cancelDeletion,
  currentDeletion,
  DeletionBlockedError,
  deletionBlockers,
  deletionStatus,
  requestDeletion,
} from "./deletion.ts";
export {
  accountErasureCron,
  accountErasureJob,
  eraseAccount,
  type ErasureStep,
  erasureSteps,
  queueDueErasures,
  registerErasureStep,
} from "./erasure.ts";
export { purgeDeletedAccountMessages } from "./message_purge.ts";
export {
  acceptPolicy,
  needsPolicyAcceptance,
  policyAcceptance,
  policyAcceptanceRead,
} from "./terms.ts";
