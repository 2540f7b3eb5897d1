/**
 * A booking's video call for its two parties. Inside the join window (10
 * minutes before the start to 15 minutes after the end) it shows the
 * pre-join screen (islands/CallPrejoin.tsx: devices, preview, level meter,
 * audio only, network check, Join); outside it, or for a cancelled booking,
 * it says when the call opens or why it cannot be joined. Someone else's
 * booking is not found.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { whenIn } from "@/components/bookings/time.ts";
import { personName } from "@/components/bookings/names.ts";
import { type Booking, getBookingFor } from "@/services/bookings/mod.ts";
import {
  type JoinRefusal,
  joinRefusal,
  joinWindow,
} from "@/services/calls/mod.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { now } from "@/services/platform/clock.ts";
import CallPrejoin from "@/islands/CallPrejoin.tsx";

interface CallData {
  booking: Booking;
  otherName: string;
  zone: string;
  opensAt: string;
  closesAt: string;
  refusal: JoinRefusal | null;
}

export const handler = define.handlers<CallData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const viewer = user.role === "admin" && !user.twoFactorEnabled
      ? { id: user.id, role: "learner" as const }
      : user;
    let booking: Booking;
    try {
      booking = (await getBookingFor(kv, viewer, ctx.params.id)).booking;
    } catch (error) {
      if (error instanceof NotFoundError) return ctx.renderNotFound();
      throw error;
    }
    const otherId = booking.learnerId === user.id
      ? booking.expertId
      : booking.learnerId;
    const window = joinWindow(booking);
    return ctx.render({
      booking,
      otherName: await personName(kv, otherId),
      zone: user.timeZone,
      opensAt: new Date(window.opensAt).toISOString(),
      closesAt: new Date(window.closesAt).toISOString(),
      refusal: joinRefusal(booking, user.id, now().getTime()),
    });
  },
});

export default define.page<typeof handler>(function CallPage({ data }) {
  const { booking, refusal } = data;
  return (
    <div class="space-y-6">
      <Card id="call" title={`Call: ${booking.offeringTitle}`}>
        <p>
          With {data.otherName},{" "}
          {whenIn(booking.start, data.zone)}. You can join from{" "}
          {whenIn(data.opensAt, data.zone)} until{" "}
          {whenIn(data.closesAt, data.zone)}.
        </p>
        {refusal
          ? (
            <Notice tone="info" title="The call cannot be joined now">
              {refusal.reason === "too_early"
                ? `The call opens 10 minutes before the session, at ${
                  whenIn(data.opensAt, data.zone)
                }. Come back then.`
                : refusal.message}
            </Notice>
          )
          : <CallPrejoin bookingId={booking.id} otherName={data.otherName} />}
        <p>
          <a href={`/bookings/${booking.id}`} class="text-brand-800 underline">
            Back to the booking
          </a>
        </p>
      </Card>
    </div>
  );
});
