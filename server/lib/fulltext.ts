/**
 * Taiga's full-text matching (`taiga/base/utils/db.py` `to_tsquery` + PostgreSQL's `simple`
 * configuration), as pure functions for SQLite: every word of the query is a **prefix** match, words
 * are AND-ed, `"quoted text"` is literal, and `and` / `or` / `not` / parentheses are operators. A
 * document is a list of weighted fields (A subject+ref, B tags, C description for items; A slug, B
 * content for wiki pages); the rank sums, per matched term, the best weight it was found in
 * (`ts_rank`'s default weights A 1.0, B 0.4, C 0.2, D 0.1).
 */

export type Weight = "A" | "B" | "C" | "D";
export const WEIGHTS: Record<Weight, number> = { A: 1, B: 0.4, C: 0.2, D: 0.1 };

type Node =
  | { kind: "term"; text: string; prefix: boolean }
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "not"; node: Node };

export type Query = Node | null;

type Token = { kind: "term"; text: string; prefix: boolean } | { kind: "op"; op: "&" | "|" | "!" | "(" | ")" };

const MAGIC: Record<string, "&" | "|" | "!" | "(" | ")"> = { and: "&", or: "|", not: "!", AND: "&", OR: "|", NOT: "!", "(": "(", ")": ")" };

/** Lower-cased words of a text as PostgreSQL's `simple` parser splits them (hyphenated words also whole). */
export function lexemes(text: string): string[] {
  const out: string[] = [];
  for (const chunk of text.toLowerCase().split(/[^\p{L}\p{N}_-]+/u)) {
    if (!chunk) continue;
    const parts = chunk.split(/[-_]+/).filter(Boolean);
    if (parts.length > 1) out.push(chunk.replace(/^[-_]+|[-_]+$/g, ""));
    out.push(...parts);
  }
  return out.filter(Boolean);
}

/** Splits the query the way `to_tsquery` escapes it: quoted strings, parentheses, magic words, plain words. */
function tokenize(term: string): Token[] {
  const tokens: Token[] = [];
  for (const bit of term.split(/((?:".*?")|[()])/)) {
    if (!bit) continue;
    const words = bit.startsWith('"') && bit.endsWith('"') ? [bit] : bit.trim().split(/\s+/);
    for (const raw of words) {
      if (!raw) continue;
      const op = MAGIC[raw];
      if (op) {
        tokens.push({ kind: "op", op });
        continue;
      }
      const word = raw.replace(/['\\]/g, "");
      if (!word) continue;
      if (word.startsWith('"') && word.endsWith('"') && word.length > 2) tokens.push({ kind: "term", text: word.slice(1, -1).toLowerCase(), prefix: false });
      else if (word !== '"') tokens.push({ kind: "term", text: word.replace(/"/g, "").toLowerCase(), prefix: true });
    }
  }
  return tokens;
}

/** Parses a search text into a boolean query (null = match everything). Unbalanced operators are dropped as `to_tsquery` does. */
export function parseQuery(text: string): Query {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const parseOr = (): Node | null => {
    let left = parseAnd();
    while (peek()?.kind === "op" && (peek() as { op: string }).op === "|") {
      pos++;
      const right = parseAnd();
      if (left && right) left = { kind: "or", left, right };
      else left = left ?? right;
    }
    return left;
  };
  const parseAnd = (): Node | null => {
    let left = parseUnary();
    for (;;) {
      const t = peek();
      if (!t || (t.kind === "op" && (t.op === "|" || t.op === ")"))) break;
      if (t.kind === "op" && t.op === "&") pos++;
      const right = parseUnary();
      if (left && right) left = { kind: "and", left, right };
      else left = left ?? right;
      if (!right && pos >= tokens.length) break;
    }
    return left;
  };
  const parseUnary = (): Node | null => {
    const t = tokens[pos];
    if (!t) return null;
    pos++;
    if (t.kind === "term") {
      // a term PostgreSQL splits in several lexemes needs all of them
      const parts = lexemes(t.text);
      if (parts.length === 0) return null;
      return parts.map((p): Node => ({ kind: "term", text: p, prefix: t.prefix })).reduce((a, b) => ({ kind: "and", left: a, right: b }));
    }
    if (t.op === "!") {
      const node = parseUnary();
      return node ? { kind: "not", node } : null;
    }
    if (t.op === "(") {
      const inner = parseOr();
      if (peek()?.kind === "op" && (peek() as { op: string }).op === ")") pos++;
      return inner;
    }
    return null; // a stray operator
  };
  let result: Node | null = null;
  while (pos < tokens.length) {
    const next = parseOr();
    if (next) result = result ? { kind: "and", left: result, right: next } : next;
    else pos++;
  }
  return result;
}

export interface Field {
  text: string;
  weight: Weight;
}

/** The rank of a document for a query, or null when it does not match. A null query matches with rank 0. */
export function rankDocument(query: Query, fields: readonly Field[]): number | null {
  if (query === null) return 0;
  const indexed = fields.map((f) => ({ words: lexemes(f.text), weight: WEIGHTS[f.weight] }));
  const termWeight = (n: { text: string; prefix: boolean }): number => {
    let best = 0;
    for (const f of indexed) if (f.words.some((w) => (n.prefix ? w.startsWith(n.text) : w === n.text))) best = Math.max(best, f.weight);
    return best;
  };
  const evaluate = (n: Node): number | null => {
    switch (n.kind) {
      case "term": {
        const w = termWeight(n);
        return w > 0 ? w : null;
      }
      case "not":
        return evaluate(n.node) === null ? 0 : null;
      case "and": {
        const l = evaluate(n.left);
        const r = l === null ? null : evaluate(n.right);
        return l === null || r === null ? null : l + r;
      }
      case "or": {
        const l = evaluate(n.left);
        const r = evaluate(n.right);
        return l === null && r === null ? null : (l ?? 0) + (r ?? 0);
      }
    }
  };
  return evaluate(query);
}
