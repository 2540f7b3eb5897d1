/**
 * The recordings card on a booking's page, for its two parties: each
 * finished recording in a <video> player (streamed with range requests
 * from /bookings/{id}/recordings/{recordingId}), one still being made, or
 * one that failed; and, before any exist, whether the session may be
 * recorded at all. Server-rendered: the browser's own player needs no JS.
 */
import { Card } from "@/components/account/HomeShell.tsx";
import { whenIn } from "@/components/bookings/time.ts";
import type { Recording } from "@/services/recordings/mod.ts";

function duration(ms: number | null): string | null {
  if (ms === null) return null;
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function RecordingsCard(
  { bookingId, recordings, consented, zone, retentionDays }: {
    bookingId: string;
    recordings: Recording[];
    /** The learner agreed to recording when booking. */
    consented: boolean;
    zone: string;
    retentionDays: number;
  },
) {
  if (recordings.length === 0 && !consented) return null;
  return (
    <Card id="recordings" title="Recordings">
      {recordings.length === 0 && (
        <p>
          This session may be recorded: the expert offers it and the learner
          agreed when booking. A recording shows here for the two of you once
          the call ends.
        </p>
      )}
      <ul class="space-y-6">
        {recordings.map((recording, index) => {
          const label = `Recording ${index + 1}, started ${
            whenIn(recording.startedAt, zone)
          }`;
          const facts = [
            duration(recording.durationMs),
            recording.status === "ready" ? size(recording.sizeBytes) : null,
          ].filter(Boolean).join(" · ");
          return (
            <li key={recording.id} data-recording={recording.status}>
              <p class="font-medium text-slate-900">{label}</p>
              {recording.status === "ready" && (
                <>
                  <video
                    class="mt-2 aspect-video w-full rounded-lg bg-black"
                    controls
                    preload="metadata"
                    src={`/bookings/${
                      encodeURIComponent(bookingId)
                    }/recordings/${encodeURIComponent(recording.id)}`}
                    aria-label={label}
                  />
                  {facts && <p class="mt-1 text-sm text-slate-700">{facts}</p>}
                </>
              )}
              {recording.status === "recording" && (
                <p class="text-slate-700">
                  Still being recorded; it can be watched here once the
                  recording stops.
                </p>
              )}
              {recording.status === "failed" && (
                <p class="text-slate-700">
                  This recording could not be saved.
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <p class="text-sm text-slate-700">
        Only you and the other person can watch these. They are deleted{" "}
        {retentionDays} days after the session.
      </p>
    </Card>
  );
}
