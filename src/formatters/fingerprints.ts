// Result fingerprints for SARIF: GitHub's primaryLocationLineHash, and our own line-shift-proof one.

const BLOCK_SIZE = 100;
const EOF_MARK = 0xffff;
const TWO_32 = 0x1_0000_0000;

/**
 * `primaryLocationLineHash` for every line of `text` (index 0 = line 1), computed exactly as
 * github/codeql-action's upload-sarif does (src/fingerprints.ts): spaces and tabs are dropped,
 * `\r\n` and a lone `\r` become `\n`, a 0xFFFF mark ends the text, and a line's hash is the
 * base-37 polynomial, mod 2^64, of the 100 kept characters from the line's first kept one
 * (zero-padded past the end). The value is `<hex>:<n>`, n counting lines with the same hash
 * so far. upload-sarif reads the file from disk, so the text must be the file's whole content.
 */
export function lineHashes(text: string): string[] {
  const { stream, lineStarts } = keptCharacters(text);
  const seen = new Map<string, number>();
  return lineStarts.map((start) => {
    const hex = windowHash(stream, start);
    const n = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, n);
    return `${hex}:${n}`;
  });
}

/** The characters upload-sarif hashes, and where each line's first one sits. */
function keptCharacters(text: string): { stream: Uint16Array; lineStarts: number[] } {
  const stream = new Uint16Array(text.length + 1);
  const lineStarts: number[] = [];
  let length = 0;
  let atLineStart = true;
  let previousWasCR = false;
  const keep = (code: number): void => {
    if (atLineStart) {
      lineStarts.push(length);
      atLineStart = false;
    }
    if (code === 10) atLineStart = true;
    stream[length++] = code;
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code === 32 || code === 9 || (previousWasCR && code === 10)) {
      previousWasCR = false;
      continue;
    }
    previousWasCR = code === 13;
    if (previousWasCR) code = 10;
    keep(code);
  }
  keep(EOF_MARK);
  return { stream: stream.subarray(0, length), lineStarts };
}

/** Σ c_j·37^(99-j) mod 2^64 as lowercase hex, in two exact 32-bit halves (no BigInt per char). */
function windowHash(stream: Uint16Array, start: number): string {
  let hi = 0;
  let lo = 0;
  for (let j = 0; j < BLOCK_SIZE; j++) {
    const code = start + j < stream.length ? stream[start + j]! : 0;
    const low = lo * 37 + code; // < 2^38: exact in a double
    const carry = Math.floor(low / TWO_32);
    lo = low - carry * TWO_32;
    hi = (hi * 37 + carry) % TWO_32;
  }
  return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
}
