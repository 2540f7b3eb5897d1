import { define } from "@/web/define.ts";
import {
  addApplicationDocument,
  type ApplicationView,
  MAX_DOCUMENTS,
  removeApplicationDocument,
} from "@/services/applications/mod.ts";
import { Button, ButtonLink } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import { ApplicationFrame } from "@/components/expert/application.tsx";
import { FileField } from "@/components/form/inputs.tsx";
import { DocumentList } from "@/components/expert/DocumentList.tsx";
import {
  isEditable,
  loadApplication,
  savedNotice,
  stepHref,
} from "@/web/application_wizard.ts";
import { requireUser } from "@/web/user.ts";
import {
  isPayloadTooLarge,
  payloadTooLargeMessage,
  UPLOAD_BODY_BYTES,
} from "@/middleware/body_limit.ts";
import FileSizeCheck from "@/islands/FileSizeCheck.tsx";
import { MAX_UPLOAD_BYTES } from "@/services/storage/mod.ts";

interface CredentialsData {
  application: ApplicationView;
  error: string | null;
}

const DONE: Record<string, string> = {
  uploaded: "The document was uploaded.",
  removed: "The document was removed.",
};

export const handler = define.handlers<CredentialsData>({
  async GET(_req, ctx) {
    return ctx.render({ application: await loadApplication(ctx), error: null });
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    let form: FormData;
    try {
      form = await readForm(req);
    } catch (error) {
      if (!isPayloadTooLarge(error)) throw error;
      // The same step, with the reason beside the field (not the 413 page).
      return ctx.render({
        application: await loadApplication(ctx),
        error: payloadTooLargeMessage(UPLOAD_BODY_BYTES),
      }, { status: 413 });
    }
    const { action, documentId } = readFields(form, ["action", "documentId"]);
    try {
      if (action === "remove") {
        await removeApplicationDocument(kv, user.id, documentId);
        return seeOther("/expert/application/credentials?done=removed");
      }
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) {
        return ctx.render({
          application: await loadApplication(ctx),
          error: "Choose a PDF, PNG or JPEG file to upload.",
        }, { status: 400 });
      }
      await addApplicationDocument(kv, user.id, file);
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
});

/** Step 4: certificates and other documents for the reviewers. */
export default define.page<typeof handler>(function CredentialsStep(
  { data, state, url },
) {
  const { application, error } = data;
  const editable = isEditable(application.status);
  const done = DONE[url.searchParams.get("done") ?? ""];
  return (
    <ApplicationFrame
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
            <FileField
              name="file"
              label="Document"
              accept="application/pdf,image/png,image/jpeg"
              required
              error={error ?? undefined}
            />
            <FileSizeCheck
              inputId="file"
              maxBytes={MAX_UPLOAD_BYTES}
              message={payloadTooLargeMessage(MAX_UPLOAD_BYTES)}
            />
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
});
