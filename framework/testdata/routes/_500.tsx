import type { PageProps } from "../../types.ts";

export default function ServerError({ error }: PageProps) {
  return (
    <main>
      <h1>Something broke</h1>
      <p class="error">{error instanceof Error ? error.message : "unknown"}</p>
    </main>
  );
}
