// The per-file tier: decode, parse, copy the tree, collect facts, run file rules. Plain data out.
import type { Parser } from 'web-tree-sitter';
import { factsFromModel } from '../facts/collect.js';
import { SemanticModel } from '../facts/scope.js';
import type { FileFacts, ModuleInfo } from '../facts/types.js';
import { decodeSource } from '../source/decode.js';
import { parseText } from '../source/parser.js';
import { SourceText } from '../source/source-text.js';
import { copyTree, walk, type SyntaxNode } from '../source/syntax.js';
import type { Finding, Notification, Span } from '../types.js';
import { createRuleContext, type RuleSettingsLookup } from './report.js';
import type { FileRule } from './rule.js';
import { collectSuppressions, type Suppressions } from './suppressions.js';

/** Files above this size are skipped: the WASM heap caps near 70 MB of source. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface FileInput {
  /** Relative to the run's root, `/`-separated. */
  readonly path: string;
  readonly absolutePath: string;
  /** Raw bytes (decoded per PEP 263), or already-decoded text. */
  readonly content: Uint8Array | string;
  readonly module: ModuleInfo;
  /** Hash of the bytes read (see `contentHash`), when the caller made one: carried into the analysis. */
  readonly contentHash?: string;
}

export interface FileAnalysis {
  readonly path: string;
  readonly absolutePath: string;
  /** Decoded text, absent when the file could not be decoded or was skipped. */
  readonly source?: string;
  readonly encoding?: { readonly name: string; readonly bom: boolean };
  readonly facts: FileFacts | null;
  readonly findings: readonly Finding[];
  readonly suppressions: Suppressions;
  readonly notifications: readonly Notification[];
  /** ERROR and MISSING nodes in the parse: a fix must never raise this. */
  readonly syntaxErrorCount: number;
  /**
   * Hash of the bytes the analysis was made from. A worker leaves `source` out to keep memory
   * small (the run re-reads the file when a finding or a fix needs the text, and checks this hash).
   */
  readonly contentHash?: string;
}

export interface AnalyzeOptions {
  readonly rules: readonly FileRule[];
  readonly settings: RuleSettingsLookup;
  readonly maxFileBytes?: number;
}

const NO_SUPPRESSIONS: Suppressions = { file: null, lines: [] };

export function analyzeFile(parser: Parser, input: FileInput, options: AnalyzeOptions): FileAnalysis {
  try {
    return analyzeOrThrow(parser, input, options);
  } catch (error) {
    // Decoding, parsing or the tree copy failed: the run goes on without this file.
    return {
      path: input.path, absolutePath: input.absolutePath, facts: null, findings: [], suppressions: NO_SUPPRESSIONS,
      syntaxErrorCount: 0, ...(input.contentHash ? { contentHash: input.contentHash } : {}),
      notifications: [internalError(input.path, 'analysing', error)],
    };
  }
}

function analyzeOrThrow(parser: Parser, input: FileInput, options: AnalyzeOptions): FileAnalysis {
  const base = { path: input.path, absolutePath: input.absolutePath, ...(input.contentHash ? { contentHash: input.contentHash } : {}) };
  const skipped = (code: string, message: string): FileAnalysis => ({
    ...base, facts: null, findings: [], suppressions: NO_SUPPRESSIONS, syntaxErrorCount: 0,
    notifications: [{ level: 'warning', code, message: `${input.path} ${message}`, file: input.path }],
  });
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let text: string;
  let encoding: FileAnalysis['encoding'];
  if (typeof input.content === 'string') {
    text = input.content;
  } else {
    if (input.content.length > maxBytes) {
      return skipped('file-too-large', `is ${input.content.length} bytes, over the ${maxBytes}-byte limit: skipped`);
    }
    const decoded = decodeSource(input.content);
    if (!decoded.ok) return skipped(decoded.code, `${decoded.message}: skipped`);
    text = decoded.value.text;
    encoding = { name: decoded.value.encoding, bom: decoded.value.bom };
  }
  if (text.length > maxBytes) return skipped('file-too-large', `is over the ${maxBytes}-character limit: skipped`);

  const source = new SourceText(text);
  const tree = parseText(parser, text);
  let root: SyntaxNode;
  let syntaxErrorCount: number;
  try {
    ({ root, errorCount: syntaxErrorCount } = copyTree(tree, text));
  } finally {
    tree.delete();
  }

  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  if (syntaxErrorCount > 0) findings.push(syntaxErrorFinding(input.path, root, source));
  let suppressions = NO_SUPPRESSIONS;
  try {
    suppressions = collectSuppressions(root, source);
  } catch (error) {
    notifications.push(internalError(input.path, 'reading noqa comments of', error));
  }
  let facts: FileFacts | null = null;
  let model: SemanticModel | null = null;
  try {
    model = new SemanticModel(root, source, input.module);
    facts = factsFromModel(model);
  } catch (error) {
    // Without facts no rule can run on this file; the others still get theirs.
    notifications.push(internalError(input.path, 'collecting facts of', error));
  }
  if (model && facts) {
    for (const rule of options.rules) {
      const ctx = createRuleContext(rule, input.path, options.settings, findings);
      try {
        rule.check({ path: input.path, source, root, model, facts }, ctx);
      } catch (error) {
        notifications.push(ruleCrash(rule.code, input.path, error));
      }
    }
  }
  return {
    ...base,
    source: text,
    ...(encoding ? { encoding } : {}),
    facts,
    findings,
    suppressions,
    notifications,
    syntaxErrorCount,
  };
}

/** An engine failure on one file (not a rule's): reported, and the run goes on. */
export function internalError(file: string, doing: string, error: unknown): Notification {
  return { level: 'error', code: 'internal-error', file, message: `internal error ${doing} ${file}: ${errorDetail(error)}` };
}

function errorDetail(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).map((l) => l.trim()).join(' | ') : String(error);
}

export function ruleCrash(ruleId: string, file: string, error: unknown): Notification {
  return { level: 'error', code: 'internal-error', ruleId, file, message: `rule ${ruleId} crashed on ${file}: ${errorDetail(error)}` };
}

/** One finding for the first ERROR or MISSING node: tree-sitter recovered, analysis went on. */
function syntaxErrorFinding(file: string, root: SyntaxNode, source: SourceText): Finding {
  let first: SyntaxNode | undefined;
  walk(root, (n) => {
    if (first) return false;
    if (n.isError) first = n;
    return undefined;
  });
  const node = first ?? root;
  const missing = node.type.startsWith('MISSING ');
  const span: Span = source.span(node.start, missing ? node.start : Math.min(node.end, source.lineEnd(source.position(node.start).line)));
  const message = missing
    ? `Syntax error: missing ${node.type.slice('MISSING '.length)}; the rest of the file was still analysed`
    : 'Syntax error: this code could not be parsed; the rest of the file was still analysed';
  return {
    ruleId: 'syntax-error', ruleName: 'syntax-error', severity: 'error', messageId: 'syntaxError', message,
    file, span, related: [], suggestions: [],
  };
}
