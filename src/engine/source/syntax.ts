// A plain-JS copy of a tree-sitter tree, made in one cursor walk so the WASM tree can be freed
// at once and facts, rules and fixes never pay the JS↔WASM cost per node visit again.
import type { Language, Tree } from 'web-tree-sitter';

export interface SyntaxNode {
  readonly type: string;
  /** Offsets into the decoded text (UTF-16 code units). */
  readonly start: number;
  readonly end: number;
  /** The grammar field this node fills in its parent (`name`, `body`, `function`, …). */
  readonly field: string | null;
  readonly isNamed: boolean;
  /** An ERROR node or a MISSING token inserted by error recovery. */
  readonly isError: boolean;
  readonly parent: SyntaxNode | null;
  readonly children: SyntaxNode[];
  /** Source text, kept only for leaves (identifiers, keywords, numbers, string pieces). */
  readonly text: string;
}

/** Punctuation that no fact or rule looks at; dropping it keeps the copy small. */
const DROPPED_TOKENS = new Set(['(', ')', '[', ']', '{', '}', ',', ':', ';', '.', '->', '\\']);

/** tree-sitter's id for ERROR nodes (outside the grammar's own type table). */
const ERROR_TYPE_ID = 0xffff;

interface TypeTable {
  readonly names: string[];
  readonly named: boolean[];
  readonly fields: (string | null)[];
}
const typeTables = new WeakMap<Language, TypeTable>();

function typeTable(language: Language): TypeTable {
  let table = typeTables.get(language);
  if (!table) {
    const names: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      names.push(language.nodeTypeForId(id) ?? '');
      named.push(language.nodeTypeIsNamed(id));
    }
    const fields: (string | null)[] = [null];
    for (let id = 1; id <= language.fieldCount; id++) fields.push(language.fieldNameForId(id));
    table = { names, named, fields };
    typeTables.set(language, table);
  }
  return table;
}

/** Copy `tree` into plain nodes. Iterative: 10,000 nested brackets must not overflow the stack. */
export function copyTree(tree: Tree, text: string): { root: SyntaxNode; errorCount: number } {
  const table = typeTable(tree.language);
  const cursor = tree.walk();
  // Each cursor getter is a call into WASM: ask only what the type table cannot tell.
  const mayHaveErrors = tree.rootNode.hasError;
  let errorCount = 0;
  try {
    const make = (parent: SyntaxNode | null): SyntaxNode => {
      const typeId = cursor.nodeTypeId;
      const missing = mayHaveErrors && cursor.nodeIsMissing;
      const name = typeId === ERROR_TYPE_ID ? 'ERROR' : (table.names[typeId] ?? '');
      const type = missing ? `MISSING ${name}` : name;
      const isError = typeId === ERROR_TYPE_ID || missing;
      if (isError) errorCount++;
      return {
        type,
        start: cursor.startIndex,
        end: cursor.endIndex,
        field: table.fields[cursor.currentFieldId] ?? null,
        isNamed: isError || (table.named[typeId] ?? false),
        isError,
        parent,
        children: [],
        text: '',
      };
    };
    const root = make(null);
    const stack: SyntaxNode[] = [root];
    // Depth-first: on entering a node, descend; on leaving, try the next sibling or go up.
    let current = root;
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const child = make(current);
        if (keep(child)) current.children.push(child);
        stack.push(child);
        current = child;
        continue;
      }
      finishLeaf(current, text);
      for (;;) {
        if (cursor.gotoNextSibling()) {
          stack.pop();
          const parent = stack[stack.length - 1]!;
          const sibling = make(parent);
          if (keep(sibling)) parent.children.push(sibling);
          stack.push(sibling);
          current = sibling;
          break;
        }
        if (!cursor.gotoParent()) return { root, errorCount };
        stack.pop();
        current = stack[stack.length - 1]!;
      }
    }
  } finally {
    cursor.delete();
  }
}

function keep(node: SyntaxNode): boolean {
  return node.isNamed || node.isError || !DROPPED_TOKENS.has(node.type);
}

function finishLeaf(node: SyntaxNode, text: string): void {
  if (node.children.length === 0) (node as { text: string }).text = text.slice(node.start, node.end);
}

/** First child filling `field`. */
export function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return node.children.find((c) => c.field === name);
}

/** All children filling `field`. */
export function fields(node: SyntaxNode, name: string): SyntaxNode[] {
  return node.children.filter((c) => c.field === name);
}

export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.isNamed);
}

/**
 * Every node below `root` (root included), in source order. Uses an explicit stack.
 * `enter` may return false to skip a node's subtree.
 */
export function walk(root: SyntaxNode, enter: (node: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** Nearest ancestor (not the node itself) whose type is in `types`. */
export function ancestor(node: SyntaxNode, types: ReadonlySet<string> | string): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (typeof types === 'string' ? p.type === types : types.has(p.type)) return p;
  }
  return undefined;
}

/** Text of any node (leaves carry theirs; inner nodes slice the source). */
export function nodeText(node: SyntaxNode, source: string): string {
  return node.children.length === 0 ? node.text : source.slice(node.start, node.end);
}
