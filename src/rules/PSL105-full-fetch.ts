// PSL105: every row or line is fetched into one list, which is then iterated once.
import type { SemanticModel } from '../engine/facts/scope.js';
import {
  anyNode, chainBase, chainText, consumerBody, consumesInPlace, enclosingStatement, isNameReference, iterationIndex, mentionsChain,
  nameOccurrences, ownerOf, referenceKind, singlePassConsumer, soleRead, type Consumer, type IterationIndex,
} from '../engine/facts/iteration.js';
import { defineRule, type FixInput, type SuggestionInput } from '../engine/run/rule.js';
import { isSqlQueryCall, originOf, type Origin } from '../engine/facts/streams.js';
import { field, type SyntaxNode } from '../engine/source/syntax.js';

/**
 * Attribute names in a call chain that mark a SQLAlchemy query whose `.all()` returns a list
 * (`session.query(…)`, `Model.query`, `.scalars()`). Django's `Model.objects.all()` is a lazy
 * QuerySet, not a list: not reported.
 */
const ORM_MARKERS = new Set(['query', 'scalars', 'execute', 'filter_by']);

/**
 * Steps of a SQLAlchemy query chain, followed back to the session it runs on
 * (`session.query(User).filter(...).all()` → `session`): a loop that uses the session needs the rows first.
 */
const ORM_QUERY_STEPS: ReadonlySet<string> = new Set([
  'query', 'filter', 'filter_by', 'where', 'order_by', 'group_by', 'join', 'outerjoin', 'options', 'limit', 'offset', 'distinct',
]);

type FetchKind = 'fetchAll' | 'readLines' | 'readSplit' | 'listAll' | 'ormAll';

interface Fetch {
  readonly kind: FetchKind;
  /** The whole expression that produces the list. */
  readonly node: SyntaxNode;
  /** What to iterate instead (the cursor, the file), when it is an expression in the code. */
  readonly receiver: SyntaxNode;
  readonly origin: Origin | null;
  /** Awaited (`await cur.fetchall()`): iterating needs `async for`, so only a suggestion. */
  readonly noFix?: boolean;
}

function noArguments(call: SyntaxNode): boolean {
  const args = field(call, 'arguments');
  return !!args && args.type === 'argument_list' && !args.children.some((c) => c.isNamed && c.type !== 'comment');
}

