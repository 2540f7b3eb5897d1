/**
 * The editor form's image step, shared by the new-post and edit-post
 * pages: when the form brings a chosen image (its "Upload and insert"
 * button, or a save with an image still chosen), the image is processed
 * and its Markdown added at the end of the post before anything else
 * happens. A refusal comes back as the editor state to show, with the
 * reason beside the image field; nothing is stored then.
 */
import type { RequestMeta } from "@/services/platform/audit.ts";
import { addImageToPost, renderMarkdown } from "@/services/content/mod.ts";
import {
  payloadTooLargeMessage,
  UPLOAD_BODY_BYTES,
} from "@/middleware/body_limit.ts";
import { formFailure } from "@/web/form_failure.ts";
import type { PostValues } from "@/web/blog_form.ts";
import type { BlogEditorState } from "./PostEditor.tsx";

export const UPLOAD_ACTION = "upload";

const REFUSED = "The image was not added to the post; see the note beside it.";

/** True when the form holds a file the admin chose. */
function chosenFile(form: FormData): File | null {
  const file = form.get("image");
  return file instanceof File && (file.size > 0 || file.name !== "")
    ? file
    : null;
}

export type ImageStep =
  /** The image (if any) is in `values.bodyMarkdown`; go on. */
  | { kind: "added"; values: PostValues; uploaded: boolean }
  /** Show this state with this status. */
  | { kind: "refused"; state: BlogEditorState; status: number };

/**
 * Uploads the form's chosen image into the post's Markdown (also when the
 * upload button was pressed without a file: that is refused with a note).
 */
export async function imageStep(
  kv: Deno.Kv,
  adminId: string,
  form: FormData,
  values: PostValues,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<ImageStep> {
  const file = chosenFile(form);
  if (!file && form.get("action") !== UPLOAD_ACTION) {
    return { kind: "added", values, uploaded: false };
  }
  const alt = String(form.get("imageAlt") ?? "");
  try {
    const added = await addImageToPost(kv, adminId, {
      file,
      alt,
      bodyMarkdown: values.bodyMarkdown,
    }, meta);
    return {
      kind: "added",
      values: { ...values, bodyMarkdown: added.bodyMarkdown },
      uploaded: true,
    };
  } catch (error) {
    const failure = formFailure(error);
    return {
      kind: "refused",
      status: failure.status,
      state: {
        values,
        errors: {},
        notice: { tone: "error", text: REFUSED },
        previewHtml: renderMarkdown(values.bodyMarkdown),
        image: {
          alt,
          error: failure.errors.file ?? failure.message ??
            "The image could not be uploaded.",
        },
      },
    };
  }
}

/** The editor after an upload: the image is in the text, not yet saved. */
export function uploadedState(values: PostValues): BlogEditorState {
  return {
    values,
    errors: {},
    notice: {
      tone: "success",
      text:
        "The image was uploaded and added at the end of the post. Save the post to keep it there.",
    },
    previewHtml: renderMarkdown(values.bodyMarkdown),
  };
}

/**
 * The editor when the form was larger than a request may be (the body is
 * not read, so what was typed is lost; `values` is what to show instead).
 */
export function tooLargeState(values: PostValues): BlogEditorState {
  return {
    values,
    errors: {},
    notice: { tone: "error", text: REFUSED },
    previewHtml: renderMarkdown(values.bodyMarkdown),
    image: { alt: "", error: payloadTooLargeMessage(UPLOAD_BODY_BYTES) },
  };
}
