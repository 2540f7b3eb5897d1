import { HttpError } from "../../http_error.ts";

export const handler = {
  GET(): Response {
    throw new HttpError(403);
  },
};

export default function Private() {
  return <p>never</p>;
}
