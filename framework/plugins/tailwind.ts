/**
 * Tailwind CSS v4 as a build plugin: runs the Tailwind CLI on the input
 * stylesheet (Tailwind scans the project's sources from the root by itself)
 * and writes the result content-hashed to `<outDir>/css/styles-<hash>.css`.
 */
import { join, resolve } from "node:path";
import type { Plugin } from "../types.ts";

/** The CLI version; pinned because later builds lack platform packages here. */
const TAILWIND_CLI = "npm:@tailwindcss/cli@4.3.3";

export interface TailwindOptions {
  /** The input stylesheet, relative to the project root. Default `static/styles.css`. */
  input?: string;
}

/** A plugin that builds the project's Tailwind stylesheet. */
export function tailwind(options: TailwindOptions = {}): Plugin {
  const input = options.input ?? "static/styles.css";
  return {
    name: "tailwind",
    // The source stylesheet is not CSS a browser can use: serve only the build.
    inputs: [input],
    async build({ root, outDir, dev }) {
      const cssDir = join(outDir, "css");
      await Deno.mkdir(cssDir, { recursive: true });
      const tempFile = await Deno.makeTempFile({ suffix: ".css" });
      try {
        const args = ["run", "-A", TAILWIND_CLI, "-i", input, "-o", tempFile];
        if (!dev) args.push("--minify");
        const run = await new Deno.Command(Deno.execPath(), {
          args,
          cwd: resolve(root),
          stdin: "null",
          stdout: "piped",
          stderr: "piped",
        }).output();
        if (!run.success) {
          throw new Error(
            `Tailwind failed on ${input}:\n${
              new TextDecoder().decode(run.stderr)
            }`,
          );
        }
        const css = await Deno.readFile(tempFile);
        const name = `styles-${await shortHash(css)}.css`;
        await Deno.writeFile(join(cssDir, name), css);
        await removeOldStylesheets(cssDir, name);
        return { css: [`css/${name}`] };
      } finally {
        await Deno.remove(tempFile).catch(() => {});
      }
    },
  };
}

async function shortHash(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest).slice(0, 8))
    .map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function removeOldStylesheets(cssDir: string, keep: string) {
  for await (const entry of Deno.readDir(cssDir)) {
    if (
      entry.isFile && /^styles-[0-9a-f]+\.css$/.test(entry.name) &&
      entry.name !== keep
    ) {
      await Deno.remove(join(cssDir, entry.name));
    }
  }
}
