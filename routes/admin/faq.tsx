/**
 * The FAQ as admins manage it: the questions by section in page order,
 * each with edit, move up/down and delete; a form to add one; and the
 * {tokens} answers may use to quote the settings in force. Every change is
 * audited and refreshes the cached /faq page.
 */
import { ConfirmAction } from "@/components/ConfirmAction.tsx";
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { formFailure } from "@/web/form_failure.ts";
import { faqTokenValues } from "@/web/faq_tokens.ts";
import {
  createFaqEntry,
  deleteFaqEntry,
  FAQ_SECTIONS,
  FAQ_TOKENS,
  type FaqEntry,
  type FaqToken,
  listFaqEntries,
  moveFaqEntry,
  updateFaqEntry,
} from "@/services/content/mod.ts";
import { getSettings } from "@/services/settings/mod.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import {
  SelectField,
  TextAreaField,
  TextField,
} from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

const FIELDS = ["section", "question", "answerMarkdown"] as const;
type Values = Record<typeof FIELDS[number], string>;

/** A form that is open: the new-question form ("new") or an entry's. */
interface OpenForm {
  id: string;
  values: Values;
  errors: Record<string, string>;
}

interface FaqAdminData {
  entries: FaqEntry[];
  forms: Record<string, OpenForm>;
  tokens: Record<FaqToken, string>;
  notice: { tone: "success" | "error"; text: string } | null;
}

const DONE: Record<string, string> = {
  added: "The question was added to the FAQ.",
  saved: "The question is saved; the FAQ shows it now.",
  moved: "The order is saved.",
  deleted: "The question was deleted.",
};

const NEW: OpenForm = {
  id: "new",
  values: { section: "learners", question: "", answerMarkdown: "" },
  errors: {},
};

async function load(
  ctx: FreshContext<AppState>,
  changes: { form?: OpenForm; notice?: FaqAdminData["notice"] } = {},
): Promise<FaqAdminData> {
  const { kv } = ctx.state;
  const [entries, settings] = await Promise.all([
    listFaqEntries(kv),
    getSettings(kv),
  ]);
  const forms: Record<string, OpenForm> = { new: NEW };
  const editing = entries.find((e) =>
    e.id === ctx.url.searchParams.get("edit")
  );
  if (editing) {
    forms[editing.id] = {
      id: editing.id,
      values: {
        section: editing.section,
        question: editing.question,
        answerMarkdown: editing.answerMarkdown,
      },
      errors: {},
    };
  }
  if (changes.form) forms[changes.form.id] = changes.form;
  return {
    entries,
    forms,
    tokens: faqTokenValues(
      settings,
      ctx.state.providers.payments.name === "stripe",
    ),
    notice: changes.notice ?? null,
  };
}

export const handler = define.handlers<FaqAdminData>({
  async GET(_req, ctx) {
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    return ctx.render(
      await load(ctx, {
        notice: done ? { tone: "success", text: done } : undefined,
      }),
    );
  },

  async POST(req, ctx) {
    const admin = requireUser(ctx.state);
    const { kv } = ctx.state;
    const meta = requestMeta(ctx);
    const form = await readForm(req);
    const { action, id, direction } = readFields(form, [
      "action",
      "id",
      "direction",
    ]);
    const values = readFields(form, FIELDS);
    const input = {
      section: values.section as FaqEntry["section"],
      question: values.question,
      answerMarkdown: values.answerMarkdown,
    };
    try {
      if (action === "create") {
        const entry = await createFaqEntry(kv, admin.id, input, meta);
        return seeOther(`/admin/faq?done=added#faq-${entry.id}`);
      }
      if (action === "update") {
        await updateFaqEntry(kv, admin.id, id, input, meta);
        return seeOther(`/admin/faq?done=saved#faq-${id}`);
      }
      if (action === "move") {
        await moveFaqEntry(
          kv,
          admin.id,
          id,
          direction === "up" ? "up" : "down",
          meta,
        );
        return seeOther(`/admin/faq?done=moved#faq-${id}`);
      }
      if (action === "delete") {
        await deleteFaqEntry(kv, admin.id, id, meta);
        return seeOther("/admin/faq?done=deleted");
      }
      return ctx.render(
        await load(ctx, {
          notice: { tone: "error", text: "That action isn't available." },
        }),
        { status: 400 },
      );
    } catch (error) {
      const failure = formFailure(error);
      const beside = Object.keys(failure.errors).length > 0;
      const open = action === "create" || action === "update";
      return ctx.render(
        await load(ctx, {
          form: open && beside
            ? {
              id: action === "create" ? "new" : id,
              values,
              errors: failure.errors,
            }
            : undefined,
          notice: beside && open ? undefined : {
            tone: "error",
            text: failure.message ?? "That could not be done.",
          },
        }),
        { status: failure.status },
      );
    }
  },
});

