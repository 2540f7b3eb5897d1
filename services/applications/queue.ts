/**
 * The admin review queue: applications in one status, in the order they
 * reached it (pending ones: longest waiting first), read through the
 * `applications_by_status` index (see store.ts), each with a name to show.
 */
import { z } from "zod";
import { getUser } from "@/services/auth/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { parseInput } from "@/services/platform/errors.ts";
import {
  cursorSchema,
  PAGE_LIMIT_DEFAULT,
  pageLimitSchema,
} from "@/services/platform/model.ts";
import {
  type ApplicationListItem,
  type ApplicationStatus,
  applicationStatusSchema,
} from "./model.ts";
import { readApplication, statusKey, toView } from "./store.ts";

/**
 * How each list is ordered, in words for its heading: every list runs from
 * the application that reached its status earliest.
 */
export const QUEUE_ORDER: Readonly<Record<ApplicationStatus, string>> = {
  draft: "started longest ago first",
  pending: "longest waiting first",
  changes_requested: "asked for changes longest ago first",
  approved: "approved longest ago first",
  rejected: "rejected longest ago first",
};

/** One page of a queue. */
export interface QueuePage {
  applications: ApplicationListItem[];
  /**
   * The name to show for each application's user id: the account's; for an
   * expert without an account (the seeded demo experts), their public
   * profile's; only failing both, the id.
   */
  names: Record<string, string>;
  /** Continues the list; null at the end. */
  nextCursor: string | null;
}

/** A queue page holds at most this many applications. */
const QUEUE_PAGE_MAX = 50;

const listSchema = z.strictObject({
  status: applicationStatusSchema.default("pending"),
  // The cursor is the status entry id (a ULID) of the last row shown.
  cursor: cursorSchema.regex(/^[0-9A-Z]{26}$/, "Invalid cursor.").optional(),
  limit: pageLimitSchema.max(QUEUE_PAGE_MAX).default(PAGE_LIMIT_DEFAULT),
});

/**
 * Applications in one status (default `pending`), earliest to reach it
 * first ({@linkcode QUEUE_ORDER}), for the admin queue. `nextCursor`
 * continues the list; null at the end.
 */
export async function listApplications(
  kv: Deno.Kv,
  filters: { status?: ApplicationStatus; cursor?: string; limit?: number } = {},
): Promise<QueuePage> {
  const { status, cursor, limit } = parseInput(
    listSchema,
    filters,
    "The filters are invalid.",
  );
  const userIds: string[] = [];
  let lastEntryId: string | null = null;
  let more = false;
  const selector: Deno.KvListSelector = cursor
    ? {
      start: [...statusKey(status, cursor), ""],
      end: ["applications_by_status", status, "\u{10ffff}"],
    }
    : { prefix: ["applications_by_status", status] };
  for await (const entry of kv.list<string>(selector, { limit: limit + 1 })) {
    if (userIds.length === limit) {
      more = true;
      break;
    }
    userIds.push(entry.value);
    lastEntryId = entry.key[2] as string;
  }
  const applications: ApplicationListItem[] = [];
  const names: Record<string, string> = {};
  for (const userId of userIds) {
    const application = await readApplication(kv, userId);
    if (application === null || application.status !== status) continue;
    const user = await getUser(kv, userId);
    names[userId] = user?.name ?? (await getExpert(kv, userId))?.name ??
      userId;
    applications.push({
      ...(await toView(kv, application)),
      applicant: user ? { name: user.name, email: user.email } : null,
    });
  }
  return { applications, names, nextCursor: more ? lastEntryId : null };
}
