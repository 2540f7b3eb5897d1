import Counter from "../islands/Counter.tsx";

export default function BadIsland() {
  // deno-lint-ignore no-explicit-any
  const props: any = { start: 1, label: "x", onClick: () => {} };
  return <Counter {...props} />;
}
