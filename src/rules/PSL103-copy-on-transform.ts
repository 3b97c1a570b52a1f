// PSL103: a large collection is rebuilt from itself and bound back over the original name.
import type { SemanticModel } from '../engine/facts/scope.js';
import {
  anyNode, chainText, enclosingStatement, iterationIndex, nameOccurrences, ownerOf, referenceKind,
  type IterationIndex,
} from '../engine/facts/iteration.js';
import { defineRule } from '../engine/run/rule.js';
import { field, type SyntaxNode } from '../engine/source/syntax.js';

const COMPREHENSION_KIND: Readonly<Record<string, string>> = {
  list_comprehension: 'list',
  set_comprehension: 'set',
  dictionary_comprehension: 'dict',
};

/** `list(gen)`, `dict(map(...))`: builtins that build a new collection from an iterable. */
const COLLECTION_BUILDERS: Readonly<Record<string, string>> = {
  'builtins.list': 'list',
  'builtins.tuple': 'tuple',
  'builtins.set': 'set',
  'builtins.frozenset': 'set',
  'builtins.dict': 'dict',
};

const BUILDER_NAMES = new Set(['list', 'tuple', 'set', 'frozenset', 'dict', 'sorted']);

/** Ways to iterate a collection that still read the collection itself. */
const VIEW_METHODS = new Set(['items', 'values', 'keys']);
const PASS_THROUGH = new Set(['builtins.enumerate', 'builtins.iter', 'builtins.reversed', 'builtins.sorted']);

/** Library calls that load a whole data set: deserializers, readers, DB fetches. */
const LOADERS = new Set([
  'json.load', 'json.loads', 'pickle.load', 'pickle.loads', 'marshal.load', 'marshal.loads',
  'csv.reader', 'csv.DictReader', 'yaml.load', 'yaml.safe_load', 'yaml.full_load', 'yaml.unsafe_load',
  'tomllib.load', 'tomllib.loads', 'toml.load', 'toml.loads', 'orjson.loads', 'ujson.load', 'ujson.loads',
  'simplejson.load', 'simplejson.loads', 'msgpack.unpackb', 'msgpack.unpack', 'plistlib.load', 'plistlib.loads',
  'shelve.open', 'sqlite3.connect', 'pandas.read_csv', 'pandas.read_json', 'pandas.read_parquet',
  'pandas.read_sql', 'pandas.read_sql_query', 'pandas.read_excel', 'pandas.read_table', 'numpy.load',
  'numpy.loadtxt', 'numpy.genfromtxt',
]);

/** Methods that return a whole data set from a stream, a cursor or a response. */
const LOADING_METHODS = new Set(['execute', 'fetchall', 'fetchmany', 'readlines', 'json', 'scalars']);

/**
 * Methods and functions whose result is small or derived per item: splitting one string,
 * looking one thing up. A name bound from these is not evidence of a large collection.
 */
const SMALL_RESULT_METHODS = new Set([
  'split', 'rsplit', 'splitlines', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'replace', 'partition',
  'rpartition', 'encode', 'decode', 'format', 'join', 'get', 'pop', 'setdefault', 'copy', 'keys', 'values',
  'items', 'groups', 'groupdict', 'group', 'findall', 'finditer', 'match', 'search', 'getattr', 'sub',
  'title', 'capitalize', 'casefold', 'expandtabs', 'zfill', 'center', 'ljust', 'rjust', 'translate',
  'count', 'index', 'find', 'rfind', 'getlist', 'get_all', 'getheaders', 'listdir', 'glob', 'iterdir',
]);

