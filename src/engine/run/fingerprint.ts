// Stable finding fingerprints that survive lines moving: shared by SARIF and baselines.
import { createHash } from 'node:crypto';
import type { Finding } from '../types.js';

/** Whitespace-free text, so re-indenting or reflowing a line keeps its fingerprint. */
export function normalizeLineText(line: string): string {
  return line.replace(/\s+/g, '');
}

/**
 * `pysparseFingerprint/v1` of each finding: a hash of its rule, its file (as `fileKey` names it),
 * the flagged line's normalized text and which occurrence of that triple it is, counted in the
 * order given. Line numbers play no part, so inserting lines above leaves it unchanged.
 */
export function fingerprintFindings(
  findings: readonly Finding[],
  fileKey: (finding: Finding) => string,
  lineText: (finding: Finding) => string | undefined,
): string[] {
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const file = fileKey(finding);
    const line = normalizeLineText(lineText(finding) ?? finding.message);
    const key = `${finding.ruleId}\u0000${file}\u0000${line}`;
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}
