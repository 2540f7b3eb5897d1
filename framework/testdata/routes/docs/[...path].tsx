import type { PageProps } from "../../../types.ts";

export default function Docs({ params, route }: PageProps) {
  return <p class="docs">{params.path} via {route}</p>;
}
