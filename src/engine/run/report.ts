// RuleContext: turns a rule's report() calls into Findings with messages, severity and fixes.
import type { Finding } from '../types.js';
import { formatMessage, toEdits, type OptionSpecs, type OptionValues, type Rule, type RuleContext } from './rule.js';
import type { RuleSettings } from '../config/config.js';

export type RuleSettingsLookup = ReadonlyMap<string, RuleSettings>;

export function createRuleContext<M extends string, O extends OptionSpecs>(
  rule: Rule<M, O>,
  defaultFile: string | null,
  settings: RuleSettingsLookup,
  sink: Finding[],
): RuleContext<M, O> {
  const configured = settings.get(rule.code);
  const options = (configured?.options ?? defaultOptions(rule)) as OptionValues<O>;
  const severity = configured?.severity ?? rule.severity;
  return {
    options,
    report(input) {
      const file = input.file ?? defaultFile;
      if (file === null) throw new Error(`rule ${rule.code} reported without naming a file`);
      const template = rule.messages[input.messageId];
      if (template === undefined) throw new Error(`rule ${rule.code} has no message '${input.messageId}'`);
      const fix = input.fix && input.fix.edits.length > 0
        ? {
            title: input.fix.title ?? rule.fixTitle ?? 'Fix',
            safety: input.fix.safety,
            edits: toEdits(file, input.fix.edits),
          }
        : undefined;
      sink.push({
        ruleId: rule.code,
        ruleName: rule.name,
        severity,
        messageId: input.messageId,
        message: formatMessage(template, input.data),
        file,
        span: input.span,
        related: input.related ?? [],
        ...(fix ? { fix } : {}),
        suggestions: (input.suggestions ?? []).map((s) => ({ title: s.title, edits: toEdits(file, s.edits ?? []) })),
      });
    },
  };
}

export function defaultOptions(rule: Rule): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule.options).map(([k, spec]) => [k, spec.default]));
}
