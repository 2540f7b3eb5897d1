import type { PageProps } from "../../types.ts";
import { HttpError } from "../../http_error.ts";

export default function ErrorPage({ error }: PageProps) {
  const status = error instanceof HttpError ? error.status : 500;
  return <h1 id="http-error">Error {status}</h1>;
}
