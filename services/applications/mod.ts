/**
 * The applications feature's public entry: everything outside
 * services/applications/ imports from here.
 */
export {
  type Application,
  APPLICATION_STATUSES,
  APPLICATION_STEPS,
  type ApplicationDocument,
  applicationDocumentSchema,
  type ApplicationFields,
  applicationFieldsSchema,
  type ApplicationListItem,
  type ApplicationPatch,
  applicationPatchSchema,
  applicationSchema,
  type ApplicationStatus,
  applicationStatusSchema,
  type ApplicationStep,
  type ApplicationView,
  MAX_DOCUMENTS,
  MAX_PHOTO_BYTES,
  type ProfilePatch,
  profilePatchSchema,
  REVIEW_DECISIONS,
  REVIEW_EVENT_TYPES,
  type ReviewDecision,
  type ReviewerNote,
  reviewerNoteSchema,
} from "./model.ts";
export { expertPhotoUrl } from "./store.ts";
export { getApplication, saveApplication } from "./draft.ts";
export {
  addApplicationDocument,
  getApplicationDocument,
  removeApplicationDocument,
} from "./documents.ts";
export { submitApplication } from "./submit.ts";
export {
  REAPPLY_AFTER_DAYS,
  reapplyDateText,
  reapplyFrom,
  reopenApplication,
} from "./reapply.ts";
export {
  approveApplication,
  rejectApplication,
  republishExpert,
  requestChanges,
  unpublishExpert,
} from "./review.ts";
export { listApplications, QUEUE_ORDER, type QueuePage } from "./queue.ts";
export { updateExpertProfile } from "./live_profile.ts";
export { MADE_LEARNER_NOTE, switchAccountRole } from "./role_switch.ts";
export {
  hasLegacyPhoto,
  legacyPhotoJob,
  queueLegacyPhotoReprocessing,
  reprocessLegacyPhoto,
} from "./legacy_photos.ts";
export {
  getExpertPhoto,
  setGeneratedExpertPhoto,
  uploadChosenPhoto,
  uploadExpertPhoto,
} from "./photos.ts";
export {
  type Completeness,
  type CompletenessItem,
  type CompletenessProfile,
  GOOD_BIO_LENGTH,
  GOOD_SKILL_COUNT,
  profileCompleteness,
} from "./profile_completeness.ts";