/** Top-level packages of the standard library (3.8–3.13): their functions are not the app's loaders. */
const STDLIB_TOP = new Set([
  '__future__', 'abc', 'argparse', 'array', 'ast', 'asyncio', 'atexit', 'base64', 'binascii', 'bisect',
  'builtins', 'bz2', 'calendar', 'cgi', 'cmd', 'codecs', 'collections', 'colorsys', 'concurrent',
  'configparser', 'contextlib', 'contextvars', 'copy', 'copyreg', 'csv', 'ctypes', 'dataclasses', 'datetime',
  'dbm', 'decimal', 'difflib', 'dis', 'doctest', 'email', 'encodings', 'enum', 'errno', 'faulthandler',
  'fcntl', 'filecmp', 'fileinput', 'fnmatch', 'fractions', 'ftplib', 'functools', 'gc', 'getopt', 'getpass',
  'gettext', 'glob', 'graphlib', 'grp', 'gzip', 'hashlib', 'heapq', 'hmac', 'html', 'http', 'imaplib',
  'importlib', 'inspect', 'io', 'ipaddress', 'itertools', 'json', 'keyword', 'linecache', 'locale',
  'logging', 'lzma', 'mailbox', 'marshal', 'math', 'mimetypes', 'mmap', 'multiprocessing', 'netrc',
  'numbers', 'operator', 'optparse', 'os', 'pathlib', 'pdb', 'pickle', 'pkgutil', 'platform', 'plistlib',
  'poplib', 'posixpath', 'ntpath', 'pprint', 'profile', 'pstats', 'pwd', 'py_compile', 'pyclbr', 'pydoc',
  'queue', 'quopri', 'random', 're', 'readline', 'reprlib', 'resource', 'sched', 'secrets', 'select',
  'selectors', 'shelve', 'shlex', 'shutil', 'signal', 'site', 'smtplib', 'socket', 'socketserver', 'sqlite3',
  'ssl', 'stat', 'statistics', 'string', 'stringprep', 'struct', 'subprocess', 'symtable', 'sys', 'sysconfig',
  'tabnanny', 'tarfile', 'tempfile', 'termios', 'textwrap', 'threading', 'time', 'timeit', 'tkinter',
  'token', 'tokenize', 'tomllib', 'trace', 'traceback', 'tracemalloc', 'tty', 'turtle', 'types', 'typing',
  'unicodedata', 'unittest', 'urllib', 'uuid', 'venv', 'warnings', 'wave', 'weakref', 'webbrowser', 'winreg',
  'wsgiref', 'xml', 'xmlrpc', 'zipapp', 'zipfile', 'zipimport', 'zlib', 'zoneinfo', 'opcode', 'sre_compile',
  'sre_parse', 'nturl2path', 'genericpath', 'lib2to3', 'idlelib', 'test', 'distutils', 'ensurepip',
  'pydoc_data', 'curses', 'sndhdr', 'imghdr', 'chunk', 'aifc', 'sunau', 'nntplib', 'telnetlib', 'pipes',
  'crypt', 'spwd', 'nis', 'ossaudiodev', 'audioop', 'msilib', 'xdrlib', 'uu', 'mailcap', 'asynchat',
  'asyncore', 'smtpd', 'imp', 'optparse', 'code', 'codeop', 'compileall', 'modulefinder', 'runpy',
  'symbol', 'formatter', 'parser', 'posix', 'nt', 'msvcrt', 'winsound', '_thread',
]);

/** Annotations that name scalars or text: a parameter typed like this is not a data set. */
const SCALAR_ANNOTATION = /^(?:str|bytes|int|float|bool|complex|None|Optional\[(?:str|bytes|int|float|bool)\]|(?:str|bytes|int|float|bool) \| None)$/;

/** What a rebuild iterates, when that is the target itself: `rows`, `data.items()`, `enumerate(rows)`. */
function iteratesChain(expr: SyntaxNode, chain: string, model: SemanticModel): boolean {
  let n: SyntaxNode | undefined = expr;
  for (let depth = 0; n && depth < 4; depth++) {
    if (chainText(n) === chain) return true;
    if (n.type !== 'call') return false;
    const callee = field(n, 'function');
    const args = field(n, 'arguments');
    const positional = args?.type === 'argument_list' ? args.children.filter((c) => c.isNamed && c.type !== 'comment' && c.type !== 'keyword_argument') : [];
    if (callee?.type === 'attribute' && VIEW_METHODS.has(field(callee, 'attribute')?.text ?? '') && positional.length === 0) {
      n = field(callee, 'object');
      continue;
    }
    const name = callee && (callee.type === 'identifier' || callee.type === 'attribute') ? model.resolveExpression(callee) : null;
    if (name === null) return false;
    if (PASS_THROUGH.has(name) || name === 'builtins.zip') {
      n = positional[0];
      continue;
    }
    if (name === 'builtins.map' || name === 'builtins.filter') {
      n = positional[1];
      continue;
    }
    return false;
  }
  return false;
}

