/**
 * The saved-experts feature's public entry: everything outside
 * services/saved_experts/ imports from here. A person saves a published
 * expert from the profile and finds them again on their home (saved.ts);
 * one small record per person holds the list (store.ts).
 */
export {
  LIST_FULL_MESSAGE,
  MAX_SAVED_EXPERTS,
  type SavedExpert,
  savedExpertSchema,
} from "./model.ts";
export {
  isExpertSaved,
  listSavedExperts,
  type SavedExpertView,
  saveExpert,
  unsaveExpert,
} from "./saved.ts";
