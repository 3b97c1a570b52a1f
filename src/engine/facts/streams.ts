// Where a file, a database cursor or a CSV reader comes from, as far as one file shows: the
// streams PSL105 reports fetching whole and PSL104 leaves to it.
import type { SyntaxNode } from '../source/syntax.js';
import { field } from '../source/syntax.js';
import type { SemanticModel } from './scope.js';

/** Where a cursor, file or reader comes from, as far as this file shows. */
export type Origin =
  | 'file'
  | 'sqlite-connection'
  | 'dbapi-connection'
  | 'sqlite-cursor'
  | 'dbapi-cursor'
  | 'csv-reader'
  | 'process';

const FILE_OPENERS = new Set([
  'builtins.open', 'io.open', 'codecs.open', 'gzip.open', 'bz2.open', 'lzma.open', 'os.fdopen', 'os.popen',
  'tempfile.TemporaryFile', 'tempfile.NamedTemporaryFile', 'tempfile.SpooledTemporaryFile',
  'io.StringIO', 'io.BytesIO', 'io.TextIOWrapper', 'urllib.request.urlopen', 'fileinput.input',
  'sys.stdin', 'sys.stdin.buffer',
]);

const SQLITE_CONNECT = new Set(['sqlite3.connect', 'sqlite3.dbapi2.connect']);

/** DB-API 2 drivers: their cursors are iterable only as an optional extension. */
const DBAPI_CONNECT = new Set([
  'psycopg2.connect', 'psycopg.connect', 'pymysql.connect', 'MySQLdb.connect', 'mysql.connector.connect',
  'cx_Oracle.connect', 'oracledb.connect', 'pyodbc.connect', 'pymssql.connect', 'duckdb.connect',
  'snowflake.connector.connect', 'ibm_db_dbi.connect', 'pg8000.connect', 'teradatasql.connect',
]);

const CSV_READERS = new Set(['csv.reader', 'csv.DictReader']);

/** `os.open` returns a descriptor; `webbrowser.open` opens a browser. */
const NOT_FILE_OPEN = new Set(['os.open', 'webbrowser.open', 'webbrowser.open_new', 'webbrowser.open_new_tab']);

export function originOf(expr: SyntaxNode, model: SemanticModel, depth = 0): Origin | null {
  if (depth > 6) return null;
  switch (expr.type) {
    case 'parenthesized_expression': {
      const inner = expr.children.find((c) => c.isNamed);
      return inner ? originOf(inner, model, depth + 1) : null;
    }
    case 'identifier': {
      const resolved = model.resolveExpression(expr);
      if (resolved !== null && FILE_OPENERS.has(resolved)) return 'file';
      const found = model.lookup(expr.text, expr);
      if (!found || found.binding.kind !== 'assignment') return null;
      const bound = found.binding.node;
      if (bound.type === 'assignment') {
        const left = field(bound, 'left');
        const right = field(bound, 'right');
        return left?.type === 'identifier' && right ? originOf(right, model, depth + 1) : null;
      }
      if (bound.type === 'as_pattern_target') {
        // `with open(p) as f:` / `with conn.cursor() as cur:`
        const pattern = bound.parent;
        const value = pattern?.type === 'as_pattern' ? pattern.children.find((c) => c.isNamed && c !== bound) : undefined;
        if (!value || pattern?.parent?.type !== 'with_item') return null;
        const origin = originOf(value, model, depth + 1);
        // sqlite3's connection context manager commits; it does not hand out a cursor.
        return origin;
      }
      return null;
    }
    case 'attribute': {
      const resolved = model.resolveExpression(expr);
      if (resolved !== null && FILE_OPENERS.has(resolved)) return 'file';
      const attr = field(expr, 'attribute')?.text;
      const object = field(expr, 'object');
      if ((attr === 'stdout' || attr === 'stderr') && object && originOf(object, model, depth + 1) === 'process') return 'file';
      return null;
    }
    case 'call': {
      const callee = field(expr, 'function');
      if (!callee) return null;
      const resolved = callee.type === 'identifier' || callee.type === 'attribute' ? model.resolveExpression(callee) : null;
      if (resolved !== null) {
        if (FILE_OPENERS.has(resolved)) return 'file';
        if (SQLITE_CONNECT.has(resolved)) return 'sqlite-connection';
        if (DBAPI_CONNECT.has(resolved)) return 'dbapi-connection';
        if (CSV_READERS.has(resolved)) return 'csv-reader';
        if (resolved === 'subprocess.Popen') return 'process';
        if (resolved === 'contextlib.closing') {
          const arg = field(expr, 'arguments')?.children.find((c) => c.isNamed);
          return arg ? originOf(arg, model, depth + 1) : null;
        }
      }
      if (callee.type !== 'attribute') return null;
      const method = field(callee, 'attribute')?.text ?? '';
      const object = field(callee, 'object');
      if (!object) return null;
      if (method === 'cursor') {
        return originOf(object, model, depth + 1) === 'sqlite-connection' ? 'sqlite-cursor' : 'dbapi-cursor';
      }
      if (method === 'execute' || method === 'executemany' || method === 'executescript') {
        const o = originOf(object, model, depth + 1);
        if (o === 'sqlite-connection' || o === 'sqlite-cursor') return 'sqlite-cursor';
        if (o === 'dbapi-connection' || o === 'dbapi-cursor') return 'dbapi-cursor';
        // `conn.execute("SELECT …")` on a connection handed in: the literal query shows a DB-API cursor.
        return method === 'execute' && isSqlQueryCall(expr) ? 'dbapi-cursor' : null;
      }
      if ((method === 'open' && (resolved === null || !NOT_FILE_OPEN.has(resolved))) || method === 'makefile') return 'file';
      return null;
    }
    default:
      return null;
  }
}

/**
 * Is `expr` a file, cursor or CSV reader (as far as this file shows)? `list(expr)` of one is
 * PSL105's finding, not PSL104's.
 */
export function isFetchableStream(expr: SyntaxNode, model: SemanticModel): boolean {
  const origin = originOf(expr, model);
  return origin === 'file' || origin === 'sqlite-cursor' || origin === 'dbapi-cursor' || origin === 'csv-reader';
}

/** Is the call's first argument a string literal holding a SELECT (or WITH … SELECT) query? */
export function isSqlQueryCall(call: SyntaxNode): boolean {
  const args = field(call, 'arguments');
  const first = args?.type === 'argument_list' ? args.children.find((c) => c.isNamed && c.type !== 'comment') : undefined;
  if (first?.type !== 'string') return false;
  const content = first.children.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
  return /^\s*(?:SELECT|WITH)\b/i.test(content);
}