/** `X = <rebuild of X>`: the kind of collection built, or null when it is not a rebuild of `chain`. */
function rebuildKind(right: SyntaxNode, chain: string, model: SemanticModel): string | null {
  const kind = COMPREHENSION_KIND[right.type];
  if (kind) {
    const first = right.children.find((c) => c.type === 'for_in_clause');
    const iterable = first ? field(first, 'right') : undefined;
    return iterable && iteratesChain(iterable, chain, model) ? kind : null;
  }
  if (right.type !== 'call') return null;
  const callee = field(right, 'function');
  // Compare the name before resolving it: most calls are not collection builders.
  if (callee?.type !== 'identifier' || !BUILDER_NAMES.has(callee.text)) return null;
  const resolved = model.resolveExpression(callee);
  const args = field(right, 'arguments');
  if (resolved === 'builtins.sorted') {
    // `rows = sorted(rows, key=...)`: a sorted copy while the old list is still bound.
    const first = args?.type === 'argument_list' ? args.children.find((c) => c.isNamed && c.type !== 'comment') : undefined;
    return first && first.type !== 'keyword_argument' && iteratesChain(first, chain, model) ? 'list' : null;
  }
  const built = COLLECTION_BUILDERS[resolved ?? ''];
  if (!built) return null;
  if (args?.type === 'generator_expression') {
    const first = args.children.find((c) => c.type === 'for_in_clause');
    const iterable = first ? field(first, 'right') : undefined;
    return iterable && iteratesChain(iterable, chain, model) ? built : null;
  }
  const named = args?.type === 'argument_list' ? args.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
  const only = named[0];
  if (named.length !== 1 || only?.type !== 'call') return null;
  // `rows = list({r.id: r for r in rows}.values())`: dedupe by key — the dict and the new list
  // are built while the old list is still bound.
  const view = field(only, 'function');
  const viewArgs = field(only, 'arguments');
  if (view?.type === 'attribute' && VIEW_METHODS.has(field(view, 'attribute')?.text ?? '')
    && !viewArgs?.children.some((c) => c.isNamed && c.type !== 'comment')) {
    const source = field(view, 'object');
    return source && source.type in COMPREHENSION_KIND && rebuildKind(source, chain, model) ? built : null;
  }
  // `list(map(f, rows))`, `dict(filter(p, d.items()))` — but not a plain copy `list(rows)`.
  const innerCallee = field(only, 'function');
  const innerName = innerCallee?.type === 'identifier' ? model.resolveExpression(innerCallee) : null;
  if (innerName !== 'builtins.map' && innerName !== 'builtins.filter') return null;
  return iteratesChain(only, chain, model) ? built : null;
}

export type LargeEvidence =
  | { readonly kind: 'parameter'; readonly name: string }
  | { readonly kind: 'loaded'; readonly what: string }
  | { readonly kind: 'accumulated' }
  | { readonly kind: 'derived'; readonly from: string };

/** Strip builtins that copy their one argument: `list(load())` → `load()`. */
function unwrapCopies(expr: SyntaxNode, model: SemanticModel): SyntaxNode {
  let n = expr;
  for (let depth = 0; depth < 4 && n.type === 'call'; depth++) {
    const callee = field(n, 'function');
    const name = callee?.type === 'identifier' ? model.resolveExpression(callee) : null;
    if (name === null || !(name in COLLECTION_BUILDERS || name === 'builtins.sorted')) break;
    const args = field(n, 'arguments');
    const named = args?.type === 'argument_list' ? args.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
    // `sorted(load(), key=...)`: the keywords only order the copy.
    const positional = name === 'builtins.sorted' ? named.filter((c) => c.type !== 'keyword_argument') : named;
    if (positional.length !== 1 || positional[0]!.type === 'keyword_argument' || positional[0]!.type === 'list_splat') break;
    n = positional[0]!;
  }
  return n;
}