/** `.split("\n")` (or `'\r\n'`): one plain string argument that is a line break. */
function splitsOnNewline(call: SyntaxNode, source: string): boolean {
  const args = field(call, 'arguments');
  const named = args?.type === 'argument_list' ? args.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
  if (named.length !== 1 || named[0]!.type !== 'string') return false;
  const literal = named[0]!;
  // Only the quotes and the escape, no prefix (`b"\n"` splits bytes, `r"\n"` is two characters).
  const raw = source.slice(literal.start, literal.end);
  return /^(["'])(\\n|\\r\\n)\1$/.test(raw);
}

function keywordsOnly(call: SyntaxNode): boolean {
  const args = field(call, 'arguments');
  return !!args && args.type === 'argument_list'
    && args.children.every((c) => !c.isNamed || c.type === 'comment' || c.type === 'keyword_argument');
}

/** Methods called along a receiver chain: `session.query(User).filter(...)` → query, filter. */
function chainMethods(node: SyntaxNode): string[] {
  const out: string[] = [];
  let n: SyntaxNode | undefined = node;
  for (let i = 0; n && i < 30; i++) {
    if (n.type === 'call') n = field(n, 'function');
    else if (n.type === 'attribute') {
      out.push(field(n, 'attribute')?.text ?? '');
      n = field(n, 'object');
    } else break;
  }
  return out;
}

/**
 * `query = session.query(User).filter(...)` … `query.all()`: the chain starts at a local bound to a
 * query (also when it is refined, `query = query.filter(...)`, as long as it was first bound to one).
 */
function isBoundToQuery(receiver: SyntaxNode, model: SemanticModel): boolean {
  let root: SyntaxNode | undefined = receiver;
  for (let i = 0; root && i < 30 && (root.type === 'call' || root.type === 'attribute'); i++) {
    root = root.type === 'call' ? field(root, 'function') : field(root, 'object');
  }
  if (root?.type !== 'identifier') return false;
  const found = model.lookup(root.text, root);
  const bound = found?.binding.kind === 'assignment' ? found.binding.node : undefined;
  const value = bound?.type === 'assignment' && field(bound, 'left')?.type === 'identifier' ? field(bound, 'right') : undefined;
  return !!value && chainMethods(value).some((m) => ORM_MARKERS.has(m));
}

/** The call `name` was bound to (`text = f.read()`), when this is that value's only read. */
function readBoundTo(name: SyntaxNode, model: SemanticModel, index: IterationIndex): SyntaxNode | null {
  const found = model.lookup(name.text, name);
  const bound = found?.binding.kind === 'assignment' ? found.binding.node : undefined;
  if (bound?.type !== 'assignment') return null;
  const left = field(bound, 'left');
  const right = field(bound, 'right');
  if (left?.type !== 'identifier' || right?.type !== 'call') return null;
  if (soleRead(index, left) !== name) return null;
  // Closed before the split (a `with` ending, `f.close()`): iterating the file is no drop-in, as
  // for a fetch bound to a name (see `checkFetch`).
  const callee = field(right, 'function');
  const stream = callee?.type === 'attribute' ? chainText(field(callee, 'object') ?? callee) : null;
  const statement = enclosingStatement(bound);
  if (!stream || !statement) return null;
  const owner = ownerOf(statement);
  for (let p = statement.parent; p && p !== owner; p = p.parent) {
    if (p.type === 'with_statement' && !(name.start >= p.start && name.end <= p.end)
      && mentionsChain(p.children.filter((c) => c.type === 'with_clause'), stream)) return null;
  }
  const between: SyntaxNode[] = [];
  anyNode([owner], (n) => {
    if (n.end <= statement.end || n.start >= name.start) return 'skip';
    if (n.start >= statement.end && n.end <= name.start) {
      between.push(n);
      return 'skip';
    }
    return false;
  });
  return mentionsChain(between, stream) ? null : right;
}

/** Recognise a full fetch at `call`, or null. */
function fetchAt(call: SyntaxNode, model: SemanticModel, index: IterationIndex): Fetch | null {
  const callee = field(call, 'function');
  if (!callee) return null;
  if (callee.type === 'identifier') {
    if (callee.text !== 'list' || model.resolveExpression(callee) !== 'builtins.list') return null;
    const args = field(call, 'arguments');
    const named = args?.type === 'argument_list' ? args.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
    const only = named[0];
    if (named.length !== 1 || !only || only.type === 'keyword_argument' || only.type === 'list_splat') return null;
    const origin = originOf(only, model);
    if (origin !== 'file' && origin !== 'sqlite-cursor' && origin !== 'dbapi-cursor' && origin !== 'csv-reader') return null;
    return { kind: 'listAll', node: call, receiver: only, origin };
  }
  if (callee.type !== 'attribute') return null;
  const method = field(callee, 'attribute')?.text;
  const object = field(callee, 'object');
  if (method === 'fetch' && object && call.parent?.type === 'await' && isSqlQueryCall(call)) {
    // asyncpg: `await conn.fetch("SELECT …")` returns every row as a list.
    return { kind: 'fetchAll', node: call, receiver: object, origin: null, noFix: true };
  }
  if (!object) return null;
  // `f.read().split("\n")`: the same whole-file line list as `splitlines()`.
  const lineSplit = method === 'split' && splitsOnNewline(call, model.source.text);
  if (!noArguments(call) && !lineSplit) return null;
  switch (lineSplit ? 'splitlines' : method) {
    case 'fetchall':
      return { kind: 'fetchAll', node: call, receiver: object, origin: originOf(object, model) };
    case 'readlines':
      return { kind: 'readLines', node: call, receiver: object, origin: originOf(object, model) };
    case 'splitlines': {
      // `f.read().splitlines()`, `path.read_text().splitlines()`, also through a local read only here
      // (`text = f.read()` … `text.splitlines()`).
      const read = object.type === 'identifier' ? readBoundTo(object, model, index) : object;
      if (read?.type !== 'call') return null;
      const readCallee = field(read, 'function');
      const readMethod = readCallee?.type === 'attribute' ? field(readCallee, 'attribute')?.text : undefined;
      const stream = readCallee?.type === 'attribute' ? field(readCallee, 'object') : undefined;
      // `read(size)` reads part of the file; pathlib's `read_text(encoding=…)` takes keywords only
      // (`dist.read_text("RECORD")` is another API: a metadata file by name).
      if (!stream || !(readMethod === 'read_text' ? keywordsOnly(read) : readMethod === 'read' && noArguments(read))) return null;
      return { kind: 'readSplit', node: call, receiver: stream, origin: readMethod === 'read' ? originOf(stream, model) : null };
    }
    case 'all': {
      if (!chainMethods(object).some((m) => ORM_MARKERS.has(m)) && !isBoundToQuery(object, model)) return null;
      return { kind: 'ormAll', node: call, receiver: object, origin: null };
    }
    default:
      return null;
  }
}

/**
 * The cursor or file objects behind a receiver, as chains: the receiver itself (`cur`,
 * `self.cursor`) and what it was made from through `.cursor()`, `.execute()`, `with … as`
 * and plain aliases (`schema_res = cu.execute(q)` → `schema_res`, `cu`, `connection`).
 * A loop that touches any of them needs the rows fetched before it starts.
 */
function cursorSources(receiver: SyntaxNode, model: SemanticModel): string[] {
  const out = new Set<string>();
  const pending: SyntaxNode[] = [receiver];
  for (let steps = 0; pending.length > 0 && steps < 12; steps++) {
    let n = pending.pop()!;
    while (n.type === 'parenthesized_expression') n = n.children.find((c) => c.isNamed) ?? n;
    const chain = chainText(n);
    if (chain !== null) {
      const parts = chain.split('.');
      // `self.db.cursor` → `self.db.cursor`; a module-qualified name (`sys.stdin`) is not ours to track.
      if (parts[0] !== 'self' && parts[0] !== 'cls' && parts.length > 1) continue;
      if (out.has(chain)) continue;
      out.add(chain);
      if (n.type !== 'identifier') continue;
      const found = model.lookup(n.text, n);
      if (!found || found.binding.kind !== 'assignment') continue;
      const bound = found.binding.node;
      if (bound.type === 'assignment' && field(bound, 'left')?.type === 'identifier') {
        const right = field(bound, 'right');
        if (right) pending.push(right);
      } else if (bound.type === 'as_pattern_target' && bound.parent?.type === 'as_pattern') {
        const value = bound.parent.children.find((c) => c.isNamed && c !== bound);
        if (value) pending.push(value);
      }
      continue;
    }
    if (n.type === 'call') {
      const callee = field(n, 'function');
      if (callee?.type !== 'attribute') continue;
      const method = field(callee, 'attribute')?.text ?? '';
      const object = field(callee, 'object');
      if (object && (['cursor', 'execute', 'executemany', 'executescript', 'fetchall', 'scalars'].includes(method) || ORM_QUERY_STEPS.has(method))) pending.push(object);
      else if (model.resolveExpression(callee) === 'contextlib.closing') {
        const arg = field(n, 'arguments')?.children.find((c) => c.isNamed);
        if (arg) pending.push(arg);
      }
    }
  }
  return [...out];
}

/** Cursor and file attributes that describe the stream without reading from it or moving it. */
const DESCRIPTIVE_ATTRIBUTES: ReadonlySet<string> = new Set(['description', 'name', 'encoding', 'mode']);

/**
 * Does code in `regions` use the cursor or file `chain`, other than reading what describes it
 * (`[d[0] for d in cur.description]` next to `rows = cur.fetchall()` needs no fetched rows)?
 */
function readsStream(regions: readonly SyntaxNode[], chain: string): boolean {
  if (!mentionsChain(regions, chain)) return false;
  const parts = chain.split('.');
  return anyNode(regions, (n) => {
    if (n.type !== 'identifier' || n.text !== parts[0] || !isNameReference(n)) return false;
    let top = n;
    for (let i = 1; i < parts.length; i++) {
      const up = top.parent;
      if (up?.type !== 'attribute' || top.field !== 'object' || field(up, 'attribute')?.text !== parts[i]) return false;
      top = up;
    }
    const parent = top.parent;
    const described = parent?.type === 'attribute' && top.field === 'object'
      && DESCRIPTIVE_ATTRIBUTES.has(field(parent, 'attribute')?.text ?? '')
      && !(parent.parent?.type === 'call' && parent.field === 'function');
    return !described;
  });
}

/**
 * Does code in `regions` use the cursor or file behind `names`: directly, or through another
 * cursor made from the same connection (`write = conn.cursor()` … `write.execute(…)` in a loop
 * over `read.fetchall()`)? Many drivers cannot run a second statement on a connection while a
 * result set is still being read, and an UPDATE of the table being read changes what it yields.
 */
function usesStream(regions: readonly SyntaxNode[], names: readonly string[], model: SemanticModel): boolean {
  if (names.some((n) => readsStream(regions, n))) return true;
  return anyNode(regions, (n) => {
    if (n.type !== 'identifier' || n.field !== 'object' || n.parent?.type !== 'attribute') return false;
    if (n.parent.parent?.type !== 'call' || n.parent.field !== 'function' || names.includes(n.text)) return false;
    return cursorSources(n, model).slice(1).some((source) => names.includes(source));
  });
}

/** `f.close()`: closing after the loop reads nothing. */
function isCloseCall(id: SyntaxNode): boolean {
  const attribute = id.parent;
  return attribute?.type === 'attribute' && id.field === 'object' && field(attribute, 'attribute')?.text === 'close'
    && attribute.parent?.type === 'call';
}

/** Does the region suspend (`yield`, `await`)? Other code may then use the cursor or file. */
function suspends(regions: readonly SyntaxNode[]): boolean {
  return anyNode(regions, (n) => {
    if (n.type === 'yield' || n.type === 'await') return true;
    return n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition' ? 'skip' : false;
  });
}

/** The `self.x` / `cls.x` a receiver hangs off, if any. */
function instanceChain(receiver: SyntaxNode): string | null {
  const base = chainBase(receiver);
  if (!base || (base.text !== 'self' && base.text !== 'cls')) return null;
  const top = base.parent?.type === 'attribute' && base.field === 'object' ? base.parent : null;
  return top ? chainText(top) : null;
}

/** Does the region call a method on `self`/`cls` (which might use the instance's cursor or file)? */
function callsInstanceMethod(regions: readonly SyntaxNode[], base: string): boolean {
  return anyNode(regions, (n) => {
    if (n.type !== 'call') return false;
    const callee = field(n, 'function');
    return callee?.type === 'attribute' && field(callee, 'object')?.type === 'identifier' && field(callee, 'object')?.text === base;
  });
}

/** Is the chain's head a name bound at module level (a global connection, cursor or file)? */
function isModuleLevel(chain: string, at: SyntaxNode, model: SemanticModel): boolean {
  const head = chain.split('.')[0]!;
  if (head === 'self' || head === 'cls') return false;
  return model.lookup(head, at)?.scope.kind === 'module';
}

/** Does the region call a function by name (`bump(x)`, `db_utils.save(x)`), other than a builtin? */
function callsFunction(regions: readonly SyntaxNode[], model: SemanticModel): boolean {
  return anyNode(regions, (n) => {
    if (n.type !== 'call') return false;
    const callee = field(n, 'function');
    if (callee?.type !== 'identifier' && callee?.type !== 'attribute') return false;
    const name = model.resolveExpression(callee);
    return name !== null && !name.startsWith('builtins.');
  });
}

const MESSAGES = {
  fetchAll: '`{expr}` loads every row into a list that is only iterated once',
  readLines: '`{expr}` reads the whole file into a list that is only iterated once',
  readSplit: '`{expr}` reads the whole file and splits it into a list that is only iterated once',
  listAll: '`{expr}` loads everything into a list that is only iterated once',
  ormAll: '`{expr}` loads every result row into a list that is only iterated once',
} as const;

export default defineRule({
  code: 'PSL105',
  name: 'full-fetch',
  family: 'bulk-transform',
  tier: 'file',
  severity: 'warning',
  fixable: 'sometimes',
  precision: 'high',
  summary: 'All rows or lines are fetched into one list that is then iterated once',
  messages: MESSAGES,
  fixTitle: 'Iterate the cursor or file directly',
  options: {},
  docs: {
    whatItDoes:
      'Checks for `cursor.fetchall()` (also awaited, as in aiosqlite), asyncpg\'s `await conn.fetch("SELECT …")`, `file.readlines()`, `file.read().splitlines()`, `path.read_text().splitlines()` (or `.split("\\n")`; also through a local read only there: `text = f.read()` … `text.splitlines()`), `list(cursor)` / `list(file)` / `list(csv.reader(f))` and SQLAlchemy `.all()` (`session.query(...)`, `Model.query`, `session.execute(...).scalars()`, also on a local bound to one: `query = session.query(...)` … `query.all()`) whose result is iterated exactly once — right where it is fetched, or through a local name read only by one loop, comprehension or consuming call. Cursors and files are recognised by where they come from (`open(...)`, `conn.cursor()`, `.execute(...)` on a known connection or with a literal `SELECT`, `sqlite3.connect`, DB-API drivers), not by their names; `fetchall` and `readlines` themselves are enough to report. Silent when the list is used any other way (`len`, indexing, returned, stored, iterated twice), when the loop (or code between the fetch and the loop) uses the cursor or file itself, its connection, or the session a SQLAlchemy query runs on (`cur.execute` or `session.add` inside the loop needs the rows fetched first; reading `cur.description` or `f.name` does not count), and when the file or cursor is closed (the `with` block ends, `.close()`) before the loop runs. Django\'s `Model.objects.all()` is a lazy QuerySet, not a list, and is not reported.',
    whyBad:
      'The whole result set or file is held in memory at once, although the loop needs one row or line at a time. A large list of rows is exactly the short-lived bulk allocation that fragments the heap, so the process keeps the memory after the list is gone. Cursors and files are iterators already: iterating them streams the data (`fetchmany` reads it in batches).',
    example: [
      'import sqlite3',
      '',
      'def export(path, out):',
      '    conn = sqlite3.connect(path)',
      '    cur = conn.execute("SELECT id, name FROM users")',
      '    for user_id, name in cur.fetchall():',
      '        out.write(f"{user_id},{name}\\n")',
    ].join('\n'),
    useInstead: [
      'import sqlite3',
      '',
      'def export(path, out):',
      '    conn = sqlite3.connect(path)',
      '    cur = conn.execute("SELECT id, name FROM users")',
      '    for user_id, name in cur:',
      '        out.write(f"{user_id},{name}\\n")',
    ].join('\n'),
    fixSafety:
      'Iterating a file opened in this file (`open`, `io.open`, `gzip.open`, …) instead of `readlines()`, and a `sqlite3` cursor instead of `fetchall()`, is safe when nothing else in the function touches that file or cursor afterwards. For cursors and files of unknown origin (parameters, attributes, other DB-API drivers, where iteration is optional) the fix is unsafe, as it is when the loop calls the connection or methods of `self`, or calls any function while the connection or file is a module-level global (`DB = sqlite3.connect(…)`: a helper may run an UPDATE on it while the SELECT is still being read). `read().splitlines()` (line endings and separators differ from iteration), SQLAlchemy `.all()` (use `yield_per`), awaited fetches (they need `async for`), `"".join(...)`, fetches bound to a name, and fetches read by a generator expression that is returned or stored (it may run after the file is closed) get a suggestion only.',
    references: [
      'https://peps.python.org/pep-0249/#iter',
      'https://docs.python.org/3/library/sqlite3.html#sqlite3.Cursor',
      'https://docs.python.org/3/tutorial/inputoutput.html#methods-of-file-objects',
      'https://docs.sqlalchemy.org/en/20/orm/queryguide/api.html#fetching-large-result-sets-with-yield-per',
    ],
  },
  check(file, ctx) {
    const { model, root } = file;
    const text = file.source.text;
    const index = iterationIndex(root);
    for (const call of index.calls) {
      // Cheap filter by shape before any resolution.
      const callee = field(call, 'function');
      if (!callee) continue;
      if (callee.type === 'identifier' ? callee.text !== 'list' : callee.type !== 'attribute') continue;
      if (callee.type === 'attribute') {
        const m = field(callee, 'attribute')?.text;
        if (m !== 'fetchall' && m !== 'readlines' && m !== 'splitlines' && m !== 'split' && m !== 'all' && m !== 'fetch') continue;
      }
      const fetch = fetchAt(call, model, index);
      if (!fetch) continue;
      checkFetch(fetch);
    }

    function checkFetch(fetch: Fetch): void {
      const names = cursorSources(fetch.receiver, model);
      // `await cur.fetchall()` (aiosqlite, async drivers): the value is the awaited list.
      const awaited = fetch.node.parent?.type === 'await' ? fetch.node.parent : null;
      const value = awaited ?? fetch.node;
      const direct = singlePassConsumer(value, model);
      if (direct) {
        // An async cursor is iterated with `async for`: no drop-in fix.
        reportDirect(awaited ? { ...fetch, noFix: true } : fetch, direct, names);
        return;
      }
      // `rows = cur.fetchall()` … one loop over `rows`.
      const assignment = value.parent;
      if (assignment?.type !== 'assignment' || value.field !== 'right') return;
      const target = field(assignment, 'left');
      if (target?.type !== 'identifier') return;
      const read = soleRead(index, target);
      if (!read) return;
      const consumer = singlePassConsumer(read, model);
      if (!consumer) return;
      const statement = enclosingStatement(assignment);
      if (!statement) return;
      // Closed before the loop: a `with` around the fetch that the loop is outside of.
      for (let p = statement.parent; p && p !== ownerOf(statement); p = p.parent) {
        if (p.type !== 'with_statement' || (read.start >= p.start && read.end <= p.end)) continue;
        const items = p.children.filter((c) => c.type === 'with_clause');
        if (names.some((n) => mentionsChain(items, n))) return;
      }
      // Anything touching the cursor or file between the fetch and the end of the loop.
      const between = nodesBetween(statement, consumer);
      if (usesStream(between, names, model)) return;
      report(awaited ? { ...fetch, noFix: true } : fetch, null, consumer);
    }

    function reportDirect(fetch: Fetch, consumer: Consumer, names: readonly string[]): void {
      const body = consumerBody(consumer);
      // The loop uses the very cursor or file (or its connection): the rows had to be fetched first.
      if (usesStream(body, names, model)) return;
      let fix: FixInput | null = null;
      // A generator expression that is returned or stored iterates later, maybe after the
      // file or cursor is closed: no fix then.
      const fixable = !fetch.noFix && (fetch.kind === 'fetchAll' || fetch.kind === 'readLines' || fetch.kind === 'listAll')
        && consumesInPlace(consumer, model);
      if (fixable && !(consumer.kind === 'call' && consumer.name === 'join')) {
        let safe = fetch.origin === 'file' || fetch.origin === 'sqlite-cursor' || fetch.origin === 'csv-reader';
        // While the loop is suspended, other code may use the cursor or file.
        if (suspends(body)) safe = false;

        const instance = instanceChain(fetch.receiver);
        if (instance && callsInstanceMethod(body, instance.split('.')[0]!)) safe = false;
        // A module-level connection or file (`DB = sqlite3.connect(…)`) is in reach of any function
        // the loop calls: `bump(row_id)` running `DB.execute("UPDATE …")` while the SELECT is
        // still being read makes it revisit rows.
        if (names.some((n) => isModuleLevel(n, fetch.receiver, model)) && callsFunction(body, model)) safe = false;
        // Code after the loop reading the same file or cursor would see a different position.
        const direct = chainText(fetch.receiver);
        if (direct !== null && isReadLater(direct, consumer.node)) safe = false;
        const receiverText = text.slice(fetch.receiver.start, fetch.receiver.end);
        const needsParens = fetch.receiver.type === 'conditional_expression' || fetch.receiver.type === 'lambda';
        fix = {
          safety: safe ? 'safe' : 'unsafe',
          edits: [{ start: fetch.node.start, end: fetch.node.end, text: needsParens ? `(${receiverText})` : receiverText }],
        };
      }
      report(fetch, fix, consumer);
    }

    function report(fetch: Fetch, fix: FixInput | null, consumer: Consumer): void {
      const exprText = text.slice(fetch.node.start, fetch.node.end);
      const suggestions: SuggestionInput[] = [];
      if (!fix) suggestions.push({ title: suggestionFor(fetch, consumer) });
      ctx.report({
        span: file.source.span(fetch.node.start, fetch.node.end),
        messageId: fetch.kind,
        data: { expr: exprText.length > 60 ? `${exprText.slice(0, 57)}...` : exprText },
        fix,
        suggestions,
      });
    }

    /** The statements between a binding and the end of the construct that consumes it. */
    function nodesBetween(statement: SyntaxNode, consumer: Consumer): SyntaxNode[] {
      const end = consumer.node.end;
      const owner = ownerOf(statement);
      const out: SyntaxNode[] = [];
      anyNode([owner], (n) => {
        if (n.end <= statement.end || n.start >= end) return 'skip';
        if (n.start >= statement.end && n.end <= end) {
          out.push(n);
          return 'skip';
        }
        return false;
      });
      return out;
    }

    /** Is the name (or `self.x` chain) read after `node`, before it is bound again? */
    function isReadLater(name: string, node: SyntaxNode): boolean {
      const owner = ownerOf(node);
      if (name.includes('.')) {
        const later: SyntaxNode[] = [];
        anyNode([owner], (n) => {
          if (n.end <= node.end) return 'skip';
          if (n.start >= node.end) {
            later.push(n);
            return 'skip';
          }
          return false;
        });
        return mentionsChain(later, name);
      }
      for (const o of nameOccurrences(index, owner, name)) {
        if (o.start < node.end) continue;
        const kind = referenceKind(o);
        if (kind === 'store') return false;
        if (kind === 'declaration' || isCloseCall(o)) continue;
        return true;
      }
      return false;
    }
  },
});

function suggestionFor(fetch: Fetch, consumer: Consumer): string {
  switch (fetch.kind) {
    case 'readSplit':
      return 'Iterate the open file line by line (`for line in f:` with `line.rstrip("\\n")`) instead of reading it whole';
    case 'ormAll':
      return 'Iterate the query itself, in batches with `.yield_per(1000)`, instead of loading every row with `.all()`';
    default:
      if (consumer.kind === 'call' && consumer.name === 'join') return 'Read the text once with `.read()` instead of joining a list of lines';
      if (fetch.noFix) return 'Iterate the async cursor with `async for` instead of awaiting every row at once';
      return fetch.kind === 'fetchAll'
        ? 'Iterate the cursor inside the block that keeps it open, or read in batches with `fetchmany(n)`'
        : 'Iterate the file inside the block that keeps it open instead of reading every line first';
  }
}
