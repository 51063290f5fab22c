/**
 * Compares the JSON shape of an answer with recorded real answers: same keys at every level and
 * value types that the recordings show for that key. A key may be null in our answer only where a
 * recording shows null for it too (or where the caller lists the path in `nullable`).
 */

export type JsonType = "null" | "boolean" | "number" | "string" | "array" | "object";

export interface Shape {
  types: Set<JsonType>;
  keys?: Map<string, Shape>;
  items?: Shape;
}

export interface ShapeOptions {
  /** paths whose object keys are data (e.g. `tags_colors`, `points`): only value types are compared */
  dynamicKeys?: string[];
  /** paths where null and a value are both accepted although the recordings show only one of them */
  nullable?: string[];
  /** paths not compared at all */
  ignore?: string[];
}

const typeOf = (v: unknown): JsonType =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : (typeof v as JsonType);

/** Builds the merged shape of one or more recorded values. */
export function shapeOf(...values: unknown[]): Shape {
  const shape: Shape = { types: new Set() };
  for (const v of values) addToShape(shape, v);
  return shape;
}

function addToShape(shape: Shape, v: unknown): void {
  const t = typeOf(v);
  shape.types.add(t);
  if (t === "object") {
    shape.keys ??= new Map();
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      let s = shape.keys.get(k);
      if (!s) shape.keys.set(k, (s = { types: new Set() }));
      addToShape(s, child);
    }
  } else if (t === "array") {
    for (const item of v as unknown[]) {
      shape.items ??= { types: new Set() };
      addToShape(shape.items, item);
    }
  }
}

const matches = (path: string, patterns: string[] | undefined): boolean =>
  (patterns ?? []).some((p) => p === path || (p.startsWith("*") && path.endsWith(p.slice(1))));

/** Lists every difference between a value and a recorded shape (empty list = same shape). */
export function shapeDiff(actual: unknown, shape: Shape, options: ShapeOptions = {}, path = "$"): string[] {
  if (matches(path, options.ignore)) return [];
  const t = typeOf(actual);
  const out: string[] = [];
  const nullable = matches(path, options.nullable);
  if (!shape.types.has(t)) {
    const onlyNullness = (t === "null" || (shape.types.size === 1 && shape.types.has("null"))) && nullable;
    if (!onlyNullness) return [`${path}: type ${t}, recorded ${[...shape.types].join("|")}`];
    return out;
  }
  if (t === "object" && shape.keys) {
    const obj = actual as Record<string, unknown>;
    if (matches(path, options.dynamicKeys)) {
      const valueShape: Shape = { types: new Set() };
      for (const s of shape.keys.values()) for (const ty of s.types) valueShape.types.add(ty);
      if (valueShape.types.size === 0) return out; // recorded empty: nothing to compare the values with
      for (const [k, v] of Object.entries(obj)) out.push(...shapeDiff(v, valueShape, options, `${path}.${k}`));
      return out;
    }
    const expected = [...shape.keys.keys()];
    const got = Object.keys(obj);
    for (const k of expected) if (!(k in obj) && !matches(`${path}.${k}`, options.ignore)) out.push(`${path}.${k}: missing`);
    for (const k of got) if (!shape.keys.has(k)) out.push(`${path}.${k}: not in the recording`);
    for (const k of got) {
      const s = shape.keys.get(k);
      if (s) out.push(...shapeDiff(obj[k], s, options, `${path}.${k}`));
    }
  } else if (t === "array" && shape.items) {
    (actual as unknown[]).forEach((item, i) => {
      if (i < 50) out.push(...shapeDiff(item, shape.items as Shape, options, `${path}[]`));
    });
  }
  return [...new Set(out)];
}
