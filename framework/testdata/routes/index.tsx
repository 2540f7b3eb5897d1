import { Head } from "../../runtime.ts";
import type { PageProps } from "../../types.ts";

export default function Home({ state }: PageProps) {
  return (
    <main>
      <Head>
        <title>Home page</title>
        <meta name="description" content="first" />
        <meta name="description" content="second" />
      </Head>
      <h1>Home</h1>
      <p class="trail">{(state.trail as string[]).join(">")}</p>
    </main>
  );
}
