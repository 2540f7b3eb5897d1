/**
 * Who the people on bookings are, as everything about a booking names
 * them: their account, or for an expert listed without one, the profile
 * (named, with no address to write to). Each kind is read in one go.
 */
import { getUsers } from "@/services/auth/mod.ts";
import { getExperts } from "@/services/experts/mod.ts";

export interface BookingPerson {
  name: string;
  /** Empty when there is no account to write to. */
  email: string;
  /** They have an account: messages and emails reach them. */
  hasAccount: boolean;
  /** The zone their account reads times in; null without an account. */
  timeZone: string | null;
}

/**
 * The people of `ids`; null for one with neither an account nor a profile
 * (gone), whom each caller names in its own words.
 *
 * @example
 * const found = await bookingPeople(kv, [booking.learnerId, booking.expertId]);
 * found.get(booking.expertId)?.name ?? "a former member";
 */
export async function bookingPeople(
  kv: Deno.Kv,
  ids: Iterable<string>,
): Promise<Map<string, BookingPerson | null>> {
  const wanted = [...new Set(ids)];
  const users = await getUsers(kv, wanted);
  const profiles = await getExperts(kv, wanted.filter((id) => !users.has(id)));
  const found = new Map<string, BookingPerson | null>();
  for (const id of wanted) {
    const user = users.get(id);
    const profile = profiles.get(id);
    found.set(
      id,
      user
        ? {
          name: user.name,
          email: user.email,
          hasAccount: true,
          timeZone: user.timeZone,
        }
        : profile
        ? { name: profile.name, email: "", hasAccount: false, timeZone: null }
        : null,
    );
  }
  return found;
}
