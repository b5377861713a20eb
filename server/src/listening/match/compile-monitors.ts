import { parseQuery } from '../query/parse-query.ts';
import { primaryLanguage, QueryError, type QueryNode, type TokenPattern } from '../query/query-ast.ts';

export interface MonitorDefinition {
  id: string;
  query: string;
  /** Restricts the monitor to posts in this language (same as adding `lang:xx` to the query). */
  language?: string;
}

/** Boolean tree over shared leaf ids: a leaf is a term or phrase, stored once for all monitors. */
export type CompiledNode =
  | { op: 'leaf'; leaf: number }
  | { op: 'lang'; language: string }
  | { op: 'and' | 'or'; children: CompiledNode[] }
  | { op: 'not'; child: CompiledNode };

export interface CompiledMonitor {
  id: string;
  tree: CompiledNode;
}

export interface MonitorSet {
  monitors: CompiledMonitor[];
  /** Monitors whose query did not parse; they never match. */
  rejected: { id: string; error: QueryError }[];
  leaves: TokenPattern[][];
  /** First token of a leaf (exact) → leaf ids. */
  exactIndex: Map<string, number[]>;
  /** First token of a leaf that ends in a wildcard → leaf ids; probed with each length below. */
  prefixIndex: Map<string, number[]>;
  prefixLengths: number[];
  /** Leaf id → indexes of the monitors that use it. */
  leafMonitors: number[][];
  /** Scratch stamps so one post's evaluation never allocates per leaf or monitor. */
  scratch: { generation: number; leafSeen: Uint32Array; monitorSeen: Uint32Array };
}

/**
 * Compiles monitor queries into one shared inverted index. A post is tokenized once, its tokens
 * select candidate leaves (phrases checked by position), and only monitors owning a matched leaf
 * evaluate their boolean tree. Queries that could match without any term are refused at parse time,
 * which is what makes skipping the other monitors correct.
 */
export function compileMonitors(definitions: MonitorDefinition[]): MonitorSet {
  const leafIds = new Map<string, number>();
  const leaves: TokenPattern[][] = [];
  const leafMonitors: number[][] = [];
  const monitors: CompiledMonitor[] = [];
  const rejected: MonitorSet['rejected'] = [];

  const leafFor = (patterns: TokenPattern[], monitorIndex: number): number => {
    const key = patterns.map((p) => (p.isPrefix ? `${p.value}*` : p.value)).join('\u0000');
    let leaf = leafIds.get(key);
    if (leaf === undefined) {
      leaf = leaves.length;
      leafIds.set(key, leaf);
      leaves.push(patterns);
      leafMonitors.push([]);
    }
    const owners = leafMonitors[leaf]!;
    if (owners[owners.length - 1] !== monitorIndex) owners.push(monitorIndex);
    return leaf;
  };

  const compile = (node: QueryNode, monitorIndex: number): CompiledNode => {
    switch (node.kind) {
      case 'text':
        return { op: 'leaf', leaf: leafFor(node.patterns, monitorIndex) };
      case 'lang':
        return { op: 'lang', language: node.language };
      case 'not':
        return { op: 'not', child: compile(node.child, monitorIndex) };
      case 'and':
      case 'or':
        return { op: node.kind, children: node.children.map((child) => compile(child, monitorIndex)) };
    }
  };

  for (const definition of definitions) {
    let ast: QueryNode;
    try {
      ast = parseQuery(definition.query);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      rejected.push({ id: definition.id, error });
      continue;
    }
    const monitorIndex = monitors.length;
    let tree = compile(ast, monitorIndex);
    if (definition.language) {
      tree = { op: 'and', children: [{ op: 'lang', language: primaryLanguage(definition.language) }, tree] };
    }
    monitors.push({ id: definition.id, tree });
  }

  const exactIndex = new Map<string, number[]>();
  const prefixIndex = new Map<string, number[]>();
  const prefixLengths = new Set<number>();
  leaves.forEach((patterns, leaf) => {
    const first = patterns[0]!;
    const index = first.isPrefix ? prefixIndex : exactIndex;
    if (first.isPrefix) prefixLengths.add(first.value.length);
    const list = index.get(first.value);
    if (list) list.push(leaf);
    else index.set(first.value, [leaf]);
  });

  return {
    monitors,
    rejected,
    leaves,
    exactIndex,
    prefixIndex,
    prefixLengths: [...prefixLengths].sort((a, b) => a - b),
    leafMonitors,
    scratch: {
      generation: 0,
      leafSeen: new Uint32Array(leaves.length),
      monitorSeen: new Uint32Array(monitors.length),
    },
  };
}