/** Does `value` (the right side of an assignment) load a whole data set? Returns what it calls. */
function loadedBy(value: SyntaxNode, model: SemanticModel, depth = 0): string | null {
  if (depth > 4) return null;
  const n = unwrapCopies(value, model);
  if (n.type === 'await' || n.type === 'parenthesized_expression') {
    const inner = n.children.find((c) => c.isNamed);
    return inner ? loadedBy(inner, model, depth + 1) : null;
  }
  // `resp.json()["items"]`: a part of a loaded document.
  if (n.type === 'subscript') {
    const object = field(n, 'value');
    return object ? loadedBy(object, model, depth + 1) : null;
  }
  if (n.type !== 'call') return null;
  const callee = field(n, 'function');
  if (!callee) return null;
  const calleeText = chainText(callee);
  const name = callee.type === 'identifier' || callee.type === 'attribute' ? model.resolveExpression(callee) : null;
  if (name !== null && LOADERS.has(name)) return name;
  if (callee.type === 'attribute') {
    const method = field(callee, 'attribute')?.text ?? '';
    const object = field(callee, 'object');
    // `f.read().splitlines()`, `path.read_text().splitlines()`: the whole file.
    if (method === 'splitlines' && object?.type === 'call') {
      const readCallee = field(object, 'function');
      const readMethod = readCallee?.type === 'attribute' ? field(readCallee, 'attribute')?.text : undefined;
      if (readMethod === 'read' || readMethod === 'read_text') return `${readMethod}().splitlines`;
      return null;
    }
    if (LOADING_METHODS.has(method)) return method;
    // `pd.read_csv(p).to_dict("records")`, `resp.json().get("items", [])`: reshaping a loaded set.
    if (object?.type === 'call' || object?.type === 'subscript') {
      const inner = loadedBy(object, model, depth + 1);
      if (inner) return inner;
    }
    if (SMALL_RESULT_METHODS.has(method)) return null;
    // An application's own data access: `repo.load_orders()`, `self._fetch_rows()`, `client.get_events()`.
    if (name !== null && isStdlib(name, model)) return null;
    return looksLikeProducer(method) ? (calleeText ?? method) : null;
  }
  if (callee.type === 'identifier') {
    if (name !== null && (name.startsWith('builtins.') || isStdlib(name, model))) return null;
    return looksLikeProducer(callee.text) ? callee.text : null;
  }
  return null;
}

/** Verbs of data access: `load_orders`, `fetch_rows`, `read_events`, `download`. (`select_…`, `query_…`, `scan_…` are too often small lookups.) */
const LOADING_VERBS = /^_*(?:load|fetch|read|download|retrieve)(?:_|$|[A-Z])/;

/**
 * Does a function's name say it produces a data set: a data-access verb (`load_…`), or a data
 * noun as its last word (`get_orders`, `all_records`)? `get_args`, `_get_param` and
 * `all_coeffs` are not.
 */
function looksLikeProducer(name: string): boolean {
  if (LOADING_VERBS.test(name)) return true;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split('_').filter((w) => w !== '');
  const last = words[words.length - 1];
  return last !== undefined && DATA_NOUNS.has(last) && !VAGUE_RESULT_NOUNS.has(last);
}

/** Nouns too vague at the end of a function name (`stack_data`, `get_items`, `to_table`) to say "data set". */
const VAGUE_RESULT_NOUNS = new Set([
  'data', 'items', 'objects', 'payload', 'batch', 'table', 'frame', 'df', 'history', 'feed', 'stream', 'dump',
  'export', 'lookup', 'entities', 'pages', 'points', 'numbers', 'scores', 'series',
]);

/** A standard-library name — unless it is this project's own module (linting the stdlib itself). */
function isStdlib(qualified: string, model: SemanticModel): boolean {
  const top = qualified.split('.')[0]!;
  if (top === model.module.name.split('.')[0]) return false;
  return STDLIB_TOP.has(top) || top.startsWith('_');
}

/**
 * Parameter names that mean a data set in application code (`rows`, `raw_records`, `order_lines`):
 * the last word of the name. Generic or small-collection names (`args`, `names`, `paths`,
 * `headers`, `opts`) are not among them — in the standard library those are short lists.
 */
const DATA_NOUNS = new Set([
  'rows', 'records', 'recs', 'entries', 'items', 'events', 'data', 'dataset', 'datasets', 'results', 'lines',
  'objects', 'docs', 'documents', 'users', 'orders', 'messages', 'batch', 'batches', 'table', 'frame', 'df',
  'payload', 'payloads', 'samples', 'transactions', 'logs', 'readings', 'measurements', 'products',
  'customers', 'accounts', 'invoices', 'payments', 'tickets', 'posts', 'comments', 'articles', 'chunks',
  'texts', 'sentences', 'reviews', 'listings', 'metrics', 'points', 'observations', 'vectors', 'embeddings',
  'responses', 'hits', 'snapshots', 'quotes', 'trades', 'prices', 'sales', 'shipments', 'employees',
  'contacts', 'leads', 'members', 'pages', 'blobs', 'corpus', 'inventory', 'people', 'persons', 'students',
  'patients', 'visits', 'jobs', 'scores', 'numbers', 'books', 'movies', 'songs', 'tracks', 'tweets',
  'issues', 'commits', 'entities', 'particles', 'pixels', 'variants',
  'catalog', 'catalogue', 'ledger', 'history', 'feed', 'stream', 'dump', 'export', 'lookup', 'index_data',
]);

