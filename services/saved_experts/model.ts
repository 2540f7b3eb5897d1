/**
 * What a saved expert is: an expert a person bookmarked from the profile to
 * find again, with when they saved it. The zod schemas are the one
 * statement of the shapes (the store reads with them, the API documents
 * them); the types are inferred from them.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";

/** The most experts one person keeps saved; enough for a shortlist. */
export const MAX_SAVED_EXPERTS = 100;

export const savedExpertSchema = z.object({
  expertId: idSchema,
  savedAt: z.iso.datetime().describe("When the expert was saved."),
}).meta({ id: "SavedExpert" });
export type SavedExpert = z.infer<typeof savedExpertSchema>;

/** One person's saved experts, newest first: the single stored record. */
export const savedListSchema = z.object({
  experts: z.array(savedExpertSchema).max(MAX_SAVED_EXPERTS),
});
export type SavedList = z.infer<typeof savedListSchema>;

/** The refusal when the list is full, in words the person can act on. */
export const LIST_FULL_MESSAGE =
  `You can save up to ${MAX_SAVED_EXPERTS} experts. Remove one from your saved list first.`;
