/**
 * Copy and print for freshly shown recovery codes. Both need JavaScript, so
 * the buttons appear only once it runs; the download link beside them
 * (a plain data: URL) works without it.
 */
import { useEffect, useState } from "preact/hooks";
import { buttonClasses } from "@/components/Button.tsx";

export interface RecoveryCodeActionsProps {
  /** The codes as the downloaded file has them, one a line. */
  text: string;
}

export default function RecoveryCodeActions(
  { text }: RecoveryCodeActionsProps,
) {
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState("");
  useEffect(() => setReady(true), []);
  if (!ready) return null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied to the clipboard.");
    } catch {
      setStatus("Copying is blocked here: select the codes and copy them.");
    }
  };
  return (
    <>
      <button
        type="button"
        class={buttonClasses("secondary")}
        onClick={copy}
      >
        Copy codes
      </button>
      <button
        type="button"
        class={buttonClasses("secondary")}
        onClick={() => globalThis.print()}
      >
        Print
      </button>
      <span role="status" class="self-center text-sm text-slate-700">
        {status}
      </span>
    </>
  );
}
