// `npm run new-rule <CODE> <name> [--tier project]`: scaffolds src/rules/<CODE>-<name>.ts, a case
// folder with one flagged and one silent case, and the registry entry (like Ruff's add_rule.py).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const FAMILIES: Readonly<Record<string, string>> = {
  '0': 'suppression',
  '1': 'bulk-transform',
  '2': 'cache-growth',
  '3': 'reference-cycle',
};

export interface ScaffoldOptions {
  readonly tier?: 'file' | 'project';
  /** Repository root to write into (tests use a temporary copy). */
  readonly root?: string;
}

/** Files written, repo-relative. Throws on a bad code or name, or when the rule exists. */
export function scaffoldRule(code: string, name: string, options: ScaffoldOptions = {}): string[] {
  const root = options.root ?? REPO_ROOT;
  const tier = options.tier ?? 'file';
  if (!/^PSL[0-9]{3}$/.test(code)) throw new Error(`the code must look like PSL104, not '${code}'`);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) throw new Error(`the name must be kebab-case (what is flagged), not '${name}'`);
  const family = FAMILIES[code[3]!];
  if (!family) throw new Error(`no rule family for ${code}: PSL0xx suppression, PSL1xx bulk-transform, PSL2xx cache-growth, PSL3xx reference-cycle`);
  const ruleFile = `src/rules/${code}-${name}.ts`;
  const caseDir = `test/cases/${code}`;
  const registry = path.join(root, 'src/rules/index.ts');
  const registryText = readFileSync(registry, 'utf8');
  if (new RegExp(`\\b${code}\\b`).test(registryText) || existsSync(path.join(root, caseDir))) {
    throw new Error(`${code} already exists (in src/rules/index.ts or test/cases)`);
  }

  writeFileSync(path.join(root, ruleFile), ruleSource(code, name, family, tier));
  mkdirSync(path.join(root, caseDir), { recursive: true });
  const flagged = `${caseDir}/${name.replace(/-/g, '_')}.py`;
  const silent = `${caseDir}/${name.replace(/-/g, '_')}_ok.py`;
  writeFileSync(path.join(root, flagged), flaggedCase(code));
  writeFileSync(path.join(root, silent), silentCase());
  writeFileSync(registry, withRegistryEntry(registryText, code, name));
  return [ruleFile, flagged, silent, 'src/rules/index.ts'];
}

/** The registry with one import line and one array entry added, both kept in code order. */
export function withRegistryEntry(text: string, code: string, name: string): string {
  const importLine = `import ${code} from './${code}-${name}.js';`;
  const lines = text.split('\n');
  const imports = lines.map((l, i) => [l, i] as const).filter(([l]) => /^import [A-Z]+[0-9]+ from '\.\//.test(l));
  const after = imports.filter(([l]) => l < importLine).pop();
  const at = after ? after[1] + 1 : (imports[0]?.[1] ?? lines.findIndex((l) => l.startsWith('import type')) + 1);
  lines.splice(at, 0, importLine);
  const joined = lines.join('\n');
  const array = /\[([A-Z0-9,\s]*)\]\s*\.sort/.exec(joined);
  if (!array) throw new Error('cannot find the rule list (`[PSL…].sort(…)`) in src/rules/index.ts');
  const codes = array[1]!.split(',').map((c) => c.trim()).filter(Boolean);
  const sorted = [...codes, code].sort();
  return `${joined.slice(0, array.index)}[${sorted.join(', ')}]${joined.slice(array.index + 1 + array[1]!.length + 1)}`;
}

function ruleSource(code: string, name: string, family: string, tier: 'file' | 'project'): string {
  const check = tier === 'file'
    ? [
        '  check(file, ctx) {',
        '    // TODO: find the real pattern. Facts: file.facts (calls, functions, classes, imports, bulk,',
        '    // caches, cycles); syntax: file.root with walk() and file.model.resolveExpression().',
        '    for (const call of file.facts.calls) {',
        "      if (call.calleeText !== 'todo_pattern') continue;",
        "      ctx.report({ span: call.span, messageId: 'found', data: { callee: call.calleeText } });",
        '    }',
        '  },',
      ]
    : [
        '  check(project, ctx) {',
        '    // TODO: find the real pattern across modules: project.functions, project.callsTo,',
        '    // project.resolveCall(file, call). Report with `file:` and spans from facts.',
        '    for (const [path, facts] of project.files) {',
        '      for (const call of facts.calls) {',
        "        if (call.calleeText !== 'todo_pattern') continue;",
        "        ctx.report({ file: path, span: call.span, messageId: 'found', data: { callee: call.calleeText } });",
        '      }',
        '    }',
        '  },',
      ];
  return [
    `// ${code}: TODO one line saying what this rule flags and why it costs memory.`,
    "import { defineRule } from '../engine/run/rule.js';",
    '',
    'export default defineRule({',
    `  code: '${code}',`,
    `  name: '${name}',`,
    `  family: '${family}',`,
    `  tier: '${tier}',`,
    "  severity: 'warning',",
    "  fixable: 'never',",
    "  precision: 'medium',",
    "  summary: 'TODO: what the rule finds, in one line',",
    '  messages: {',
    "    found: 'TODO: `{callee}` … says what is wrong here',",
    '  },',
    '  options: {},',
    '  docs: {',
    "    whatItDoes: 'TODO: Checks for …',",
    "    whyBad: 'TODO: why this makes the process hold more memory than its data needs.',",
    "    example: 'rows = todo_pattern(source)',",
    "    useInstead: 'rows = source',",
    '  },',
    ...check,
    '});',
    '',
  ].join('\n');
}

function flaggedCase(code: string): string {
  return [
    '"""TODO: a realistic module (an importer, a service, a handler) showing the pattern."""',
    '',
    '',
    'def load(source):',
    `    rows = todo_pattern(source)  # expect: ${code}`,
    '    return rows',
    '',
  ].join('\n');
}

function silentCase(): string {
  return [
    '"""TODO: the nearest code that must stay silent (the fixed form, look-alikes)."""',
    '',
    '',
    'def load(source):',
    '    return list(source)',
    '',
  ].join('\n');
}

function main(argv: readonly string[]): number {
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--tier' && argv[i - 1] !== '--root');
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const [code, name] = positional;
  const tier = flag('--tier');
  if (!code || !name || (tier !== undefined && tier !== 'file' && tier !== 'project')) {
    process.stderr.write('usage: npm run new-rule -- <CODE> <name> [--tier file|project]\n  e.g. npm run new-rule -- PSL106 chained-list-copies\n');
    return 2;
  }
  try {
    const root = flag('--root');
    const written = scaffoldRule(code, name, { ...(tier ? { tier } : {}), ...(root ? { root: path.resolve(root) } : {}) });
    process.stdout.write(`${written.map((f) => `wrote ${f}`).join('\n')}\n\nNext: write the check and real cases, then \`npm run gen:docs\` and \`npm test\`.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`new-rule: ${(error as Error).message}\n`);
    return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
