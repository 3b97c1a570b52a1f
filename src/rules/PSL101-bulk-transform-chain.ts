// PSL101: data passes through a chain of functions that each build a whole new collection from it.
import { bulkFlow, isStreamable, type Chain, type GeneratorFix } from '../engine/link/bulk-flow.js';
import type { EditInput, FixInput } from '../engine/run/rule.js';
import type { RelatedLocation } from '../engine/types.js';
import { defineRule } from '../engine/run/rule.js';

/** A chain longer than this is named by its ends; related locations stop here too. */
const MAX_NAMED_STAGES = 8;
const MAX_RELATED_STAGES = 8;

export default defineRule({
  code: 'PSL101',
  name: 'bulk-transform-chain',
  family: 'bulk-transform',
  tier: 'project',
  severity: 'warning',
  fixable: 'sometimes',
  precision: 'high',
  summary: 'Data flows through a chain of functions that each build a whole new collection from it',
  messages: {
    chain:
      '{source} passes through {count} functions in a row that each build a whole new collection from it ({stages}): up to {copies} full copies of the data are alive at once',
  },
  fixTitle: 'Turn the stages into generators',
  options: {
    minStages: {
      type: 'number',
      default: 2,
      description: 'How many transforming functions in a row make a chain worth reporting.',
    },
  },
  docs: {
    whatItDoes:
      'Checks for a collection that flows through two or more project functions in a row, each of which builds a whole new list, set or dict from its input (a comprehension over the parameter, an accumulator filled in a loop over it, `list(map(...))`, `sorted(...)`): `save(enrich(normalize(load())))`, or `rows = load(); rows = normalize(rows); out = enrich(rows)`, also kept on the object (`self.rows = self.clean(self.rows)`) — within one module or across modules, methods included (`self.clean(rows)`, `store.load(...)` and `self.store.load(...)` on a receiver of known class). The chain is reported once, at the call where the data enters it; the message names the stages in order and how many full copies of the data can be alive at once (two while a stage runs, more when locals keep earlier results alive); related locations point at each stage\'s definition. A function that only aggregates (`totals[k] += x`) or only reads its input is not a stage; a result that feeds two or more stages (a fan-out) must stay whole for all of them, so the chain ends there.\n\n'
      + 'PSL101 and PSL102 split the work: PSL101 reports the pipeline, once per chain, at the call; PSL102 reports each function that can stream its result, at its `def`. PSL101\'s fix is the union of PSL102\'s rewrites of the chain\'s producers, so with both rules on, `--fix` applies each rewrite once.',
    whyBad:
      'Each stage keeps its input alive while it builds a full copy of the data, so the peak is at least two copies, and every copy is allocated among the holes the previous one leaves when it is freed. After a few stages pymalloc\'s arenas are full of partly used pages that cannot go back to the operating system: the process holds 5–10× the memory its data needs. Passing one record at a time through generators keeps a few records alive instead of whole copies.',
    example: [
      'def load(lines):',
      '    return [line.split(",") for line in lines]',
      '',
      '',
      'def normalize(rows):',
      '    return [[cell.strip().lower() for cell in row] for row in rows]',
      '',
      '',
      'def enrich(rows):',
      '    out = []',
      '    for row in rows:',
      '        out.append(row + [len(row)])',
      '    return out',
      '',
      '',
      'def report(lines):',
      '    for row in enrich(normalize(load(lines))):',
      '        print(row)',
    ].join('\n'),
    useInstead: [
      'def load(lines):',
      '    return (line.split(",") for line in lines)',
      '',
      '',
      'def normalize(rows):',
      '    return ([cell.strip().lower() for cell in row] for row in rows)',
      '',
      '',
      'def enrich(rows):',
      '    for row in rows:',
      '        yield row + [len(row)]',
      '',
      '',
      'def report(lines):',
      '    for row in enrich(normalize(load(lines))):',
      '        print(row)',
    ].join('\n'),
    fixSafety:
      'The fix rewrites every producer of the chain that PSL102 can rewrite (see PSL102 for the rules): only the safe rewrites go into a safe fix; when none is safe, the unsafe ones are offered as an unsafe fix. Producers with unknown callers, dicts, sorted results and hazardous bodies are left as they are; the chain may then stay reported.',
    references: [
      'https://docs.python.org/3/howto/functional.html#generators',
      'https://docs.python.org/3/c-api/memory.html#the-pymalloc-allocator',
    ],
  },
  check(project, ctx) {
    const flow = bulkFlow(project);
    const minStages = Math.max(1, ctx.options.minStages);
    for (const chain of flow.chains()) {
      if (chain.stages.length < minStages) continue;
      const names = stageNames(chain);
      const related: RelatedLocation[] = chain.stages.slice(0, MAX_RELATED_STAGES).map((stage, i) => ({
        file: stage.target.file.module.path,
        span: stage.target.fn.nameSpan,
        message: `stage ${i + 1}: \`${stage.target.fn.name}\` builds a new ${stage.producer.collection ?? 'collection'} from \`${stage.producer.sourceParams.join('`, `')}\``,
      }));
      const first = chain.source?.call ?? chain.stages[0]!.site.call;
      ctx.report({
        file: chain.file.module.path,
        span: first.span,
        messageId: 'chain',
        data: { source: sourceText(chain), count: chain.stages.length, stages: names.join(' → '), copies: chain.peakCopies },
        related,
        fix: chainFix(flow, chain),
      });
    }
  },
});

