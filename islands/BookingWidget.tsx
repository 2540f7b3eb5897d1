/**
 * The booking page's time picker: an expert's free times for one session
 * kind, a week at a time, grouped by day on the learner's clock: their
 * account's zone, as every other page shows their sessions (the learner can
 * switch it, and is offered the device's zone when it differs, say while
 * travelling); other weeks are fetched from the public slots API as the
 * learner pages.
 *
 * It renders radio buttons named `start` inside the page's booking form,
 * so without JavaScript the server-rendered first week still books, and
 * the week links still page (through the server).
 */
import { useEffect, useState } from "preact/hooks";
import { buttonClasses } from "@/components/Button.tsx";
import { SlotOption } from "@/components/bookings/SlotOption.tsx";
import {
  groupByDay,
  isKnownZone,
  zoneLabel,
} from "@/components/bookings/time.ts";

export interface WidgetSlot {
  start: string;
  end: string;
}

export interface BookingWidgetProps {
  expertId: string;
  offeringId: string;
  /** Canonical zone names the learner may switch to. */
  zones: string[];
  /** The zone to show first (the learner's saved zone, or `?zone=`). */
  zone: string;
  /** True when the zone was chosen explicitly (`?zone=`): no other is offered. */
  zoneChosen: boolean;
  /** Start of the first week (week 0), an ISO instant. */
  baseFrom: string;
  week: number;
  /** The free slots of `week`, rendered by the server. */
  slots: WidgetSlot[];
  /** The start chosen before (a form sent back with an error). */
  selected: string;
  /** The page's address with the offering, to which `week` and `zone` are added. */
  pageHref: string;
  /** How many weeks ahead the learner may page. */
  maxWeeks: number;
}

const WEEK_MS = 7 * 86_400_000;

export default function BookingWidget(props: BookingWidgetProps) {
  const [zone, setZone] = useState(props.zone);
  const [week, setWeek] = useState(props.week);
  const [slots, setSlots] = useState(props.slots);
  const [selected, setSelected] = useState(props.selected);
  const [status, setStatus] = useState<"idle" | "loading" | "failed">("idle");
  // The device's zone, offered when it is not the one shown.
  const [deviceZone, setDeviceZone] = useState<string | null>(null);

  useEffect(() => {
    if (props.zoneChosen) return;
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (detected && props.zones.includes(detected) && isKnownZone(detected)) {
      setDeviceZone(detected);
    }
  }, []);

  const hrefFor = (target: number) =>
    `${props.pageHref}&week=${target}&zone=${encodeURIComponent(zone)}`;

  async function goTo(target: number, event: Event) {
    event.preventDefault();
    setStatus("loading");
    const from = new Date(Date.parse(props.baseFrom) + target * WEEK_MS);
    const to = new Date(from.getTime() + WEEK_MS);
    const query = new URLSearchParams({
      offeringId: props.offeringId,
      from: from.toISOString(),
      to: to.toISOString(),
    });
    try {
      const response = await fetch(
        `/api/experts/${encodeURIComponent(props.expertId)}/slots?${query}`,
        { headers: { accept: "application/json" } },
      );
      if (!response.ok) throw new Error(String(response.status));
      const body = await response.json() as { slots: WidgetSlot[] };
      setSlots(body.slots);
      setWeek(target);
      setStatus("idle");
    } catch {
      setStatus("failed");
    }
  }

  const days = groupByDay(slots, zone);
  const from = new Date(Date.parse(props.baseFrom) + week * WEEK_MS);
  return (
    <div class="space-y-4 pb-2" data-booking-widget>
      <input type="hidden" name="zone" value={zone} />
      <div>
        <label for="booking-zone" class="block text-sm font-semibold">
          Show times in
        </label>
        <select
          id="booking-zone"
          class="mt-1.5 block w-full rounded-lg border border-slate-400 bg-white px-3 py-2.5 text-base text-slate-900"
          onChange={(event) => setZone(event.currentTarget.value)}
        >
          {props.zones.map((name) => (
            <option key={name} value={name} selected={name === zone}>
              {zoneLabel(name)}
            </option>
          ))}
        </select>
        {deviceZone && deviceZone !== zone && (
          <p class="mt-2 text-sm text-slate-700">
            Your device is on {zoneLabel(deviceZone)} time.{" "}
            <button
              type="button"
              class="font-semibold text-brand-800 underline"
              onClick={() => setZone(deviceZone)}
            >
              Show times in {zoneLabel(deviceZone)}
            </button>
          </p>
        )}
      </div>
      <div class="flex flex-wrap items-center justify-between gap-2">
        {week > 0
          ? (
            <a
              href={hrefFor(week - 1)}
              class={buttonClasses("secondary", "sm")}
              onClick={(event) => goTo(week - 1, event)}
            >
              <span aria-hidden="true">←</span> Earlier
            </a>
          )
          : <span />}
        <p class="text-sm text-slate-700" aria-live="polite">
          {status === "loading"
            ? "Loading times…"
            : status === "failed"
            ? "The times could not be loaded. Check your connection and try again."
            : `Week from ${
              from.toLocaleDateString("en-GB", {
                day: "numeric",
                month: "long",
                timeZone: zone,
              })
            }`}
        </p>
        {week + 1 < props.maxWeeks && (
          <a
            href={hrefFor(week + 1)}
            class={buttonClasses("secondary", "sm")}
            onClick={(event) => goTo(week + 1, event)}
          >
            Later <span aria-hidden="true">→</span>
          </a>
        )}
      </div>
      <fieldset>
        <legend class="text-sm font-semibold text-slate-900">
          Free times ({zoneLabel(zone)})
        </legend>
        {days.length === 0 && (
          <p class="mt-2 text-slate-700">
            No free times this week. Try a later week.
          </p>
        )}
        <div class="mt-2 space-y-4">
          {days.map((day) => (
            <div key={day.key}>
              <p class="font-medium text-slate-900">{day.label}</p>
              <ul class="mt-2 flex flex-wrap gap-2">
                {day.items.map((slot) => (
                  <li key={slot.start}>
                    <SlotOption
                      start={slot.start}
                      zone={zone}
                      checked={slot.start === selected}
                      onChoose={() => setSelected(slot.start)}
                    />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
