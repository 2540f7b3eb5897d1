/**
 * "Message" links (beside a booking, on an expert's profile) lead here: the
 * conversation with that person when there is one, or can be (a booking
 * between them), and otherwise, for a learner and a published expert, the
 * form for one question before booking.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { TextAreaField } from "@/components/form/inputs.tsx";
import { RateLimitedError } from "@/services/auth/mod.ts";
import { getPublishedExpert } from "@/services/experts/mod.ts";
import {
  findConversation,
  MAX_MESSAGE_LENGTH,
  openConversation,
  pairOf,
  sendInquiry,
} from "@/services/messaging/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface InquiryData {
  expertId: string;
  expertName: string;
  text: string;
  error: string | null;
}

/** Where the pair's conversation is, or the inquiry form's data, or null (404). */
async function resolve(
  ctx: FreshContext<AppState>,
): Promise<Response | InquiryData | null> {
  const user = requireUser(ctx.state);
  if (user.role === "admin") return seeOther("/admin");
  const { kv } = ctx.state;
  const pair = await pairOf(kv, user, ctx.params.userId);
  if (!pair) return null;
  const existing = await findConversation(kv, pair.learnerId, pair.expertId);
  if (existing) return seeOther(`/messages/${existing.id}`);
  try {
    const opened = await openConversation(kv, user, ctx.params.userId);
    return seeOther(`/messages/${opened.id}`);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  const expert = user.role === "learner"
    ? await getPublishedExpert(kv, pair.expertId)
    : null;
  if (!expert) return null;
  return {
    expertId: expert.id,
    expertName: expert.name,
    text: "",
    error: null,
  };
}

export const handler = define.handlers<InquiryData>({
  async GET(_req, ctx) {
    const found = await resolve(ctx);
    if (found instanceof Response) return found;
    return found ? ctx.render(found) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const found = await resolve(ctx);
    if (found instanceof Response) return found;
    if (!found) return ctx.renderNotFound();
    const { text } = readFields(await readForm(req), ["text"]);
    const user = requireUser(ctx.state);
    try {
      const { conversation } = await sendInquiry(
        ctx.state.kv,
        user,
        found.expertId,
        { text },
      );
      return seeOther(`/messages/${conversation.id}`);
    } catch (error) {
      let message: string;
      if (error instanceof ValidationError) {
        message = Object.values(error.fieldErrors)[0]?.[0] ?? error.message;
      } else if (
        error instanceof ConflictError || error instanceof RateLimitedError
      ) message = error.message;
      else throw error;
      return ctx.render({ ...found, text, error: message }, { status: 400 });
    }
  },
});

export default define.page<typeof handler>(function InquiryPage({ data }) {
  return (
    <Card id="inquiry" title={`Ask ${data.expertName} a question`}>
      <p class="text-sm text-slate-700">
        Before booking you can send {data.expertName}{" "}
        one message. You can write again once they answer, or once you book a
        session.
      </p>
      {data.error && <Notice tone="error">{data.error}</Notice>}
      <form
        method="post"
        action={`/messages/with/${data.expertId}`}
        class="space-y-4"
      >
        <TextAreaField
          name="text"
          label="Your question"
          value={data.text}
          rows={5}
          maxLength={MAX_MESSAGE_LENGTH}
          required
        />
        <button
          type="submit"
          class="rounded-lg bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white"
        >
          Send question
        </button>
      </form>
    </Card>
  );
});
