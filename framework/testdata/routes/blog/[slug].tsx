import { define } from "../../define.ts";

export const handler = define.handlers<{ slug: string; trail: string[] }>({
  GET(_req, ctx) {
    return ctx.render({ slug: ctx.params.slug, trail: ctx.state.trail });
  },
});

export default define.page<typeof handler>(function Post({ data, route }) {
  return (
    <article>
      <h1 class="slug">{data.slug}</h1>
      <p class="route">{route}</p>
      <p class="trail">{data.trail.join(">")}</p>
    </article>
  );
});
