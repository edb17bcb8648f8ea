// A stored app document is never changed in place (writes replace it), so each is serialized once: a full list of
// thousands of apps then costs a string join, and every watch stream sending a change shares one serialization,
// which keeps the simulator's own overhead out of benchmark figures.
const serialized = new WeakMap<object, string>();

/** `JSON.stringify` of a document that is never changed in place, computed once per document. */
export function toJson(value: object): string {
  let json = serialized.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    serialized.set(value, json);
  }
  return json;
}
