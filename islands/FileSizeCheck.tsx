/**
 * Refuses a file that is too large as soon as it is chosen, before any of it
 * is sent: the reason appears under the file field and the form is not
 * submitted until a smaller file is chosen. Without JavaScript the server
 * answers the same way, on the same page, after the upload.
 */
import { useEffect, useState } from "preact/hooks";

export interface FileSizeCheckProps {
  /** The id of the server-rendered `<input type="file">`. */
  inputId: string;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** What to say when the chosen file is larger. */
  message: string;
}

export default function FileSizeCheck(
  { inputId, maxBytes, message }: FileSizeCheckProps,
) {
  const [tooLarge, setTooLarge] = useState(false);
  const noteId = `${inputId}-size-error`;

  useEffect(() => {
    const input = document.getElementById(inputId);
    if (!(input instanceof HTMLInputElement)) return;
    const isTooLarge = () =>
      [...(input.files ?? [])].some((file) => file.size > maxBytes);
    const check = () => {
      const refused = isTooLarge();
      setTooLarge(refused);
      if (refused) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-errormessage", noteId);
      } else {
        input.removeAttribute("aria-errormessage");
      }
    };
    const refuseSubmit = (event: SubmitEvent) => {
      if (isTooLarge()) {
        event.preventDefault();
        setTooLarge(true);
        input.focus();
      }
    };
    input.addEventListener("change", check);
    input.form?.addEventListener("submit", refuseSubmit);
    // A file chosen before this island started is checked now.
    if (input.files?.length) check();
    return () => {
      input.removeEventListener("change", check);
      input.form?.removeEventListener("submit", refuseSubmit);
    };
  }, [inputId, maxBytes]);

  return (
    <p
      id={noteId}
      role="alert"
      class={tooLarge ? "mt-1.5 text-sm font-medium text-red-800" : "sr-only"}
    >
      {tooLarge ? message : ""}
    </p>
  );
}
