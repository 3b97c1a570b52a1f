// SARIF 2.1.0 for GitHub code scanning: rule metadata, results, fixes and run notifications.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { RuleMeta } from '../engine/run/rule.js';
import type { SourceText } from '../engine/source/source-text.js';
import type { Edit, Finding, LintReport, RelatedLocation, Severity, Span } from '../engine/types.js';
import { lineHashes } from './fingerprints.js';
import { fingerprintFindings } from '../engine/run/fingerprint.js';
import { renderRuleDocs } from '../engine/run/rule-docs.js';
import { kebab } from '../engine/config/config.js';
import {
  DEFAULT_DOCS_BASE_URL,
  DEFAULT_INFORMATION_URI,
  DEFAULT_SARIF_CATEGORY,
  DEFAULT_TOOL_VERSION,
  GITHUB_MAX_RESULTS_PER_RUN,
  TOOL_NAME,
  type FormatOptions,
  type FormatOutput,
} from './options.js';
import { ReportSources, withByteOrderMarks } from './sources.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** GitHub shows at most this many characters of a rule description. */
const MAX_DESCRIPTION_CHARS = 1024;
/** Longer regions get no snippet: it would only bloat the log (GitHub reads the file itself). */
const MAX_SNIPPET_CHARS = 4096;
const FINGERPRINT_KEY = 'pysparseFingerprint/v1';

export interface SarifBuild {
  readonly log: Sarif.Log;
  /** Results left out to stay under `maxSarifResults` (0 when none were). */
  readonly droppedResults: number;
  /** Messages for the caller's stderr; formatters never print. */
  readonly warnings: readonly string[];
}

export function formatSarif(report: LintReport, rules: readonly RuleMeta[], options: FormatOptions = {}): FormatOutput {
  const { log, warnings } = buildSarifLog(report, rules, options);
  return { text: `${JSON.stringify(log, null, 2)}\n`, warnings };
}

export function buildSarifLog(original: LintReport, rules: readonly RuleMeta[], options: FormatOptions = {}): SarifBuild {
  const report = withByteOrderMarks(original);
  const sources = new ReportSources(report);
  const findings = report.files.flatMap((file) => file.findings);
  const descriptors = ruleDescriptors(rules, findings, options);
  const fingerprints = ownFingerprints(findings, sources);
  const limit = Math.max(0, options.maxSarifResults ?? GITHUB_MAX_RESULTS_PER_RUN);
  const kept = mostSevere(findings, limit);
  const droppedResults = findings.length - kept.length;
  const hashes = new LineHashCache(sources);
  const results = kept.map((index) =>
    sarifResult(findings[index]!, descriptors.indexOf, sources, hashes, fingerprints[index]!, report.root),
  );
  const warnings =
    droppedResults > 0
      ? [
          `SARIF output keeps the ${kept.length} most severe of ${findings.length} results and leaves out ${droppedResults}` +
            (limit === GITHUB_MAX_RESULTS_PER_RUN
              ? `: GitHub code scanning rejects a run with more than ${GITHUB_MAX_RESULTS_PER_RUN} results.`
              : ` (the limit asked for is ${limit}).`),
        ]
      : [];
  const rootUri = directoryUri(report.root);
  const category = automationId(options.sarifCategory);
  const version = options.toolVersion ?? DEFAULT_TOOL_VERSION;
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: TOOL_NAME,
        semanticVersion: version,
        version,
        informationUri: options.informationUri ?? DEFAULT_INFORMATION_URI,
        rules: descriptors.list,
      },
    },
    ...(category === undefined ? {} : { automationDetails: { id: category } }),
    originalUriBaseIds: {
      [SRCROOT]: { uri: rootUri, description: { text: 'The folder pysparse-lint ran in; result paths are relative to it.' } },
    },
    invocations: [invocation(report, descriptors.indexOf, warnings)],
    columnKind: 'utf16CodeUnits',
    // SourceText also ends a line at a lone CR (as Python and upload-sarif's hash do).
    newlineSequences: ['\r\n', '\n', '\r'],
    results,
  };
  const log: Sarif.Log = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
  return { log, droppedResults, warnings };
}

// ---------------------------------------------------------------- rules

interface Descriptors {
  readonly list: Sarif.ReportingDescriptor[];
  readonly indexOf: ReadonlyMap<string, number>;
}