/** `pd.DataFrame`, `np.ndarray`, `Iterator[Row]`: an annotation for a data set or a stream turned into a collection. */
const DATA_ANNOTATION = /\b(?:DataFrame|Series|ndarray)\b|^(?:(?:typing|collections\.abc|t)\.)?(?:Iterator|Generator|AsyncIterator|AsyncGenerator)\[/;

function isDataName(name: string): boolean {
  const words = name.toLowerCase().split('_').filter((w) => w !== '');
  const last = words[words.length - 1] ?? '';
  return DATA_NOUNS.has(last) || DATA_NOUNS.has(name.toLowerCase());
}

/** Is the parameter node a data parameter: a data-set name or annotation, not `*args`, `**kw` or a small default? */
function isDataParameter(param: SyntaxNode, name: string, source: string): boolean {
  switch (param.type) {
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return false;
    case 'default_parameter':
    case 'typed_default_parameter': {
      const value = field(param, 'value');
      // `names=()`, `fields=["a"]`, `sep=","`: a small configured default, not a data set.
      if (value && value.type !== 'none') return false;
      break;
    }
    default:
      break;
  }
  const type = param.type === 'typed_parameter' || param.type === 'typed_default_parameter' ? field(param, 'type') : undefined;
  const annotation = type ? source.slice(type.start, type.end).replace(/\s+/g, ' ').trim() : '';
  if (annotation !== '' && SCALAR_ANNOTATION.test(annotation)) return false;
  return isDataName(name) || (annotation !== '' && DATA_ANNOTATION.test(annotation));
}

/** The parameter node (identifier's container) an identifier store sits in, if it is one. */
function parameterOf(id: SyntaxNode): SyntaxNode | null {
  const p = id.parent;
  if (!p) return null;
  if (p.type === 'parameters' || p.type === 'lambda_parameters') return id;
  if (['typed_parameter', 'default_parameter', 'typed_default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern'].includes(p.type)) {
    return p.parent?.type === 'parameters' || p.parent?.type === 'lambda_parameters' ? p : null;
  }
  return null;
}

/** `x = []` / `x = {}` / `x = set()`: an empty container (filled later, maybe in a loop). */
function isEmptyContainer(value: SyntaxNode, model: SemanticModel): boolean {
  if ((value.type === 'list' || value.type === 'dictionary' || value.type === 'set') && !value.children.some((c) => c.isNamed && c.type !== 'comment')) return true;
  if (value.type !== 'call') return false;
  const callee = field(value, 'function');
  const name = callee ? model.resolveExpression(callee) : null;
  const args = field(value, 'arguments');
  const empty = args?.type === 'argument_list' && !args.children.some((c) => c.isNamed && c.type !== 'comment');
  return empty && (name === 'builtins.list' || name === 'builtins.dict' || name === 'builtins.set' || name === 'collections.OrderedDict')
    || (name === 'collections.defaultdict');
}

/** The `for` loops between `from` and `to` whose bodies fill `chain` element by element. */
function fillingLoops(owner: SyntaxNode, chain: string, from: number, to: number): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  anyNode([owner], (n) => {
    if (n.end <= from || n.start >= to) return 'skip';
    if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return n === owner ? false : 'skip';
    if (n.type !== 'for_statement') return false;
    const fills = anyNode(n.children.filter((c) => c.field === 'body'), (m) => {
      if (m.type === 'call') {
        const callee = field(m, 'function');
        if (callee?.type !== 'attribute') return false;
        const object = field(callee, 'object');
        const method = field(callee, 'attribute')?.text ?? '';
        return !!object && chainText(object) === chain && ['append', 'extend', 'add', 'update', 'insert', 'setdefault'].includes(method);
      }
      if (m.type === 'subscript' && m.parent?.type === 'assignment' && m.field === 'left') {
        const value = field(m, 'value');
        return !!value && chainText(value) === chain;
      }
      return false;
    });
    if (fills) found.push(n);
    // Keep looking inside: the innermost loop (`for line in fh`) is often the large one.
    return false;
  });
  return found;
}

/** Openers and readers whose iteration streams a whole file or result set. */
const STREAM_SOURCES = new Set(['builtins.open', 'io.open', 'codecs.open', 'gzip.open', 'bz2.open', 'lzma.open', 'csv.reader', 'csv.DictReader', 'os.walk', 'os.scandir']);

