/**
 * Test fixtures for packages: a bookable expert whose session carries
 * package options, and a learner with credits who can buy them.
 */
import { bookableExpert, fundedLearner } from "@/tests/support/bookings.ts";
import {
  type Offering,
  type PackageOptionInput,
  updateOffering,
} from "@/services/offerings/mod.ts";

/** The fake "now" of these tests. */
export const NOW = new Date("2030-03-04T08:00:00Z");

/**
 * An expert with a 60-minute session at 60.00 USD and the given package
 * options (default: 3 sessions for 100.01, an awkward price on purpose),
 * and a learner with `credits` in the wallet.
 */
export async function packageSetUp(
  kv: Deno.Kv,
  options: {
    packageOptions?: PackageOptionInput[];
    credits?: number;
  } = {},
): Promise<{
  expertId: string;
  offering: Offering;
  learner: { id: string; timeZone: string };
}> {
  const { expertId, offering } = await bookableExpert(kv);
  const withOptions = await updateOffering(kv, expertId, offering.id, {
    packageOptions: options.packageOptions ??
      [{ sessions: 3, priceMinor: 100_01 }],
  });
  const learner = await fundedLearner(kv, options.credits ?? 200_00);
  return { expertId, offering: withOptions, learner };
}
