import { Head } from "../../runtime.ts";
import type { PageProps } from "../../types.ts";

export default function NotFound({ url }: PageProps) {
  return (
    <main>
      <Head>
        <title>Not found</title>
      </Head>
      <h1>Nothing at {url.pathname}</h1>
    </main>
  );
}
