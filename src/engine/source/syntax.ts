// A plain-JS copy of a tree-sitter tree, made in one cursor walk so the WASM tree can be freed
// at once and facts, rules and fixes never pay the JS↔WASM cost per node visit again.
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import { wasmModule } from './parser.js';

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

/**
 * Named node types that are grammar terminals (tokens), so never have children: the copy
 * skips asking the cursor for their first child. (`string_content` is not one: it holds
 * `escape_sequence` children.) Checked against node-types.json by test/unit/scale-syntax.test.ts.
 */
export const NAMED_LEAF_TYPES: ReadonlySet<string> = new Set([
  'comment', 'ellipsis', 'escape_interpolation', 'escape_sequence', 'false', 'float', 'identifier',
  'integer', 'line_continuation', 'none', 'string_end', 'string_start', 'true', 'type_conversion',
]);

/**
 * Node types with grammar fields (from tree-sitter-python 0.25's node-types.json): only their
 * children can fill a field, so only there is the cursor asked for the field id.
 */
export const TYPES_WITH_FIELDS: ReadonlySet<string> = new Set([
  'aliased_import', 'as_pattern', 'assignment', 'attribute', 'augmented_assignment', 'binary_operator',
  'block', 'boolean_operator', 'call', 'case_clause', 'class_definition', 'comparison_operator',
  'decorated_definition', 'default_parameter', 'dict_pattern', 'dictionary_comprehension', 'elif_clause',
  'else_clause', 'except_clause', 'exec_statement', 'for_in_clause', 'for_statement', 'format_expression',
  'function_definition', 'future_import_statement', 'generator_expression', 'if_statement',
  'import_from_statement', 'import_statement', 'interpolation', 'keyword_argument', 'lambda',
  'list_comprehension', 'match_statement', 'named_expression', 'not_operator', 'pair', 'print_statement',
  'raise_statement', 'set_comprehension', 'subscript', 'try_statement', 'type_alias_statement',
  'typed_default_parameter', 'typed_parameter', 'unary_operator', 'while_statement', 'with_item',
  'with_statement',
]);

/**
 * The children of every node that has none: one shared, frozen array instead of one per leaf
 * (about half of all nodes), which the copy replaces when a first child arrives.
 */
const NO_CHILDREN = Object.freeze([]) as unknown as SyntaxNode[];

/** tree-sitter's id for ERROR nodes (outside the grammar's own type table). */
const ERROR_TYPE_ID = 0xffff;

/** Per node type id (ERROR mapped to the last slot), what the copy needs to know without asking WASM. */
interface TypeTable {
  readonly names: string[];
  readonly named: boolean[];
  readonly fields: (string | null)[];
  /** The slot ERROR nodes use in the arrays below. */
  readonly errorSlot: number;
  /** Punctuation the copy leaves out. */
  readonly dropped: boolean[];
  /** Terminals: never any children. */
  readonly leaf: boolean[];
  /** A parent whose children may fill fields. */
  readonly hasFields: boolean[];
  /** Keyword and operator tokens: their text is their type, so their length is known (-1: ask). */
  readonly fixedLength: number[];
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
    const errorSlot = names.length;
    names.push('ERROR');
    named.push(true);
    const fields: (string | null)[] = [null];
    for (let id = 1; id <= language.fieldCount; id++) fields.push(language.fieldNameForId(id));
    // `not in` and `is not` are aliases of two-token sequences: they have children.
    const anonymousToken = (id: number) => id !== errorSlot && !named[id] && !names[id]!.includes(' ') && names[id] !== '';
    table = {
      names,
      named,
      fields,
      errorSlot,
      dropped: names.map((name, id) => anonymousToken(id) && DROPPED_TOKENS.has(name)),
      leaf: names.map((name, id) => anonymousToken(id) || (id !== errorSlot && named[id]! && NAMED_LEAF_TYPES.has(name))),
      hasFields: names.map((name, id) => id === errorSlot || TYPES_WITH_FIELDS.has(name)),
      fixedLength: names.map((name, id) => (anonymousToken(id) ? name.length : -1)),
    };
    typeTables.set(language, table);
  }
  return table;
}

/**
 * Copy `tree` into plain nodes. Iterative: 10,000 nested brackets must not overflow the stack.
 *
 * Every cursor getter is a call into WASM (the walk costs more than the parse), so the copy asks
 * only what the type table cannot tell: no extents or field for dropped punctuation, no end for
 * keyword and operator tokens (their length is their type's), no field id where the parent type
 * has no fields, and no "first child?" for terminals. In a tree with syntax errors every extent is
 * read, since error recovery inserts zero-width MISSING tokens.
 */
