export default function About() {
  return <h1 class="p-4">About</h1>;
}
