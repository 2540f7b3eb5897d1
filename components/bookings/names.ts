/**
 * The name a booking page shows for the other party: their account's name,
 * else (an expert listed without an account) their profile's.
 */
import { getUsers } from "@/services/auth/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";

const FORMER = "a former member";

/** Someone on a booking: what to call them, and whether they can be messaged. */
export interface Person {
  name: string;
  /** They have an account: messages reach them. */
  hasAccount: boolean;
}

/** The people of `ids`, their accounts read together. */
export async function people(
  kv: Deno.Kv,
  ids: Iterable<string>,
): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids)];
  const users = await getUsers(kv, wanted);
  const found = new Map<string, Person>();
  await Promise.all(wanted.map(async (id) => {
    const user = users.get(id);
    found.set(
      id,
      user ? { name: user.name, hasAccount: true } : {
        name: (await getExpert(kv, id))?.name ?? FORMER,
        hasAccount: false,
      },
    );
  }));
  return found;
}

/** `personName` of each of `ids`, the accounts read together. */
export async function personNames(
  kv: Deno.Kv,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const found = await people(kv, ids);
  return new Map([...found].map(([id, person]) => [id, person.name]));
}

/** The person's name, or "a former member" when neither record exists. */
export async function personName(kv: Deno.Kv, id: string): Promise<string> {
  return (await people(kv, [id])).get(id)!.name;
}