/** Is a loop's iterable a large source: a file, a reader, a cursor, a loaded or large collection? */
function isLargeIterable(expr: SyntaxNode, at: SyntaxNode, model: SemanticModel, index: IterationIndex, source: string, depth: number): boolean {
  if (depth > 4) return false;
  if (expr.type === 'call') {
    const callee = field(expr, 'function');
    const name = callee && (callee.type === 'identifier' || callee.type === 'attribute') ? model.resolveExpression(callee) : null;
    if (name !== null && STREAM_SOURCES.has(name)) return true;
    if (name === 'builtins.enumerate' || name === 'builtins.zip' || name === 'builtins.reversed') {
      const first = field(expr, 'arguments')?.children.find((c) => c.isNamed);
      return !!first && isLargeIterable(first, at, model, index, source, depth + 1);
    }
    if (callee?.type === 'attribute' && ['items', 'values', 'keys'].includes(field(callee, 'attribute')?.text ?? '')) {
      const object = field(callee, 'object');
      return !!object && isLargeIterable(object, at, model, index, source, depth + 1);
    }
    return loadedBy(expr, model) !== null;
  }
  if (expr.type !== 'identifier') return false;
  if (isDirect(largeEvidence(expr, at, model, index, source, depth + 1))) return true;
  // `with open(p) as fh:` … `for line in fh:`
  const found = model.lookup(expr.text, expr);
  if (found?.binding.kind === 'assignment' && found.binding.node.type === 'as_pattern_target') {
    const target = found.binding.node;
    const value = target.parent?.children.find((c) => c.isNamed && c !== target);
    return !!value && isLargeIterable(value, at, model, index, source, depth + 1);
  }
  return false;
}

/** Does the statement binding `store` always run before `later` (same block or an enclosing one)? */
function dominates(store: SyntaxNode, later: SyntaxNode): boolean {
  if (parameterOf(store)) return true;
  let block = enclosingStatement(store)?.parent;
  // A `with` body or a `try` body runs whenever the code after it does; branches and loops may not.
  while (block && block.type === 'block' && block.field === 'body' && (block.parent?.type === 'with_statement' || block.parent?.type === 'try_statement')) {
    block = block.parent.parent ?? undefined;
  }
  return !!block && later.start >= block.start && later.end <= block.end;
}

/**
 * Why the collection named by `target` (at the rebuild `assignment`) is likely large: it came
 * from a parameter, from a loading call, or was filled in a loop. Null when nothing says so
 * (a literal, a string split, an unknown global) — then the rule stays silent.
 */
function largeEvidence(target: SyntaxNode, assignment: SyntaxNode, model: SemanticModel, index: IterationIndex, source: string, depth = 0): LargeEvidence | null {
  if (depth > 4) return null;
  if (target.type === 'identifier') {
    const owner = ownerOf(assignment);
    // The nearest earlier binding that surely runs before this one: not one in another branch.
    const previous = nameOccurrences(index, owner, target.text)
      .filter((o) => o.start < assignment.start && ownerOf(o) === owner && referenceKind(o) === 'store' && dominates(o, assignment))
      .pop();
    if (!previous) return null;
    const param = parameterOf(previous);
    if (param) return isDataParameter(param, target.text, source) ? { kind: 'parameter', name: target.text } : null;
    const bound = bindingAssignment(previous);
    if (!bound) {
      // `samples, rate = read_wav(path)`: one part of a loaded result — when its name says data set
      // (`header, rows = read_table(p)` unpacks a small header too).
      const unpacked = unpackingAssignment(previous);
      const right = unpacked ? field(unpacked, 'right') : undefined;
      const loaded = right && isDataName(target.text) ? loadedBy(right, model) : null;
      return loaded ? { kind: 'loaded', what: loaded } : null;
    }
    const value = field(bound, 'right');
    if (!value) return null;
    const loaded = loadedBy(value, model);
    if (loaded) return { kind: 'loaded', what: loaded };
    // An earlier rebuild of the same name: follow it back.
    if (rebuildKind(value, target.text, model)) return largeEvidence(target, bound, model, index, source, depth + 1);
    if (isEmptyContainer(value, model)) {
      const loops = fillingLoops(owner, target.text, bound.end, assignment.start);
      if (loops.some((loop) => {
        const iterable = field(loop, 'right');
        return !!iterable && isLargeIterable(iterable, loop, model, index, source, depth + 1);
      })) return { kind: 'accumulated' };
    }
    // `lookup = {r.id: r for r in rows}` over a large `rows`: as large as its source.
    const derived = derivedFrom(value, bound, target.text, model, index, source, depth);
    if (derived) return derived;
    return null;
  }
  // `self.rows = [...]`: where else the class fills that attribute.
  const chain = chainText(target);
  if (chain === null || !chain.startsWith('self.') || chain.split('.').length !== 2) return null;
  const cls = classOf(assignment);
  if (!cls) return null;
  for (const other of index.assignments) {
    if (other === assignment || other.start < cls.start || other.end > cls.end) continue;
    const left = field(other, 'left');
    const value = field(other, 'right');
    if (!left || !value || chainText(left) !== chain) continue;
    const loaded = loadedBy(value, model);
    if (loaded) return { kind: 'loaded', what: loaded };
    // `self.rows = rows` in `__init__(self, rows)`: the data parameter, kept.
    if (value.type === 'identifier') {
      const found = model.lookup(value.text, value);
      if (found?.binding.kind === 'parameter') {
        const param = found.binding.node;
        if (isDataParameter(param, value.text, source)) return { kind: 'parameter', name: value.text };
      }
    }
    const derived = derivedFrom(value, other, chain, model, index, source, depth);
    if (derived) return derived;
  }
  return null;
}

