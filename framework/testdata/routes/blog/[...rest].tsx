import type { PageProps } from "../../../types.ts";

export default function BlogRest({ params }: PageProps) {
  return <p class="rest">{params.rest}</p>;
}
