/**
 * Taiga's `q` list filter (taiga/base/filters.py QFilter + taiga/base/utils/db.py to_tsquery) without
 * PostgreSQL: the text `subject tags ref description` is matched against the search words the way
 * `to_tsvector('simple', text) @@ to_tsquery('simple', escaped q)` does.
 *
 * - Every word is a **prefix** (`templ` finds "template"), words are AND-ed.
 * - `"quoted text"` is literal: no prefix, and its words must follow each other (a phrase).
 * - `and`, `or`, `not` (also upper case) and parentheses are operators; other punctuation is dropped
 *   (`|`, `&` and `!` are not operators: `create | user` means `create & user`).
 * - A word made of several tokens (`get_actions`, `x-sendfile`) is a phrase of them.
 * - A search with no word left (`and`, `&`) finds nothing.
 *
 * Tokens follow PostgreSQL's default parser closely enough for a search box: runs of letters and
 * digits; `1.6` or `config.json` stay one token; a hyphenated word gives the whole word and then its
 * parts; everything else separates tokens. Lower-cased ("simple" dictionary, no stop words).
 *
 * `rowMatcher(q)` tests item rows (subject, tags JSON, ref, description).
 */

/* ------------------------------------------------------------------ tokens ------------------------------------------------------------------ */

const WORD = /[\p{L}\p{N}]+(?:[.-][\p{L}\p{N}]+)*/gu;

/** The lexemes of a text, in position order. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (!word.includes("-")) {
      out.push(word);
      continue;
    }
    // a hyphenated word: the compound, then each part (a dotted part such as "1.6" stays whole)
    out.push(word);
    for (const part of word.split("-")) if (part) out.push(part);
  }
  return out;
}

/* ------------------------------------------------------------------ query ------------------------------------------------------------------ */

type Node =
  | { kind: "term"; lexemes: string[]; prefix: boolean }
  | { kind: "not"; child: Node }
  | { kind: "and" | "or"; left: Node; right: Node };

const MAGIC: Record<string, string> = { and: "&", or: "|", not: "!", AND: "&", OR: "|", NOT: "!", "(": "(", ")": ")" };
const OPERATORS = new Set(["&", "|", "!", "(", ")"]);

type QToken = { op: string } | { term: string; prefix: boolean };

/**
 * The token stream Taiga's `to_tsquery()` escaping produces from the raw search text: operators are
 * kept only where they make sense, every term is followed by an implicit AND, dangling operators are
 * dropped and open parentheses closed.
 */
