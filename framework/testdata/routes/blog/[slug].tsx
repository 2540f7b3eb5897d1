import type { Handlers, PageProps } from "../../../types.ts";

export const handler: Handlers<{ slug: string; trail: string[] }> = {
  GET(_req, ctx) {
    return ctx.render({
      slug: ctx.params.slug,
      trail: ctx.state.trail as string[],
    });
  },
};

export default function Post(
  { data, route }: PageProps<{ slug: string; trail: string[] }>,
) {
  return (
    <article>
      <h1 class="slug">{data.slug}</h1>
      <p class="route">{route}</p>
      <p class="trail">{data.trail.join(">")}</p>
    </article>
  );
}
