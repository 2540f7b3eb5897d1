export const handler = {
  GET(): Response {
    throw new Error("the boom route exploded");
  },
};

export default function Boom() {
  return <p>never</p>;
}
