/**
 * The learners feature's KV key design, in one place because a finished
 * onboarding replaces the profile and removes the draft in one commit.
 *
 * KV keys
 *   ["learner_profiles", userId]          → LearnerProfile   the finished answers
 *   ["learner_onboarding_drafts", userId] → stored draft     the answers on the way
 *
 * One small record of each per learner, written only by that learner.
 */

export function learnerKey(userId: string): Deno.KvKey {
  return ["learner_profiles", userId];
}

export function draftKey(userId: string): Deno.KvKey {
  return ["learner_onboarding_drafts", userId];
}