const SECTION_OPTIONS = FAQ_SECTIONS.map((s) => ({
  value: s.id,
  label: s.title,
}));

function EntryForm({ form }: { form: OpenForm }) {
  const isNew = form.id === "new";
  const prefix = isNew ? "new" : `faq-${form.id}`;
  return (
    <form method="post" action="/admin/faq" noValidate class="space-y-4">
      <input type="hidden" name="action" value={isNew ? "create" : "update"} />
      {!isNew && <input type="hidden" name="id" value={form.id} />}
      <FormErrorSummary errors={form.errors} />
      <SelectField
        id={`${prefix}-section`}
        name="section"
        label="Section"
        value={form.values.section}
        options={SECTION_OPTIONS}
        error={form.errors.section}
      />
      <TextField
        id={`${prefix}-question`}
        name="question"
        label="Question"
        required
        maxLength={200}
        value={form.values.question}
        error={form.errors.question}
      />
      <TextAreaField
        id={`${prefix}-answer`}
        name="answerMarkdown"
        label="Answer (Markdown)"
        required
        rows={5}
        maxLength={5000}
        hint="Markdown, e.g. [a link](/contact). {tokens} (listed below) show today's settings."
        value={form.values.answerMarkdown}
        error={form.errors.answerMarkdown}
      />
      <Button>{isNew ? "Add question" : "Save question"}</Button>
    </form>
  );
}

function SmallForm(
  { id, action, label, fields = {} }: {
    id: string;
    action: string;
    label: string;
    fields?: Record<string, string>;
  },
) {
  return (
    <form method="post" action="/admin/faq" class="inline">
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="id" value={id} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button variant="secondary" size="sm">{label}</Button>
    </form>
  );
}

export default define.page<typeof handler>(function AdminFaq({ data }) {
  return (
    <>
      {data.notice && (
        <Notice tone={data.notice.tone}>{data.notice.text}</Notice>
      )}
      {FAQ_SECTIONS.map((section) => {
        const entries = data.entries.filter((e) => e.section === section.id);
        return (
          <Card key={section.id} title={section.title} id={section.id}>
            {entries.length === 0 && <p>No questions in this section.</p>}
            <ol class="divide-y divide-slate-200">
              {entries.map((entry, index) => {
                const open = data.forms[entry.id];
                return (
                  <li key={entry.id} id={`faq-${entry.id}`} class="py-4">
                    {open ? <EntryForm form={open} /> : (
                      <>
                        <p class="font-semibold text-slate-900">
                          {entry.question}
                        </p>
                        <p class="mt-1 line-clamp-2 text-sm text-slate-700">
                          {entry.answerMarkdown}
                        </p>
                        <div class="mt-2 flex flex-wrap gap-2">
                          <a
                            href={`/admin/faq?edit=${entry.id}#faq-${entry.id}`}
                            class="rounded-md px-3 py-1.5 text-sm font-semibold text-brand-800 underline"
                            aria-label={`Edit “${entry.question}”`}
                          >
                            Edit
                          </a>
                          {index > 0 && (
                            <SmallForm
                              id={entry.id}
                              action="move"
                              label="Move up"
                              fields={{ direction: "up" }}
                            />
                          )}
                          {index < entries.length - 1 && (
                            <SmallForm
                              id={entry.id}
                              action="move"
                              label="Move down"
                              fields={{ direction: "down" }}
                            />
                          )}
                          <ConfirmAction
                            label="Delete"
                            question={`Delete “${entry.question}” from the FAQ? It cannot be brought back.`}
                            confirmLabel="Yes, delete it"
                            action="/admin/faq"
                            fields={{ action: "delete", id: entry.id }}
                          />
                        </div>
                      </>
                    )}
                  </li>
                );
              })}
            </ol>
          </Card>
        );
      })}
      <Card title="Add a question" id="new-question">
        <EntryForm form={data.forms.new} />
      </Card>
      <Card title="Tokens for answers" id="tokens">
        <p class="text-sm text-slate-700">
          Write a token in an answer to show the value in force; it follows the
          settings when they change.
        </p>
        <dl class="divide-y divide-slate-200 text-sm">
          {(Object.keys(FAQ_TOKENS) as FaqToken[]).map((token) => (
            <div key={token} class="py-2">
              <dt class="font-mono font-semibold">{`{${token}}`}</dt>
              <dd class="text-slate-700">
                {FAQ_TOKENS[token]}. Now: “{data.tokens[token]}”
              </dd>
            </div>
          ))}
        </dl>
      </Card>
    </>
  );
});
