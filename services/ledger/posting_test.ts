import { expect } from "expect";
import { fileURLToPath } from "node:url";
import { openTestKv } from "@/tests/support/kv.ts";
import { ConflictError, ValidationError } from "@/services/platform/errors.ts";
import {
  checkLedger,
  escrowAccount,
  getBalance,
  InsufficientFundsError,
  listAccountEntries,
  listEntriesByRef,
  PLATFORM_REVENUE,
  post,
  type PostingInput,
  preparePostings,
  processorAccount,
  walletAccount,
} from "./mod.ts";

const LEARNER = "01JLEARNER0000000000000000";
const wallet = walletAccount(LEARNER);
const processor = processorAccount("simulated");

function topUp(key: string, amountMinor: number): PostingInput {
  return {
    idempotencyKey: key,
    currency: "USD",
    kind: "top_up",
    lines: [
      { account: processor, amountMinor: -amountMinor },
      { account: wallet, amountMinor },
    ],
    refs: { topUpId: key },
  };
}

function reserve(
  key: string,
  bookingId: string,
  amountMinor: number,
): PostingInput {
  return {
    idempotencyKey: key,
    currency: "USD",
    kind: "booking_reserve",
    lines: [
      { account: wallet, amountMinor: -amountMinor },
      { account: escrowAccount(bookingId), amountMinor },
    ],
  };
}

async function expectBooksBalance(kv: Deno.Kv) {
  const check = await checkLedger(kv);
  expect(check.problems).toEqual([]);
  expect(check.ok).toBe(true);
}

Deno.test("a top-up and a spend move money between balances that sum to zero", async () => {
  using kv = await openTestKv();
  await post(kv, topUp("t1", 10_000));
  await post(kv, reserve("r1", "b1", 2_500));
  expect(await getBalance(kv, wallet, "USD")).toBe(7_500);
  expect(await getBalance(kv, escrowAccount("b1"), "USD")).toBe(2_500);
  expect(await getBalance(kv, processor, "USD")).toBe(-10_000);
  expect(await getBalance(kv, wallet, "EUR")).toBe(0);
  const statement = await listAccountEntries(kv, wallet);
  expect(statement.items.map((entry) => entry.kind)).toEqual([
    "booking_reserve",
    "top_up",
  ]);
  expect((await listEntriesByRef(kv, "topUpId", "t1")).length).toBe(1);
  await expectBooksBalance(kv);
});

Deno.test("a spend larger than the wallet fails cleanly and records nothing", async () => {
  using kv = await openTestKv();
  await post(kv, topUp("t1", 1_000));
  const error = await post(kv, reserve("r1", "b1", 1_500)).catch((e) => e);
  expect(error).toBeInstanceOf(InsufficientFundsError);
  expect(error.shortMinor).toBe(500);
  expect(await getBalance(kv, wallet, "USD")).toBe(1_000);
  expect((await listAccountEntries(kv, wallet)).items.length).toBe(1);
  await expectBooksBalance(kv);
});

Deno.test("the same idempotency key records one entry; a different movement under it is refused", async () => {
  using kv = await openTestKv();
  const first = await post(kv, topUp("t1", 1_000));
  const again = await post(kv, topUp("t1", 1_000));
  expect(again[0].id).toBe(first[0].id);
  expect(await getBalance(kv, wallet, "USD")).toBe(1_000);
  await expect(post(kv, topUp("t1", 2_000))).rejects.toBeInstanceOf(
    ConflictError,
  );
  await expectBooksBalance(kv);
});

Deno.test("postings that do not balance, move nothing or name no account are refused", async () => {
  using kv = await openTestKv();
  const bad: PostingInput[] = [
    {
      idempotencyKey: "a",
      currency: "USD",
      kind: "adjustment",
      lines: [{ account: wallet, amountMinor: 5 }, {
        account: processor,
        amountMinor: -4,
      }],
    },
    {
      idempotencyKey: "b",
      currency: "USD",
      kind: "adjustment",
      lines: [{ account: wallet, amountMinor: 0 }, {
        account: processor,
        amountMinor: 0,
      }],
    },
    {
      idempotencyKey: "c",
      currency: "XXX" as "USD",
      kind: "adjustment",
      lines: [{ account: wallet, amountMinor: 1 }, {
        account: processor,
        amountMinor: -1,
      }],
    },
    {
      idempotencyKey: "d",
      currency: "USD",
      kind: "adjustment",
      lines: [{ account: "bank:me", amountMinor: 1 }, {
        account: processor,
        amountMinor: -1,
      }],
    },
    {
      idempotencyKey: "e",
      currency: "USD",
      kind: "adjustment",
      lines: [{ account: wallet, amountMinor: 1.5 }, {
        account: processor,
        amountMinor: -1.5,
      }],
    },
  ];
  for (const posting of bad) {
    await expect(post(kv, posting)).rejects.toBeInstanceOf(ValidationError);
  }
  expect((await checkLedger(kv)).currencies).toEqual([]);
});

