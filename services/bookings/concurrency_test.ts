/**
 * Two processes on one KV file, 200 attempts at one slot (100 each, by 200
 * different learners, all at once): exactly one booking, exactly one charge,
 * everyone else told the time is taken, and the books balance.
 */
import { expect } from "expect";
import { fileURLToPath } from "node:url";
import { assertBooksBalance } from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { openKv } from "@/services/platform/kv.ts";
import {
  getBalance,
  listEntriesByRef,
  walletAccount,
} from "@/services/ledger/mod.ts";
import { bookSession, SlotUnavailableError } from "./mod.ts";

const WORKER = fileURLToPath(
  new URL("./testdata/book_worker.ts", import.meta.url),
);

Deno.test("200 attempts on one slot from two processes: one booking, one charge", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/race.kv`;
  const kv = await openKv(path);
  try {
    const { expertId, offering } = await bookableExpert(kv, {
      availability: { bufferBeforeMinutes: 5, bufferAfterMinutes: 5 },
    });
    const learners = [];
    for (let i = 0; i < 200; i++) learners.push(await fundedLearner(kv, 60_00));
    const start = daysAhead(new Date(), 2, 15);
    const theirs = learners.slice(100).map((learner) => learner.id);
    const worker = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        WORKER,
        path,
        offering.id,
        expertId,
        start,
        theirs.join(","),
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    while ((await kv.get(["test_worker_ready"])).value === null) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await kv.set(["test_go"], true);
    const mine = await Promise.allSettled(
      learners.slice(0, 100).map((learner) =>
        bookSession(kv, learner, {
          offeringId: offering.id,
          expertId,
          start,
        })
      ),
    );
    const output = await worker;
    const stderr = new TextDecoder().decode(output.stderr);
    expect(output.code).toBe(0);
    const report = JSON.parse(new TextDecoder().decode(output.stdout));
    expect({ other: report.other, stderr }).toEqual({ other: [], stderr: "" });
    const myBooked = mine.filter((r) => r.status === "fulfilled").length;
    const myTaken = mine.filter((r) =>
      r.status === "rejected" && r.reason instanceof SlotUnavailableError
    ).length;
    expect(myBooked + myTaken).toBe(100);
    expect(report.booked + report.taken).toBe(100);
    expect(myBooked + report.booked).toBe(1);

    const bookingIds: string[] = [];
    for await (
      const entry of kv.list<string>({
        prefix: ["bookings_by_expert", expertId],
      })
    ) {
      bookingIds.push(entry.value);
    }
    expect(bookingIds.length).toBe(1);
    const entries = await listEntriesByRef(kv, "bookingId", bookingIds[0]);
    expect(entries.map((entry) =>
      entry.kind
    )).toEqual(["booking_reserve"]);
    let charged = 0;
    for (const learner of learners) {
      if (await getBalance(kv, walletAccount(learner.id), "USD") === 0) {
        charged++;
      }
    }
    expect(charged).toBe(1);
    await assertBooksBalance(kv);
  } finally {
    kv.close();
    await Deno.remove(dir, { recursive: true });
  }
});