export function copyTree(tree: Tree, text: string): { root: SyntaxNode; errorCount: number } {
  return copyWith(tree, text, true);
}

/** The same copy through web-tree-sitter's public `TreeCursor` only (the fallback; tests compare the two). */
export function copyTreePortable(tree: Tree, text: string): { root: SyntaxNode; errorCount: number } {
  return copyWith(tree, text, false);
}

function copyWith(tree: Tree, text: string, direct: boolean): { root: SyntaxNode; errorCount: number } {
  const table = typeTable(tree.language);
  const exact = tree.rootNode.hasError;
  // Opened last: the direct cursor lives in the binding's transfer buffer (see `openCursor`).
  const cursor = openCursor(tree, direct);
  try {
    return new TreeCopier(table, cursor, text, exact).copy();
  } finally {
    cursor.close();
  }
}

/**
 * One tree copy. A class, not closures made per file: V8 keeps a closure's optimized code only
 * while some closure of that kind is alive, so closures made per file were re-optimized after
 * every garbage collection; methods are optimized once per thread.
 */
class TreeCopier {
  private readonly table: TypeTable;
  private readonly cursor: CopyCursor;
  private readonly text: string;
  /** A tree with syntax errors: every extent is read (error recovery inserts zero-width MISSING tokens). */
  private readonly exact: boolean;
  errorCount = 0;
  /** The type slot of the node `visit` last saw. */
  private visitedSlot = 0;

  constructor(table: TypeTable, cursor: CopyCursor, text: string, exact: boolean) {
    this.table = table;
    this.cursor = cursor;
    this.text = text;
    this.exact = exact;
  }

  copy(): { root: SyntaxNode; errorCount: number } {
    const { cursor, text } = this;
    const leaf = this.table.leaf;
    const root = this.visit(null, 0)!;
    // The kept ancestors of the cursor's node, and their type slots.
    const parents: SyntaxNode[] = [];
    const parentSlots: number[] = [];
    let node: SyntaxNode | null = root;
    let slot = this.visitedSlot;
    for (;;) {
      // Down: into the first child, unless the node is dropped or a terminal.
      if (node !== null && !leaf[slot] && cursor.firstChild()) {
        parents.push(node);
        parentSlots.push(slot);
        node = this.visit(node, slot);
        slot = this.visitedSlot;
        continue;
      }
      if (node !== null) finish(node, text);
      // Across to the next sibling, or up (finishing each parent left).
      for (;;) {
        if (parents.length === 0) return { root, errorCount: this.errorCount };
        if (cursor.nextSibling()) {
          node = this.visit(parents[parents.length - 1]!, parentSlots[parentSlots.length - 1]!);
          slot = this.visitedSlot;
          break;
        }
        cursor.parent();
        parentSlots.pop();
        finish(parents.pop()!, text);
      }
    }
  }

  /** The cursor's node as a child of `parent` (slot `parentSlot`), or null when it is dropped. */
  private visit(parent: SyntaxNode | null, parentSlot: number): SyntaxNode | null {
    const { cursor, exact } = this;
    const { names, named, fields, errorSlot, dropped, hasFields, fixedLength } = this.table;
    const typeId = cursor.typeId();
    const slot = typeId === ERROR_TYPE_ID ? errorSlot : typeId;
    const missing = exact && cursor.isMissing();
    if (dropped[slot] && !missing) return null;
    const isError = slot === errorSlot || missing;
    if (isError) this.errorCount++;
    const name = names[slot] ?? '';
    const start = cursor.startIndex();
    const length = exact ? -1 : (fixedLength[slot] ?? -1);
    const node: SyntaxNode = {
      type: missing ? `MISSING ${name}` : name,
      start,
      end: length >= 0 ? start + length : cursor.endIndex(),
      field: parent !== null && hasFields[parentSlot] ? (fields[cursor.fieldId()] ?? null) : null,
      isNamed: isError || (named[slot] ?? false),
      isError,
      parent,
      children: NO_CHILDREN,
      text: '',
    };
    if (parent) {
      if (parent.children === NO_CHILDREN) (parent as { children: SyntaxNode[] }).children = [node];
      else parent.children.push(node);
    }
    this.visitedSlot = slot;
    return node;
  }
}

/** The few cursor operations the copy uses. */
interface CopyCursor {
  typeId(): number;
  isMissing(): boolean;
  startIndex(): number;
  endIndex(): number;
  fieldId(): number;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  close(): void;
}

type RawCursorCall = (tree: number) => number;

