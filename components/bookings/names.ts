/**
 * The name a booking page shows for the other party: their account's name,
 * else (an expert listed without an account) their profile's.
 */
import { getUser } from "@/services/auth/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";

/** The person's name, or "a former member" when neither record exists. */
export async function personName(kv: Deno.Kv, id: string): Promise<string> {
  const user = await getUser(kv, id);
  if (user) return user.name;
  return (await getExpert(kv, id))?.name ?? "a former member";
}
