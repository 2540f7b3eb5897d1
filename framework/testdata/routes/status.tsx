import { define } from "../define.ts";

export const handler = define.handlers<string>({
  GET(_req, ctx) {
    return ctx.render("created!", {
      status: 201,
      headers: { "x-custom": "yes" },
    });
  },
});

export default define.page<typeof handler>(function Status({ data }) {
  return <p class="data">{data}</p>;
});
