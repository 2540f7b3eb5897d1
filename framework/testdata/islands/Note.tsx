import { useState } from "preact/hooks";

/** A controlled textarea and radio group, as a form island holds them. */
export default function Note() {
  const [text, setText] = useState("");
  const [size, setSize] = useState("");
  return (
    <form class="note">
      <textarea
        aria-label="Note"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      {["small", "large"].map((value) => (
        <label key={value}>
          <input
            type="radio"
            name="size"
            value={value}
            checked={size === value}
            onChange={() => setSize(value)}
          />
          {value}
        </label>
      ))}
      <output class="note-state">{`${text}|${size}`}</output>
    </form>
  );
}
