/**
 * Reading an upload from a multipart/form-data body, the one way every API
 * upload does it: another content type, a body that cannot be parsed, or a
 * `file` field that is missing or text is a 400 on `file` saying what to
 * send; a body over the route's limit stays a PayloadTooLargeError (413).
 */
import { PayloadTooLargeError } from "@/middleware/body_limit.ts";
import { ApiError } from "./errors.ts";
import type { ApiContext } from "./http.ts";

/** Whether the request says it carries multipart/form-data. */
export function isMultipart(c: ApiContext): boolean {
  return (c.req.header("content-type") ?? "").toLowerCase()
    .startsWith("multipart/form-data");
}

/**
 * The `file` field and the rest of the form. `noun` names what is sent in
 * the messages ("an image", "a file"), `verb` what the person is doing
 * ("upload", "send").
 */
export async function readUploadForm(
  c: ApiContext,
  words: { noun: "file" | "image"; verb: "upload" | "send" },
): Promise<{ file: File; form: FormData }> {
  const refuse = (reason: string): never => {
    throw new ApiError(400, "validation_error", "The file was not accepted.", {
      file: [reason],
    });
  };
  if (!isMultipart(c)) {
    refuse(
      `Send the ${words.noun} as multipart/form-data in a field named file.`,
    );
  }
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    return refuse("The multipart body could not be read.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) {
    const article = words.noun === "image" ? "an" : "a";
    return refuse(
      `Choose ${article} ${words.noun} to ${words.verb} in the field named file.`,
    );
  }
  return { file, form };
}

/** A text field of the form, "" when absent or not text. */
export function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
