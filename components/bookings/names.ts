/**
 * The name a booking page shows for the other party: their account's name,
 * else (an expert listed without an account) their profile's.
 */
import { getUsers } from "@/services/auth/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";

const FORMER = "a former member";

/** The person's name, or "a former member" when neither record exists. */
export async function personName(kv: Deno.Kv, id: string): Promise<string> {
  return (await personNames(kv, [id])).get(id)!;
}

/** `personName` of each of `ids`, the accounts read together. */
export async function personNames(
  kv: Deno.Kv,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  const users = await getUsers(kv, wanted);
  const names = new Map<string, string>();
  await Promise.all(wanted.map(async (id) => {
    const user = users.get(id);
    names.set(id, user ? user.name : (await getExpert(kv, id))?.name ?? FORMER);
  }));
  return names;
}
