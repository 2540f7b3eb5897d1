/**
 * Files sent with messages: reading the multipart body of sending one (the
 * send operation itself is in ./messaging.ts), and handing a file to the
 * conversation's two parties (admins with 2FA too, while the message is
 * reported). Files come from users, so they are served as what their bytes
 * are (nosniff), PDFs as downloads, and under a sandboxing CSP, so even a
 * file opened directly can run nothing on our origin.
 */
import { z } from "zod";
import { owned, signedIn } from "@/auth/policy.ts";
import { ATTACHMENT_TYPES, openAttachment } from "@/services/messaging/mod.ts";
import { fileResponse } from "@/services/storage/mod.ts";
import { type ApiApp, type ApiContext, currentUser } from "@/api/http.ts";
import { isMultipart, readUploadForm, textField } from "@/api/uploads.ts";
import { defineRoute, errorDoc, idParam } from "@/api/route.ts";

/** The multipart form of sending a message (documented; read by the handler). */
export const attachmentUploadSchema = {
  type: "object" as const,
  required: ["file"],
  properties: {
    file: {
      type: "string" as const,
      format: "binary",
      description: "PDF, PNG, JPEG or WebP, up to 10 MB.",
    },
    text: {
      type: "string" as const,
      description: "Optional words with the file (up to 4,000 characters).",
    },
  },
};

/**
 * The file and text of a multipart send, or null for any other body (JSON
 * is validated by the route). A malformed body or a missing file is a 400
 * under `file`.
 */
export async function readMessageUpload(
  c: ApiContext,
): Promise<{ file: File; text: string } | null> {
  if (!isMultipart(c)) return null;
  const { file, form } = await readUploadForm(c, {
    noun: "file",
    verb: "send",
  });
  return { file, text: textField(form, "text") };
}

/** The CSP of a served file: no scripts, no plugins, an opaque origin. */
export const FILE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const fileRoute = defineRoute({
  method: "get",
  path: "/conversations/{id}/messages/{messageId}/file",
  operationId: "getMessageFile",
  summary: "The file sent with a message",
  description:
    "Streamed with its type read from its bytes, `X-Content-Type-Options: nosniff`, a sandboxing Content-Security-Policy and `Cache-Control: private, no-store`; PDFs come as downloads (`Content-Disposition: attachment`), images inline.",
  "x-access": owned(
    signedIn,
    "the caller is one of the conversation's two parties, or an admin with 2FA while the message is reported",
  ),
  request: {
    params: z.object({
      id: idParam("conversation", "The conversation's id."),
      messageId: idParam("message", "The message's id."),
    }),
  },
  responses: {
    200: {
      description: "The file.",
      content: Object.fromEntries(
        ATTACHMENT_TYPES.map((type) => [
          type,
          { schema: { type: "string" as const, format: "binary" } },
        ]),
      ),
    },
    404: errorDoc(
      "No conversation of the caller's has this id, the message has no file, or it was deleted or hidden (error: not_found).",
    ),
  },
});

/** Defines GET /api/conversations/{id}/messages/{messageId}/file on `api`. */
export function messageFileRoutes(api: ApiApp): void {
  api.openapi(fileRoute, async (c) => {
    const { id, messageId } = c.req.valid("param");
    const { attachment, found } = await openAttachment(
      c.env.kv,
      currentUser(c),
      id,
      messageId,
    );
    const response = fileResponse(found, {
      filename: attachment.name,
      download: found.file.contentType === "application/pdf",
    });
    response.headers.set("content-security-policy", FILE_CSP);
    response.headers.set("cross-origin-resource-policy", "same-origin");
    return response;
  });
}