/** A comprehension (or `list(map(...))`-style build) over a large source is itself large. */
function derivedFrom(value: SyntaxNode, at: SyntaxNode, self: string, model: SemanticModel, index: IterationIndex, source: string, depth: number): LargeEvidence | null {
  if (depth > 3) return null;
  let comprehension: SyntaxNode | undefined = COMPREHENSION_KIND[value.type] ? value : undefined;
  if (!comprehension && value.type === 'call') {
    const args = field(value, 'arguments');
    if (args?.type === 'generator_expression') comprehension = args;
  }
  if (!comprehension) return null;
  const first = comprehension.children.find((c) => c.type === 'for_in_clause');
  const iterable = first ? field(first, 'right') : undefined;
  if (!iterable) return null;
  const base = iterable.type === 'call' && field(iterable, 'function')?.type === 'attribute' && ['items', 'values', 'keys'].includes(field(field(iterable, 'function')!, 'attribute')?.text ?? '')
    ? field(field(iterable, 'function')!, 'object')
    : iterable;
  if (!base) return null;
  if (base.type === 'identifier' || base.type === 'attribute') {
    // `self.coords = tuple(... for c in self.coords)` elsewhere says nothing new.
    if (chainText(base) === self) return null;
    const evidence = largeEvidence(base, at, model, index, source, depth + 1);
    if (isDirect(evidence)) return { kind: 'derived', from: chainText(base) ?? '' };
    // `with open(p) as fh:` … `[json.loads(line) for line in fh]`: a comprehension over a file or reader.
    if (base.type === 'identifier' && isLargeIterable(base, at, model, index, source, depth + 1)) return { kind: 'derived', from: base.text };
    return null;
  }
  return isLargeIterable(base, at, model, index, source, depth + 1) ? { kind: 'derived', from: source.slice(base.start, base.end) } : null;
}

/** Evidence that stands on its own: a data parameter or a loading call (not a chain of guesses). */
function isDirect(evidence: LargeEvidence | null): boolean {
  return evidence !== null && (evidence.kind === 'parameter' || evidence.kind === 'loaded');
}

function bindingAssignment(id: SyntaxNode): SyntaxNode | null {
  const p = id.parent;
  if (p?.type === 'assignment' && id.field === 'left') return p;
  return null;
}

/** The assignment `a, b = …` / `(a, b) = …` that unpacks into the name `id`, if any. */
function unpackingAssignment(id: SyntaxNode): SyntaxNode | null {
  const p = id.parent;
  if ((p?.type === 'pattern_list' || p?.type === 'tuple_pattern') && p.parent?.type === 'assignment' && p.field === 'left') return p.parent;
  return null;
}

function classOf(node: SyntaxNode): SyntaxNode | null {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'class_definition') return p;
  return null;
}

function evidenceText(e: LargeEvidence): string {
  switch (e.kind) {
    case 'parameter':
      return `it is the parameter \`${e.name}\``;
    case 'loaded':
      return `it comes from \`${e.what}(...)\``;
    case 'accumulated':
      return 'it was filled in a loop';
    case 'derived':
      return `it is built from \`${e.from}\``;
  }
}

