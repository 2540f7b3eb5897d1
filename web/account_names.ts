/**
 * Labels for the accounts an audit list mentions, so admins read names
 * instead of ids wherever security events are shown.
 */
import { getUser, type SecurityEvent } from "@/services/auth/mod.ts";

/** "Name (email)" for every account mentioned in the events, by id. */
export async function accountNames(
  kv: Deno.Kv,
  events: SecurityEvent[],
): Promise<Record<string, string>> {
  const ids = new Set(
    events.flatMap((event) => [event.userId, event.actorId]).filter(
      (id): id is string => Boolean(id),
    ),
  );
  const names: Record<string, string> = {};
  await Promise.all([...ids].map(async (id) => {
    const user = await getUser(kv, id);
    if (user) names[id] = `${user.name} (${user.email})`;
  }));
  return names;
}
