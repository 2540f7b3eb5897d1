/**
 * The connection-quality indicator of a peer-to-peer call, from
 * RTCPeerConnection.getStats(): round-trip time of the connection in use
 * and the share of incoming packets lost since the last sample. The rating
 * is a pure function so it is tested without a browser.
 */

export type Quality = "good" | "fair" | "poor" | "unknown";

export interface QualitySample {
  /** Round-trip time of the selected candidate pair, ms (null: not known yet). */
  rttMs: number | null;
  /** Incoming packets lost since the previous sample, as a percentage. */
  lossPercent: number | null;
  /** Video frames decoded so far (what a test checks for "video arrives"). */
  framesDecoded: number;
}

/** Counters carried from one sample to the next. */
export interface PacketCounters {
  received: number;
  lost: number;
}

/** What the numbers mean for a person on the call. */
export function rateQuality(
  sample: Pick<QualitySample, "rttMs" | "lossPercent">,
): Quality {
  const { rttMs, lossPercent } = sample;
  if (rttMs === null && lossPercent === null) return "unknown";
  const rtt = rttMs ?? 0;
  const loss = lossPercent ?? 0;
  if (rtt > 400 || loss > 8) return "poor";
  if (rtt > 200 || loss > 2) return "fair";
  return "good";
}

/** Loss since `before`, in percent of the packets that should have arrived. */
export function lossSince(
  before: PacketCounters | null,
  now: PacketCounters,
): number | null {
  const received = now.received - (before?.received ?? 0);
  const lost = now.lost - (before?.lost ?? 0);
  const expected = received + Math.max(0, lost);
  return expected > 0 ? (100 * Math.max(0, lost)) / expected : null;
}

/** Reads one sample; `counters` is updated for the next call. */
export async function sampleQuality(
  pc: RTCPeerConnection,
  counters: { last: PacketCounters | null },
): Promise<QualitySample> {
  const report = await pc.getStats();
  let rttMs: number | null = null;
  const total: PacketCounters = { received: 0, lost: 0 };
  let framesDecoded = 0;
  report.forEach((stat) => {
    if (
      stat.type === "candidate-pair" && stat.nominated &&
      stat.state === "succeeded" &&
      typeof stat.currentRoundTripTime === "number"
    ) {
      rttMs = Math.round(stat.currentRoundTripTime * 1000);
    }
    if (stat.type === "inbound-rtp") {
      total.received += stat.packetsReceived ?? 0;
      total.lost += stat.packetsLost ?? 0;
      if (stat.kind === "video") framesDecoded += stat.framesDecoded ?? 0;
    }
  });
  const lossPercent = lossSince(counters.last, total);
  counters.last = total;
  return { rttMs, lossPercent, framesDecoded };
}

/** Words for the indicator. */
export function qualityText(quality: Quality, sample: QualitySample | null) {
  const label = {
    good: "Good connection",
    fair: "Fair connection",
    poor: "Poor connection",
    unknown: "Measuring the connection…",
  }[quality];
  if (!sample || sample.rttMs === null) return label;
  const loss = sample.lossPercent === null
    ? ""
    : `, ${sample.lossPercent.toFixed(1)}% lost`;
  return `${label} (${sample.rttMs} ms${loss})`;
}
