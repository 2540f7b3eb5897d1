/**
 * Fixtures for the money tests: a learner with an account (receipts need an
 * email address) and the simulated processor on the same database.
 */
import { ensureAccount, getUserByEmail } from "@/services/auth/mod.ts";
import {
  createSimulatedProvider,
  type PaymentProvider,
  payWithTestCard,
} from "@/services/payments/mod.ts";
import { checkLedger } from "@/services/ledger/mod.ts";
import {
  applyPaymentEvent,
  startTopUp,
  type TopUp,
} from "@/services/wallet/mod.ts";

export const META = { ip: "127.0.0.1", userAgent: "test" };
export const BASE_URL = "http://localhost:8000";

export async function createLearner(
  kv: Deno.Kv,
  email = "lena@example.com",
): Promise<{ id: string; email: string }> {
  await ensureAccount(kv, {
    email,
    password: "correct horse battery staple",
    name: "Lena Learner",
    role: "learner",
    source: "test",
  });
  const user = await getUserByEmail(kv, email);
  if (!user) throw new Error("the test learner was not created");
  return { id: user.id, email: user.email };
}

/** Starts a top-up and pays it with `card` on the simulated checkout. */
export async function buyCredits(
  kv: Deno.Kv,
  learner: { id: string; email: string },
  request: Parameters<typeof startTopUp>[2]["request"],
  card = "4242 4242 4242 4242",
  provider: PaymentProvider = createSimulatedProvider(kv),
): Promise<TopUp> {
  const { topUp, checkoutUrl } = await startTopUp(kv, provider, {
    learner,
    request,
    baseUrl: BASE_URL,
    meta: META,
  });
  const checkoutId = new URL(checkoutUrl).pathname.split("/").pop()!;
  const { event } = await payWithTestCard(kv, checkoutId, { card });
  await applyPaymentEvent(kv, event);
  return topUp;
}

/** Fails the test when the ledger's invariants do not hold. */
export async function assertBooksBalance(kv: Deno.Kv): Promise<void> {
  const check = await checkLedger(kv);
  if (!check.ok) {
    throw new Error(`Ledger invariants broken:\n${check.problems.join("\n")}`);
  }
}