export default defineRule({
  code: 'PSL103',
  name: 'copy-on-transform',
  family: 'bulk-transform',
  tier: 'file',
  severity: 'warning',
  fixable: 'never',
  precision: 'medium',
  summary: 'A large collection is rebuilt from itself and bound back over the original',
  messages: {
    rebuilt:
      '`{name}` is rebuilt as a new {kind} from itself ({why}): the old and the new {kind} are alive together while it is built',
  },
  options: {},
  docs: {
    whatItDoes:
      'Checks for a collection rebuilt from itself and bound back to the same name: `rows = [fix(r) for r in rows]`, `data = {k: f(v) for k, v in data.items()}`, `rows = list(map(fix, rows))`, `rows = list({r.id: r for r in rows}.values())`, `self.rows = [...]` over `self.rows`, and `rows = sorted(rows, key=...)` where `rows.sort(key=...)` would do (not on a parameter: sorting a copy is how a function leaves its caller\'s list alone). It reports only when the file shows the collection is likely large: a parameter named for a data set (`rows`, `records`, `data`, `events`, `orders`, `raw_lines`, … — not `args`, `names`, `paths`, `headers`, and never `*args`/`**kwargs`, a scalar-typed one or one with a literal default) or annotated as a `DataFrame`, an array or an `Iterator`; a name bound by a loading call (`json.load`, `csv.reader`, `pandas.read_csv`, `cursor.fetchall()`, `f.readlines()`, `f.read().splitlines()`, `response.json()`, SQLAlchemy `.scalars()`, or the application\'s own `load_*`/`fetch_*`/`read_*`/`*_records`-style functions, also through `[...]`, `.get(...)` and `.to_dict(...)` on their result, and a data-set name unpacked from their result: `samples, rate = read_wav(p)`); an empty container filled in a loop over a file, a reader, a cursor or such a data set; a collection built by a comprehension over one of those (`with open(p) as fh: rows = [parse(l) for l in fh]`); and, for `self.x`, any of these assigned to `self.x` elsewhere in the class. A name built from a literal, a string split, `os.environ`, the standard library\'s small helpers, or only bound in another branch is not reported.',
    whyBad:
      'Building the new collection while the name still holds the old one keeps both alive at the peak: twice the memory for the data. When many such steps run one after another, each new copy is allocated among the freed holes of the previous one, the heap fragments, and the process holds far more memory than the data needs.',
    example: [
      'def normalize(rows):',
      '    rows = [clean(row) for row in rows]',
      '    rows = [row for row in rows if row.valid]',
      '    return rows',
    ].join('\n'),
    useInstead: [
      'def normalize(rows):',
      '    # Stream: each row is cleaned and filtered as the caller consumes it.',
      '    return (row for row in map(clean, rows) if row.valid)',
    ].join('\n'),
    references: [
      'https://docs.python.org/3/howto/functional.html#generator-expressions-and-list-comprehensions',
      'https://docs.python.org/3/library/stdtypes.html#mutable-sequence-types',
    ],
  },
  check(file, ctx) {
    const { model, root } = file;
    const text = file.source.text;
    const index = iterationIndex(root);
    for (const assignment of index.assignments) {
      const left = field(assignment, 'left');
      const right = field(assignment, 'right');
      if (!left || !right || (left.type !== 'identifier' && left.type !== 'attribute')) continue;
      // Compare node types before any text: most assignments are not rebuilds.
      if (!(right.type in COMPREHENSION_KIND) && right.type !== 'call') continue;
      const chain = chainText(left);
      if (chain === null) continue;
      const kind = rebuildKind(right, chain, model);
      if (!kind) continue;
      const evidence = largeEvidence(left, assignment, model, index, text);
      if (!evidence) continue;
      const sorts = right.type === 'call' && field(right, 'function')?.text === 'sorted';
      // `data = sorted(data)` on a parameter is the usual way not to reorder the caller's list.
      if (sorts && evidence.kind === 'parameter') continue;
      const inPlace = sorts
        ? `Sort the list in place (\`${chain}.sort(...)\`) instead of building a sorted copy`
        : kind === 'dict'
        ? `Update the values in place (\`for k, v in ${chain}.items(): ${chain}[k] = ...\`) or stream the data through a generator instead of building a second dict`
        : kind === 'list'
          ? `Update the items in place (\`for i, item in enumerate(${chain}): ${chain}[i] = ...\`) or stream the data through a generator (\`(f(x) for x in ...)\`) instead of building a second list`
          : 'Stream the data through a generator instead of building a second collection';
      ctx.report({
        span: file.source.span(assignment.start, assignment.end),
        messageId: 'rebuilt',
        data: { name: chain, kind, why: evidenceText(evidence) },
        suggestions: [{ title: inPlace }],
      });
    }
  },
});