/** Every rule passed in (fired or not), then a pseudo-rule for each engine ruleId that fired. */
function ruleDescriptors(rules: readonly RuleMeta[], findings: readonly Finding[], options: FormatOptions): Descriptors {
  const list: Sarif.ReportingDescriptor[] = [];
  const indexOf = new Map<string, number>();
  const docsBase = withTrailingSlash(options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL);
  for (const rule of rules) {
    if (indexOf.has(rule.code)) continue;
    indexOf.set(rule.code, list.length);
    list.push(ruleDescriptor(rule, docsBase));
  }
  for (const finding of findings) {
    if (indexOf.has(finding.ruleId)) continue;
    indexOf.set(finding.ruleId, list.length);
    list.push(engineDescriptor(finding));
  }
  return { list, indexOf };
}

/** Only built-in (PSL) rules have pages under docs/rules; a plugin rule names its own page (`docs.url`), or has none. */
function helpUriOf(rule: RuleMeta, docsBase: string): { helpUri?: string } {
  if (rule.docs.url) return { helpUri: rule.docs.url };
  return /^PSL[0-9]+$/.test(rule.code) ? { helpUri: `${docsBase}docs/rules/${encodeURIComponent(rule.code)}.md` } : {};
}

function ruleDescriptor(rule: RuleMeta, docsBase: string): Sarif.ReportingDescriptor {
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: truncate(rule.summary, MAX_DESCRIPTION_CHARS) },
    fullDescription: { text: truncate(rule.docs.whatItDoes, MAX_DESCRIPTION_CHARS) },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    ...helpUriOf(rule, docsBase),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: [rule.family, 'memory'],
      precision: rule.precision,
      'problem.severity': problemSeverity(rule.severity),
    },
  };
}

interface EngineRuleText {
  readonly short: string;
  readonly full: string;
  readonly help: string;
}

/** Diagnostics the engine itself reports; they have no RuleMeta. */
const ENGINE_RULES: Readonly<Record<string, EngineRuleText>> = {
  'syntax-error': {
    short: 'The file is not valid Python',
    full: 'The file could not be parsed as Python. Rules still check the parts the parser recovered, but results near the error may be missing.',
    help: 'Fix the syntax error at the reported location (run `python -m py_compile FILE` to see what Python says), then lint again.',
  },
  'internal-error': {
    short: 'pysparse-lint failed while checking this file',
    full: 'A rule or the engine threw while checking this file, so some results for it may be missing. This is a bug in pysparse-lint, not in the code.',
    help: 'Please report it with the file (or a reduced copy) and the pysparse-lint version. Rerun with the failing rule disabled to lint the rest.',
  },
};

function engineDescriptor(finding: Finding): Sarif.ReportingDescriptor {
  const known = ENGINE_RULES[finding.ruleId];
  const text: EngineRuleText = known ?? {
    short: `pysparse-lint diagnostic ${finding.ruleId}`,
    full: `A diagnostic reported by the pysparse-lint engine (${finding.ruleName || finding.ruleId}), not by a rule.`,
    help: 'See the message of each result for what went wrong.',
  };
  return {
    id: finding.ruleId,
    name: finding.ruleName || finding.ruleId,
    shortDescription: { text: text.short },
    fullDescription: { text: text.full },
    help: { text: text.help, markdown: text.help },
    defaultConfiguration: { level: sarifLevel(finding.severity) },
    properties: {
      tags: ['pysparse-lint'],
      precision: 'very-high',
      'problem.severity': problemSeverity(finding.severity),
    },
  };
}

/** Ruff's section order, as plain text. */
function helpText(rule: RuleMeta): string {
  const { docs } = rule;
  const sections: string[] = [
    `What it does\n${docs.whatItDoes}`,
    `Why is this bad?\n${docs.whyBad}`,
    `Example\n${indent(docs.example)}`,
    `Use instead\n${indent(docs.useInstead)}`,
  ];
  if (docs.fixSafety) sections.push(`Fix safety\n${docs.fixSafety}`);
  const options = optionLines(rule, (name) => name);
  if (options.length) sections.push(`Options\n${options.join('\n')}`);
  if (docs.references?.length) sections.push(`References\n${docs.references.map((r) => `- ${r}`).join('\n')}`);
  return sections.join('\n\n');
}

/** The rule's docs page; GitHub's rule panel shows this one. */
function helpMarkdown(rule: RuleMeta): string {
  return renderRuleDocs(rule);
}

