import type { Handlers, PageProps } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import {
  addApplicationDocument,
  type ApplicationView,
  MAX_DOCUMENTS,
  removeApplicationDocument,
} from "@/services/applications/mod.ts";
import { Button, ButtonLink } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { readFields, readForm } from "@/components/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { formFailure } from "@/components/account/flow.ts";
import { seeOther } from "@/components/account/navigation.ts";
import {
  ApplicationFrame,
  isEditable,
  stepHref,
} from "@/components/expert/application.tsx";
import { DocumentList } from "@/components/expert/DocumentList.tsx";
import { loadApplication, savedNotice } from "@/components/expert/wizard.ts";

interface CredentialsData {
  application: ApplicationView;
  error: string | null;
}

const DONE: Record<string, string> = {
  uploaded: "The document was uploaded.",
  removed: "The document was removed.",
};

export const handler: Handlers<CredentialsData, AppState> = {
  async GET(_req, ctx) {
    return ctx.render({ application: await loadApplication(ctx), error: null });
  },

  async POST(req, ctx) {
    const { kv, user } = ctx.state;
    const form = await readForm(req);
    const { action, documentId } = readFields(form, ["action", "documentId"]);
    try {
      if (action === "remove") {
        await removeApplicationDocument(kv, user!.id, documentId);
        return seeOther("/expert/application/credentials?done=removed");
      }
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) {
        return ctx.render({
          application: await loadApplication(ctx),
          error: "Choose a PDF, PNG or JPEG file to upload.",
        }, { status: 400 });
      }
      await addApplicationDocument(kv, user!.id, file);
      return seeOther("/expert/application/credentials?done=uploaded");
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render({
        application: await loadApplication(ctx),
        error: failure.errors.file ?? failure.message ??
          Object.values(failure.errors)[0] ?? "The upload failed.",
      }, { status: failure.status });
    }
  },
};

/** Step 4: certificates and other documents for the reviewers. */
export default function CredentialsStep(
  { data, state, url }: PageProps<CredentialsData, AppState>,
) {
  const { application, error } = data;
  const editable = isEditable(application.status);
  const done = DONE[url.searchParams.get("done") ?? ""];
  return (
    <ApplicationFrame
      user={state.user!}
      pathname={url.pathname}
      siteUrl={state.siteUrl}
      application={application}
      current="credentials"
      notice={done ? { tone: "success", text: done } : savedNotice(url)}
    >
      <Card title="Credentials" id="credentials">
        <p>
          Upload certificates, diplomas or other proof of your expertise: PDF,
          PNG or JPEG, up to 10 MB each, at most{" "}
          {MAX_DOCUMENTS}. Only you and our reviewers can open them.
        </p>
        <DocumentList
          documents={application.documents}
          hrefFor={(id) => `/expert/application/documents/${id}`}
          removeAction={editable ? "/expert/application/credentials" : null}
        />
        {editable && (
          <form
            method="post"
            action="/expert/application/credentials"
            enctype="multipart/form-data"
            class="space-y-3"
          >
            <input type="hidden" name="action" value="upload" />
            <label
              for="file"
              class="block text-sm font-semibold text-slate-900"
            >
              Document
            </label>
            <input
              id="file"
              name="file"
              type="file"
              required
              accept="application/pdf,image/png,image/jpeg"
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? "file-error" : undefined}
              class="block w-full text-sm text-slate-900"
            />
            {error && (
              <p id="file-error" class="text-sm font-medium text-red-800">
                <span aria-hidden="true">⚠️</span> {error}
              </p>
            )}
            <Button variant="secondary">Upload document</Button>
          </form>
        )}
        {!editable && error && <Notice tone="error">{error}</Notice>}
        {application.documents.length > 0 && (
          <ButtonLink href={stepHref("review")}>Continue to review</ButtonLink>
        )}
      </Card>
    </ApplicationFrame>
  );
}
