import { useState } from "preact/hooks";

export default function Counter(props: { start: number; label: string }) {
  const [count, setCount] = useState(props.start);
  return (
    <button type="button" onClick={() => setCount(count + 1)}>
      {props.label}: <span class="count">{count}</span>
    </button>
  );
}

/** A second island in the same file, to test named exports. */
export function Display(props: { text: string }) {
  return <output>{props.text}</output>;
}
