/**
 * Development entry point (`deno task dev`): regenerates the route manifest
 * and rebuilds islands and CSS, then starts the app. The task runs this file
 * under `deno run --watch`, so any change restarts it and rebuilds.
 */
import { dev } from "./framework/dev.ts";

await dev(Deno.cwd());
await import("./main.ts");
