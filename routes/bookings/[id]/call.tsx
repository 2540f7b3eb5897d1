/**
 * A booking's video call for its two parties. Inside the join window (10
 * minutes before the start to 15 minutes after the end) it shows the
 * pre-join screen (islands/CallPrejoin.tsx: devices, preview, level meter,
 * audio only, network check, Join) and the call with its chat
 * (islands/CallRoom.tsx: the booking's conversation, live); outside it, or
 * for a cancelled booking, it says when the call opens or why it cannot be
 * joined. Someone else's booking is not found. With LiveKit, the page lets
 * the browser reach the LiveKit server (connect-src).
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { whenIn } from "@/components/bookings/time.ts";
import { personName } from "@/components/bookings/names.ts";
import { type Booking, getBookingFor } from "@/services/bookings/mod.ts";
import {
  callMediaFor,
  type JoinRefusal,
  joinRefusal,
  joinWindow,
  partyOf,
} from "@/services/calls/mod.ts";
import {
  listMessages,
  openConversation,
  toConversationView,
} from "@/services/messaging/mod.ts";
import { latestEventSeq } from "@/services/platform/events.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { now } from "@/services/platform/clock.ts";
import type { PublicUser } from "@/services/auth/mod.ts";
import CallPrejoin from "@/islands/CallPrejoin.tsx";
import CallRoom, { type CallRoomProps } from "@/islands/CallRoom.tsx";

interface CallData {
  booking: Booking;
  otherName: string;
  zone: string;
  opensAt: string;
  closesAt: string;
  refusal: JoinRefusal | null;
  /** The call island's props, when the viewer may join now. */
  room: CallRoomProps | null;
}

/** Messages of the booking's conversation shown in the call. */
const CHAT_HISTORY = 50;

/** The call island's props for a party of `booking` who may join now. */
async function roomFor(
  kv: Deno.Kv,
  user: PublicUser,
  booking: Booking,
  otherName: string,
): Promise<CallRoomProps | null> {
  const party = partyOf(booking, user.id);
  if (!party) return null;
  const otherId = party === "learner" ? booking.expertId : booking.learnerId;
  // Read before the history, so the stream resumes with nothing missed.
  const liveSeq = await latestEventSeq(kv, user.id);
  let chat: CallRoomProps["chat"] = null;
  try {
    const conversation = await openConversation(kv, user, otherId);
    const view = await toConversationView(kv, conversation, user.id);
    const page = await listMessages(kv, user.id, conversation.id, {
      limit: CHAT_HISTORY,
    });
    chat = {
      conversationId: conversation.id,
      messages: page.items.slice().reverse().map((m) => ({
        id: m.id,
        senderId: m.senderId,
        text: m.text,
        createdAt: m.createdAt,
        deletedAt: m.deletedAt,
        hidden: m.hidden,
      })),
      canWrite: view.canWrite,
      writeBlockedReason: view.writeBlockedReason,
    };
  } catch (error) {
    // No conversation to show (not a learner–expert pair): the call still works.
    if (!(error instanceof NotFoundError)) throw error;
  }
  return {
    bookingId: booking.id,
    userId: user.id,
    party,
    otherName,
    liveSeq,
    timeZone: user.timeZone,
    chat,
  };
}

/** `policy` letting pages also connect to `origins` (a LiveKit server). */
function allowConnect(policy: string, origins: readonly string[]): string {
  if (origins.length === 0) return policy;
  return policy.split(";").map((directive) =>
    directive.trim().startsWith("connect-src ")
      ? `${directive.trimEnd()} ${origins.join(" ")}`
      : directive
  ).join(";");
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
    const otherName = await personName(kv, otherId);
    const refusal = joinRefusal(booking, user.id, now().getTime());
    const response = await ctx.render({
      booking,
      otherName,
      zone: user.timeZone,
      opensAt: new Date(window.opensAt).toISOString(),
      closesAt: new Date(window.closesAt).toISOString(),
      refusal,
      room: refusal ? null : await roomFor(kv, user, booking, otherName),
    });
    const policy = response.headers.get("content-security-policy");
    const origins = callMediaFor(kv).browserOrigins ?? [];
    if (policy && origins.length > 0) {
      response.headers.set(
        "content-security-policy",
        allowConnect(policy, origins),
      );
    }
    return response;
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
      {data.room && (
        <Card id="call-room" title={`With ${data.otherName}`}>
          <CallRoom {...data.room} />
        </Card>
      )}
    </div>
  );
});
