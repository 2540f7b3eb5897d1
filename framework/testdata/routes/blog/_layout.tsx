import { define } from "../../define.ts";

export default define.layout(function BlogLayout({ Component }) {
  return (
    <section class="layout-blog">
      <Component />
    </section>
  );
});