function escapeQuery(raw: string): QToken[] {
  const res: QToken[] = [];
  const last = (): string => {
    const l = res[res.length - 1];
    return l === undefined ? "" : "op" in l ? l.op : "term";
  };
  let open = 0;
  for (const chunk of raw.split(/((?:".*?")|[()])/)) {
    if (!chunk) continue;
    const words = chunk.startsWith('"') && chunk.endsWith('"') ? [chunk] : chunk.trim().split(/\s+/);
    for (const word of words) {
      if (!word) continue;
      const op = MAGIC[word];
      if (op !== undefined) {
        const prev = last();
        if (op === ")") {
          if (prev === "(") {
            open -= 1;
            res.pop();
            continue;
          }
          if (open === 0) continue;
          if (OPERATORS.has(prev) && prev !== "(") res.pop();
        } else if (op === "|" && prev === "&") {
          res.pop();
        } else if (op !== "!" && op !== "(" && (OPERATORS.has(prev) || prev === "")) {
          continue;
        }
        if (op === ")") open -= 1;
        else if (op === "(") open += 1;
        res.push({ op });
        if (op === ")") res.push({ op: "&" });
        continue;
      }
      const cleaned = word.replace(/['\\]/g, "");
      if (!cleaned) continue;
      if (cleaned.startsWith('"') && cleaned.endsWith('"') && cleaned.length > 2) res.push({ term: cleaned.slice(1, -1), prefix: false });
      else res.push({ term: cleaned, prefix: true });
      res.push({ op: "&" });
    }
  }
  for (;;) {
    const l = last();
    if (!OPERATORS.has(l) || l === ")") break;
    if (l === "(") open -= 1;
    res.pop();
  }
  for (; open > 0; open--) res.push({ op: ")" });
  return res;
}

/**
 * Parses the escaped stream with tsquery's precedence (`!` over `&` over `|`). Operands without a
 * lexeme vanish, as PostgreSQL drops stop words: `a & <nothing>` is `a`. Returns null for no query.
 */
function parse(tokens: QToken[]): Node | null {
  let i = 0;
  const peekOp = (): string | undefined => {
    const t = tokens[i];
    return t && "op" in t ? t.op : undefined;
  };
  const combine = (kind: "and" | "or", left: Node | null, right: Node | null): Node | null => (left && right ? { kind, left, right } : (left ?? right));

  function primary(): Node | null {
    const t = tokens[i];
    if (!t) return null;
    if ("term" in t) {
      i++;
      const lexemes = tokenize(t.term);
      return lexemes.length ? { kind: "term", lexemes, prefix: t.prefix } : null;
    }
    if (t.op === "!") {
      i++;
      const child = primary();
      return child ? { kind: "not", child } : null;
    }
    if (t.op === "(") {
      i++;
      const inner = or();
      if (peekOp() === ")") i++;
      return inner;
    }
    // a stray operator where an operand belongs: skip it
    i++;
    return null;
  }
  function and(): Node | null {
    let left = primary();
    while (peekOp() === "&") {
      i++;
      left = combine("and", left, primary());
    }
    return left;
  }
  function or(): Node | null {
    let left = and();
    while (peekOp() === "|") {
      i++;
      left = combine("or", left, and());
    }
    return left;
  }
  let node: Node | null = null;
  while (i < tokens.length) {
    const before = i;
    node = combine("and", node, or());
    if (i === before) i++;
  }
  return node;
}

/** A compiled search: `matches(text)`; `null` when the search has no word (it finds nothing). */
export interface TextQuery {
  matches: (lexemes: string[]) => boolean;
}

export function compileQuery(raw: string): TextQuery | null {
  const root = parse(escapeQuery(raw));
  if (!root) return null;
  const hit = (token: string | undefined, lexeme: string, prefix: boolean): boolean => token !== undefined && (prefix ? token.startsWith(lexeme) : token === lexeme);
  const evaluate = (node: Node, doc: string[]): boolean => {
    switch (node.kind) {
      case "term": {
        const [first, ...rest] = node.lexemes as [string, ...string[]];
        for (let p = 0; p < doc.length; p++) {
          if (hit(doc[p], first, node.prefix) && rest.every((lex, k) => hit(doc[p + k + 1], lex, node.prefix))) return true;
        }
        return false;
      }
      case "not":
        return !evaluate(node.child, doc);
      case "and":
        return evaluate(node.left, doc) && evaluate(node.right, doc);
      case "or":
        return evaluate(node.left, doc) || evaluate(node.right, doc);
    }
  };
  return { matches: (doc) => evaluate(root, doc) };
}

/* ------------------------------------------------------------------ items ------------------------------------------------------------------ */

const queries = new Map<string, TextQuery | null>();
const documents = new Map<string, string[]>();
const CACHE_LIMIT = 50_000;

function cached<V>(map: Map<string, V>, key: string, make: () => V): V {
  if (map.has(key)) return map.get(key) as V;
  if (map.size >= CACHE_LIMIT) map.clear();
  const value = make();
  map.set(key, value);
  return value;
}

/** The searchable text of an item, as QFilter concatenates it: subject, tags, ref, description. */
export function searchText(subject: string, tagsJson: string, ref: number | string, description: string): string {
  let tags: unknown;
  try {
    tags = JSON.parse(tagsJson);
  } catch {
    tags = [];
  }
  return `${subject} ${Array.isArray(tags) ? tags.join(" ") : ""} ${ref} ${description}`;
}

export interface SearchableRow {
  subject: string;
  tags: string;
  ref: number;
  description: string;
}

/** A predicate for `q` over item rows (queries and token lists are cached across requests). */
export function rowMatcher(q: string): (row: SearchableRow) => boolean {
  const query = cached(queries, q, () => compileQuery(q));
  if (!query) return () => false;
  return (row) => {
    const text = searchText(row.subject, row.tags, row.ref, row.description);
    return query.matches(cached(documents, text, () => tokenize(text)));
  };
}
