/**
 * The name a booking page shows for the other party (services/bookings'
 * `bookingPeople`: their account's name, else their profile's), or "a
 * former member" when neither is left.
 */
import { bookingPeople } from "@/services/bookings/mod.ts";

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
  const found = await bookingPeople(kv, ids);
  return new Map(
    [...found].map(([id, person]) => [
      id,
      person
        ? { name: person.name, hasAccount: person.hasAccount }
        : { name: FORMER, hasAccount: false },
    ]),
  );
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
