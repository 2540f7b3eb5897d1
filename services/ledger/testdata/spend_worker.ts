/**
 * A second process for the ledger's concurrency test: opens the KV file
 * named on the command line and spends from one wallet as fast as it can,
 * starting when the test says go, and printing how many spends succeeded and how many found the wallet short.
 *
 *   deno run -A spend_worker.ts <kvPath> <walletUserId> <spends> <amount> <prefix>
 */
import { openKv } from "@/services/platform/kv.ts";
import {
  escrowAccount,
  InsufficientFundsError,
  post,
  walletAccount,
} from "@/services/ledger/mod.ts";

const [path, userId, spends, amount, prefix] = Deno.args;
const kv = await openKv(path);
// Start together with the test's own spends, so the two really race.
await kv.set(["test_worker_ready"], true);
while ((await kv.get(["test_go"])).value === null) {
  await new Promise((resolve) => setTimeout(resolve, 2));
}
let ok = 0;
let short = 0;
await Promise.all(
  Array.from({ length: Number(spends) }, async (_, i) => {
    try {
      await post(kv, {
        idempotencyKey: `${prefix}-${i}`,
        currency: "USD",
        kind: "booking_reserve",
        lines: [
          { account: walletAccount(userId), amountMinor: -Number(amount) },
          {
            account: escrowAccount(`${prefix}${i}`),
            amountMinor: Number(amount),
          },
        ],
      });
      ok++;
    } catch (error) {
      if (error instanceof InsufficientFundsError) short++;
      else throw error;
    }
  }),
);
kv.close();
console.log(JSON.stringify({ ok, short }));