/** Stage names in order; a very long chain keeps its ends. */
function stageNames(chain: Chain): string[] {
  const names = chain.stages.map((s) => `\`${s.target.fn.name}()\``);
  return names.length <= MAX_NAMED_STAGES ? names : [...names.slice(0, 3), '…', ...names.slice(-2)];
}

/** What the chain starts from: `load_rows()`'s result, or the first stage's argument. */
function sourceText(chain: Chain): string {
  if (chain.source) return `the result of \`${chain.source.call.calleeText}()\``;
  const first = chain.stages[0]!;
  const arg = first.site.call.args.find((a) => a.keyword === null) ?? first.site.call.args[0];
  return arg ? `\`${arg.text.length > 40 ? `${arg.text.slice(0, 37)}...` : arg.text}\`` : 'the data';
}

/** The chain's producers rewritten as generators: the safe ones, or else the unsafe ones. */
function chainFix(flow: ReturnType<typeof bulkFlow>, chain: Chain): FixInput | null {
  const refs = [...(chain.source?.target ? [chain.source.target] : []), ...chain.stages.map((s) => s.target)];
  const fixes: GeneratorFix[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    if (seen.has(ref.globalId)) continue;
    seen.add(ref.globalId);
    const summary = flow.producerOf(ref);
    if (!summary || !isStreamable(summary)) continue;
    const fix = flow.generatorFix(summary, false);
    if (fix) fixes.push(fix);
  }
  const safe = fixes.filter((f) => f.safety === 'safe');
  const chosen = safe.length > 0 ? safe : fixes;
  if (chosen.length === 0) return null;
  // Producers in one file share the import edit: keep it once.
  const edits: EditInput[] = [];
  const keys = new Set<string>();
  for (const fix of chosen) {
    for (const e of fix.edits) {
      const key = `${e.file}\u0000${e.start}\u0000${e.end}\u0000${e.text}`;
      if (keys.has(key)) continue;
      keys.add(key);
      edits.push(e);
    }
  }
  const names = chosen.map((f) => `\`${f.ref.fn.name}\``).join(', ');
  const target = chosen.length === 1 ? `${names} into a generator` : `${names} into generators`;
  return {
    safety: safe.length > 0 ? 'safe' : 'unsafe',
    edits,
    title: safe.length > 0 ? `Turn ${target}` : `Turn ${target} (unsafe: ${chosen[0]!.hazards[0]})`,
  };
}
