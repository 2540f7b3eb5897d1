/**
 * Why someone may not record, or add to a recording: the API answers these
 * with a 403 whose code is `recording_<reason>`.
 */
export type RecordingRefusalReason =
  | "expert_only"
  | "not_consented"
  | "outside_window";

export class RecordingRefusedError extends Error {
  constructor(readonly reason: RecordingRefusalReason, message: string) {
    super(message);
    this.name = "RecordingRefusedError";
  }
}
