/**
 * Events reported by visitors' browsers. The web layer has already checked
 * consent and found the visitor id in its cookie; here the event must name
 * what exists (a published expert, one of their offerings), so a forged
 * report cannot invent counters for experts who are not there.
 */
import { getPublishedExpert } from "@/services/experts/mod.ts";
import { getOffering } from "@/services/offerings/mod.ts";
import { NotFoundError, parseInput } from "@/services/platform/errors.ts";
import {
  type AnalyticsEvent,
  type BeaconEventInput,
  beaconEventSchema,
} from "./model.ts";
import { recordAnalyticsEvent } from "./store.ts";

/** Records a consented browser's event for `visitorId` (and `userId`). */
export async function recordBeaconEvent(
  kv: Deno.Kv,
  input: BeaconEventInput,
  who: { visitorId: string; userId?: string },
): Promise<AnalyticsEvent> {
  const event = parseInput(
    beaconEventSchema,
    input,
    "The analytics event is invalid.",
  );
  if (event.type !== "page_view") {
    if (!await getPublishedExpert(kv, event.subjectId)) {
      throw new NotFoundError("No published expert has this id.");
    }
    if (
      event.type === "booking_started" && event.offeringId &&
      !await getOffering(kv, event.subjectId, event.offeringId)
    ) {
      throw new NotFoundError("The expert has no offering with this id.");
    }
  }
  return await recordAnalyticsEvent(kv, { ...event, ...who });
}