function optionLines(rule: RuleMeta, name: (n: string) => string): string[] {
  return Object.entries(rule.options).map(
    ([key, spec]) => `- ${name(kebab(key))} (${spec.type}, default ${JSON.stringify(spec.default)}): ${spec.description}`,
  );
}


function indent(code: string): string {
  return code
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

// ---------------------------------------------------------------- results

function sarifResult(
  finding: Finding,
  ruleIndexOf: ReadonlyMap<string, number>,
  sources: ReportSources,
  hashes: LineHashCache,
  ownFingerprint: string,
  root: string,
): Sarif.Result {
  const source = sources.get(finding.file);
  const lineHash = hashes.get(finding.file, finding.span.startLine);
  const fixes = [
    ...(finding.fix ? [sarifFix(finding.fix.title, finding.fix.edits, finding.fix.safety, sources, root)] : []),
    ...finding.suggestions
      .filter((s) => s.edits.length > 0)
      .map((s) => sarifFix(s.title, s.edits, 'suggestion', sources, root)),
  ].filter((fix): fix is Sarif.Fix => fix !== undefined);
  return {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndexOf.get(finding.ruleId)!,
    level: sarifLevel(finding.severity),
    message: { text: messageText(finding.message, finding.related) },
    locations: [{ physicalLocation: physicalLocation(finding.file, finding.span, source, true, root) }],
    ...(finding.related.length
      ? {
          relatedLocations: finding.related.map((related, i) => ({
            id: i + 1,
            message: { text: related.message || 'related location' },
            physicalLocation: physicalLocation(related.file, related.span, sources.get(related.file), false, root),
          })),
        }
      : {}),
    ...(lineHash === undefined ? {} : { partialFingerprints: { primaryLocationLineHash: lineHash } }),
    fingerprints: { [FINGERPRINT_KEY]: ownFingerprint },
    ...(fixes.length ? { fixes } : {}),
  };
}

/**
 * GitHub only shows related locations that the message links to, so each one is appended as an
 * embedded link `[text](id)` (SARIF 3.11.6). Brackets in the message that would read as such a
 * link are escaped.
 */
function messageText(message: string, related: readonly RelatedLocation[]): string {
  const body = message.replace(/\[((?:[^\]\\]|\\.)*)\]\((\d+)\)/g, '\\[$1\\]($2)');
  if (!related.length) return body;
  const links = related.map((r, i) => `[${escapeLinkText(r.message || 'related location')}](${i + 1})`);
  return `${body} (see ${links.join(', ')})`;
}

function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

function physicalLocation(
  file: string,
  span: Span,
  source: SourceText | undefined,
  withContext: boolean,
  root: string,
): Sarif.PhysicalLocation {
  const region: Sarif.Region = {
    startLine: span.startLine,
    startColumn: span.startColumn,
    endLine: span.endLine,
    endColumn: span.endColumn,
  };
  if (!source) return { artifactLocation: artifactLocation(file, root), region };
  const text = source.text.slice(span.start, span.end);
  if (text.length > 0 && text.length <= MAX_SNIPPET_CHARS) region.snippet = { text };
  const location: Sarif.PhysicalLocation = { artifactLocation: artifactLocation(file, root), region };
  const context = withContext ? contextRegion(span, source) : undefined;
  if (context) location.contextRegion = context;
  return location;
}

/** The whole line(s) around a region, when that is more than the region itself (SARIF 3.29.5). */
function contextRegion(span: Span, source: SourceText): Sarif.Region | undefined {
  const start = source.lineStart(span.startLine);
  const end = Math.max(source.lineEnd(span.endLine), span.end);
  if (start === span.start && end === span.end) return undefined;
  const text = source.text.slice(start, end);
  if (text.length > MAX_SNIPPET_CHARS) return undefined;
  const to = source.position(end);
  return { startLine: span.startLine, startColumn: 1, endLine: to.line, endColumn: to.column, snippet: { text } };
}

function sarifFix(
  title: string,
  edits: readonly Edit[],
  safety: 'safe' | 'unsafe' | 'suggestion',
  sources: ReportSources,
  root: string,
): Sarif.Fix | undefined {
  const byFile = new Map<string, Edit[]>();
  for (const edit of edits) {
    const group = byFile.get(edit.file);
    if (group) group.push(edit);
    else byFile.set(edit.file, [edit]);
  }
  if (byFile.size === 0) return undefined;
  return {
    description: { text: title },
    artifactChanges: [...byFile].map(([file, group]) => ({
      artifactLocation: artifactLocation(file, root),
      replacements: group.map((edit) => ({
        deletedRegion: deletedRegion(edit, sources),
        insertedContent: { text: edit.text },
      })),
    })),
    properties: { safety },
  };
}