Deno.test("prepared postings commit together with the caller's own writes, or not at all", async () => {
  using kv = await openTestKv();
  await post(kv, topUp("t1", 5_000));
  const prepared = await preparePostings(kv, [
    reserve("r1", "b1", 3_000),
    {
      idempotencyKey: "fee",
      currency: "USD",
      kind: "commission",
      lines: [
        { account: escrowAccount("b1"), amountMinor: -450 },
        { account: PLATFORM_REVENUE, amountMinor: 450 },
      ],
    },
  ]);
  // Someone else claims the slot first: the caller's check fails, so the
  // money stays where it was.
  await kv.set(["slot"], "other");
  const lost = await prepared.addTo(
    kv.atomic().check({ key: ["slot"], versionstamp: null }),
  ).commit();
  expect(lost.ok).toBe(false);
  expect(await getBalance(kv, wallet, "USD")).toBe(5_000);

  const retry = await preparePostings(kv, [reserve("r2", "b2", 3_000)]);
  const won = await retry.addTo(kv.atomic().set(["slot2"], "mine")).commit();
  expect(won.ok).toBe(true);
  expect(await getBalance(kv, wallet, "USD")).toBe(2_000);
  await expectBooksBalance(kv);
});

Deno.test("two postings in one commit see each other's effect on a shared balance", async () => {
  using kv = await openTestKv();
  await post(kv, topUp("t1", 1_000));
  await expect(
    preparePostings(kv, [reserve("r1", "b1", 600), reserve("r2", "b2", 600)]),
  ).rejects.toBeInstanceOf(InsufficientFundsError);
  await post(kv, reserve("r1", "b1", 600), reserve("r2", "b2", 400));
  expect(await getBalance(kv, wallet, "USD")).toBe(0);
  await expectBooksBalance(kv);
});

Deno.test("50 parallel spends of one wallet: none overdraws, none is lost or doubled", async () => {
  using kv = await openTestKv();
  await post(kv, topUp("t1", 1_000));
  const results = await Promise.allSettled(
    Array.from(
      { length: 50 },
      (_, i) => post(kv, reserve(`r${i}`, `b${i}`, 30)),
    ),
  );
  const ok = results.filter((r) => r.status === "fulfilled").length;
  const short =
    results.filter((r) =>
      r.status === "rejected" && r.reason instanceof InsufficientFundsError
    ).length;
  expect(ok).toBe(33);
  expect(short).toBe(17);
  expect(await getBalance(kv, wallet, "USD")).toBe(10);
  expect((await listAccountEntries(kv, wallet, { limit: 100 })).items.length)
    .toBe(34);
  await expectBooksBalance(kv);
});

Deno.test("two processes spending one wallet on one KV file never overdraw it", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/ledger.kv`;
  const kv = await Deno.openKv(path);
  try {
    await post(kv, topUp("t1", 1_200));
    const worker = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        fileURLToPath(new URL("./testdata/spend_worker.ts", import.meta.url)),
        path,
        LEARNER,
        "25",
        "30",
        "other",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    while ((await kv.get(["test_worker_ready"])).value === null) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await kv.set(["test_go"], true);
    const mine = await Promise.allSettled(
      Array.from(
        { length: 25 },
        (_, i) => post(kv, reserve(`m${i}`, `m${i}`, 30)),
      ),
    );
    const output = await worker;
    expect(new TextDecoder().decode(output.stderr)).not.toMatch(/error/i);
    const theirs = JSON.parse(new TextDecoder().decode(output.stdout));
    const myOk = mine.filter((r) => r.status === "fulfilled").length;
    const myShort = mine.filter((r) =>
      r.status === "rejected" && r.reason instanceof InsufficientFundsError
    ).length;
    expect(myOk + myShort).toBe(25);
    expect(theirs.ok + theirs.short).toBe(25);
    // 1,200 buys exactly 40 of the 50 spends of 30.
    expect(myOk + theirs.ok).toBe(40);
    expect(await getBalance(kv, wallet, "USD")).toBe(0);
    await expectBooksBalance(kv);
  } finally {
    kv.close();
    await Deno.remove(dir, { recursive: true });
  }
});
