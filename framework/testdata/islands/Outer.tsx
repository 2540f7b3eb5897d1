import Counter from "./Counter.tsx";

/** An island that renders another island: only the outer one is marked. */
export default function Outer() {
  return (
    <div class="outer">
      <Counter start={5} label="inner" />
    </div>
  );
}