/** Offsets always; lines and columns too when the file's text is known (they must agree). */
function deletedRegion(edit: Edit, sources: ReportSources): Sarif.Region {
  const region: Sarif.Region = { charOffset: edit.start, charLength: edit.end - edit.start };
  const span = sources.editSpan(edit);
  if (span) {
    region.startLine = span.startLine;
    region.startColumn = span.startColumn;
    region.endLine = span.endLine;
    region.endColumn = span.endColumn;
  }
  return region;
}

/**
 * A file under the folder the run started in is a path relative to %SRCROOT%. One outside it
 * (`../other/x.py`) has no repository-relative path, and GitHub matches paths literally: it gets
 * an absolute file URI instead.
 */
function artifactLocation(file: string, root: string): Sarif.ArtifactLocation {
  if (file === '..' || file.startsWith('../')) return { uri: pathToFileURL(path.resolve(root, file)).href };
  return { uri: relativeUri(file), uriBaseId: SRCROOT };
}

/** A repo-relative path as a URI reference: each segment percent-encoded (spaces, `:`, `#`, é). */
export function relativeUri(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')))
    .join('/');
}

function directoryUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

class LineHashCache {
  private readonly byFile = new Map<string, string[] | undefined>();
  constructor(private readonly sources: ReportSources) {}

  get(file: string, line: number): string | undefined {
    if (!this.byFile.has(file)) {
      const source = this.sources.get(file);
      this.byFile.set(file, source ? lineHashes(source.text) : undefined);
    }
    return this.byFile.get(file)?.[line - 1];
  }
}

/** `pysparseFingerprint/v1` for every finding, counting occurrences in report order. */
function ownFingerprints(findings: readonly Finding[], sources: ReportSources): string[] {
  return fingerprintFindings(findings, (f) => f.file, (f) => sources.get(f.file)?.lineText(f.span.startLine));
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Indexes of the `limit` most severe findings, in their original order (the engine's sort). */
function mostSevere(findings: readonly Finding[], limit: number): number[] {
  const all = findings.map((_, i) => i);
  if (findings.length <= limit) return all;
  return all
    .sort((a, b) => SEVERITY_RANK[findings[a]!.severity] - SEVERITY_RANK[findings[b]!.severity] || a - b)
    .slice(0, limit)
    .sort((a, b) => a - b);
}

// ---------------------------------------------------------------- invocation

function invocation(
  report: LintReport,
  ruleIndexOf: ReadonlyMap<string, number>,
  capWarnings: readonly string[],
): Sarif.Invocation {
  const notifications: Sarif.Notification[] = report.notifications.map((n) => ({
    level: n.level,
    message: { text: n.message },
    descriptor: { id: n.code },
    ...(n.ruleId === undefined
      ? {}
      : { associatedRule: ruleIndexOf.has(n.ruleId) ? { id: n.ruleId, index: ruleIndexOf.get(n.ruleId)! } : { id: n.ruleId } }),
    ...(n.file === undefined ? {} : { locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.file, report.root) } }] }),
  }));
  for (const text of capWarnings) {
    notifications.push({ level: 'warning', message: { text }, descriptor: { id: 'results-capped' } });
  }
  return {
    executionSuccessful: !report.notifications.some((n) => n.level === 'error'),
    startTimeUtc: report.startTime.toISOString(),
    endTimeUtc: report.endTime.toISOString(),
    workingDirectory: { uri: directoryUri(report.root) },
    ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
  };
}

// ---------------------------------------------------------------- small mappings

function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

function problemSeverity(severity: Severity): 'error' | 'warning' | 'recommendation' {
  return severity === 'info' ? 'recommendation' : severity;
}

function automationId(category: string | undefined): string | undefined {
  const id = category ?? DEFAULT_SARIF_CATEGORY;
  if (id === '') return undefined;
  return id.endsWith('/') ? id : `${id}/`;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** At most `max` UTF-16 units, never splitting a surrogate pair, with `…` when cut. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
  return `${text.slice(0, cut)}…`;
}
