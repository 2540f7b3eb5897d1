/**
 * A second process for the bookings' concurrency test: opens the KV file
 * named on the command line and tries to book one start for each of the
 * learners listed, all at once, starting when the test says go; prints
 * how many got the booking, found the time taken, or failed otherwise.
 *
 *   deno run -A book_worker.ts <kvPath> <offeringId> <expertId> <start> <learnerId,…>
 */
import { openKv } from "@/services/platform/kv.ts";
import { bookSession, SlotUnavailableError } from "@/services/bookings/mod.ts";

const [path, offeringId, expertId, start, learners] = Deno.args;
const kv = await openKv(path);
await kv.set(["test_worker_ready"], true);
while ((await kv.get(["test_go"])).value === null) {
  await new Promise((resolve) => setTimeout(resolve, 2));
}
let booked = 0;
let taken = 0;
const other: string[] = [];
await Promise.all(
  learners.split(",").map(async (id) => {
    try {
      await bookSession(kv, { id, timeZone: "UTC" }, {
        offeringId,
        expertId,
        start,
      });
      booked++;
    } catch (error) {
      if (error instanceof SlotUnavailableError) taken++;
      else other.push(String(error));
    }
  }),
);
kv.close();
console.log(JSON.stringify({ booked, taken, other }));