/** The raw WASM cursor functions, when web-tree-sitter exposed them on its module object. */
const raw = (() => {
  const get = (name: string) => {
    const f = wasmModule[`_ts_tree_cursor_${name}_wasm`];
    return typeof f === 'function' ? (f as RawCursorCall) : undefined;
  };
  return () => {
    const calls = {
      rootNode: wasmModule._ts_tree_root_node_wasm as RawCursorCall | undefined,
      create: get('new'), remove: get('delete'), typeId: get('current_node_type_id'),
      isMissing: get('current_node_is_missing'), startIndex: get('start_index'), endIndex: get('end_index'),
      fieldId: get('current_field_id'), firstChild: get('goto_first_child'), nextSibling: get('goto_next_sibling'),
      parent: get('goto_parent'),
    };
    return Object.values(calls).every((f) => typeof f === 'function') ? (calls as { [K in keyof typeof calls]: RawCursorCall }) : null;
  };
})();

type RawCursorCalls = NonNullable<ReturnType<typeof raw>>;

/**
 * A cursor on the tree's root. The fast path calls web-tree-sitter's C binding directly: a
 * cursor lives in the binding's transfer buffer between calls, and the public `TreeCursor`
 * copies it in and out of that buffer on every call (over half the walk's time). Nothing else
 * may touch the buffer while the copy runs, which holds: the copy is synchronous and calls
 * nothing else. Falls back to the public API when the binding is not laid out as expected.
 */
function openCursor(tree: Tree, direct: boolean): CopyCursor {
  const address = (tree as unknown as Record<number, unknown>)[0];
  const calls = direct && typeof address === 'number' && address !== 0 ? raw() : null;
  return calls ? new DirectCursor(calls, address as number) : new PortableCursor(tree.walk());
}

/** The fast path of `openCursor` (classes rather than closures per file: see `TreeCopier`). */
class DirectCursor implements CopyCursor {
  private readonly calls: RawCursorCalls;
  /** The tree's address in the WASM heap. */
  private readonly t: number;
  private open = true;

  constructor(calls: RawCursorCalls, t: number) {
    this.calls = calls;
    this.t = t;
    calls.rootNode(t);
    calls.create(t);
  }

  typeId(): number { return this.calls.typeId(this.t); }
  isMissing(): boolean { return this.calls.isMissing(this.t) === 1; }
  startIndex(): number { return this.calls.startIndex(this.t); }
  endIndex(): number { return this.calls.endIndex(this.t); }
  fieldId(): number { return this.calls.fieldId(this.t); }
  firstChild(): boolean { return this.calls.firstChild(this.t) === 1; }
  nextSibling(): boolean { return this.calls.nextSibling(this.t) === 1; }
  parent(): boolean { return this.calls.parent(this.t) === 1; }
  close(): void {
    if (this.open) this.calls.remove(this.t);
    this.open = false;
  }
}

/** The fallback of `openCursor`, through web-tree-sitter's public `TreeCursor`. */
class PortableCursor implements CopyCursor {
  private readonly cursor: TreeCursor;

  constructor(cursor: TreeCursor) {
    this.cursor = cursor;
  }

  typeId(): number { return this.cursor.nodeTypeId; }
  isMissing(): boolean { return this.cursor.nodeIsMissing; }
  startIndex(): number { return this.cursor.startIndex; }
  endIndex(): number { return this.cursor.endIndex; }
  fieldId(): number { return this.cursor.currentFieldId; }
  firstChild(): boolean { return this.cursor.gotoFirstChild(); }
  nextSibling(): boolean { return this.cursor.gotoNextSibling(); }
  parent(): boolean { return this.cursor.gotoParent(); }
  close(): void { this.cursor.delete(); }
}

/** A node left with no (kept) children carries its text, so `nodeText` never slices twice. */
function finish(node: SyntaxNode, text: string): void {
  if (node.children.length === 0) (node as { text: string }).text = text.slice(node.start, node.end);
}

/** First child filling `field`. (A plain loop: this is the hottest helper of fact collection.) */
export function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  const children = node.children;
  for (let i = 0; i < children.length; i++) if (children[i]!.field === name) return children[i];
  return undefined;
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
 *
 * For a walk run on every file, prefer a method (`walk(root, this.visitNode.bind(this))`) over
 * an arrow function written at the call: V8 drops the optimized code of a closure kind once no
 * closure of it is alive, so a callback made per file is optimized again after every GC.
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

/** The text of a plain string literal (`"x"`, `'x'`), without quotes; null for f-strings with values and non-strings. */
export function stringContent(node: SyntaxNode): string | null {
  if (node.type !== 'string' || node.children.some((c) => c.type === 'interpolation')) return null;
  return node.children.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

/** The expression inside any number of parentheses: `((x))` → `x`. */
export function stripParentheses(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression') {
    const inner = n.children.find((c) => c.isNamed && c.type !== 'comment');
    if (!inner) break;
    n = inner;
  }
  return n;
}
