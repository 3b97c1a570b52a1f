// Turns a Python file's bytes into text per PEP 263 (BOM, coding cookie), and back for --fix.

export interface DecodedSource {
  readonly text: string;
  /** Normalized codec name: `utf-8`, `latin-1`, `ascii`, or a WHATWG label Node's ICU knows. */
  readonly encoding: string;
  readonly bom: boolean;
}

export type DecodeResult =
  | { readonly ok: true; readonly value: DecodedSource }
  | { readonly ok: false; readonly code: 'binary-file' | 'decode-error' | 'unknown-encoding'; readonly message: string };

/** PEP 263: `coding[:=]\s*([-\w.]+)` in a comment on line 1 or 2. */
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

const ALIASES: Readonly<Record<string, string>> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'utf-8-sig': 'utf-8', u8: 'utf-8',
  'latin-1': 'latin-1', latin1: 'latin-1', 'iso-8859-1': 'latin-1', 'iso8859-1': 'latin-1',
  l1: 'latin-1', '8859': 'latin-1', cp819: 'latin-1', 'iso-latin-1': 'latin-1',
  ascii: 'ascii', 'us-ascii': 'ascii', 646: 'ascii',
};

export function normalizeEncoding(name: string): string {
  const lower = name.toLowerCase().replace(/_/g, '-');
  return ALIASES[lower] ?? (lower.startsWith('utf-8-') || lower.startsWith('latin-1-') ? lower.replace(/-(unix|dos|mac)$/, '') : lower);
}

/** The encoding declared by a cookie in the first two lines, if any. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  let lineStart = 0;
  for (let line = 0; line < 2 && lineStart < bytes.length; line++) {
    let end = lineStart;
    while (end < bytes.length && bytes[end] !== 10 && bytes[end] !== 13) end++;
    const text = Buffer.from(bytes.subarray(lineStart, end)).toString('latin1');
    const match = COOKIE.exec(text);
    if (match) return normalizeEncoding(match[1]!);
    // PEP 263: the cookie may be on line 2 only if line 1 is a comment or blank.
    if (!/^[ \t\f]*(#.*)?$/.test(text)) return undefined;
    lineStart = end + (bytes[end] === 13 && bytes[end + 1] === 10 ? 2 : 1);
  }
  return undefined;
}

export function decodeSource(bytes: Uint8Array): DecodeResult {
  if (bytes.includes(0)) {
    return { ok: false, code: 'binary-file', message: 'contains NUL bytes: not a Python source file' };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const declared = declaredEncoding(body);
  if (bom && declared && declared !== 'utf-8') {
    return { ok: false, code: 'decode-error', message: `has a UTF-8 BOM but declares encoding '${declared}'` };
  }
  const encoding = declared ?? 'utf-8';
  try {
    return { ok: true, value: { text: decodeWith(encoding, body), encoding, bom } };
  } catch (error) {
    if (error instanceof RangeError) {
      return { ok: false, code: 'unknown-encoding', message: `declares unknown encoding '${encoding}'` };
    }
    return { ok: false, code: 'decode-error', message: `is not valid ${encoding}: ${(error as Error).message}` };
  }
}

function decodeWith(encoding: string, bytes: Uint8Array): string {
  if (encoding === 'latin-1') return Buffer.from(bytes).toString('latin1');
  if (encoding === 'ascii') {
    const bad = bytes.findIndex((b) => b > 0x7f);
    if (bad >= 0) throw new Error(`byte 0x${bytes[bad]!.toString(16)} at offset ${bad}`);
    return Buffer.from(bytes).toString('latin1');
  }
  // TextDecoder throws RangeError for labels it does not know, TypeError for bad bytes.
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  try {
    return decoder.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) throw new Error(firstInvalidUtf8(bytes));
    throw error;
  }
}

function firstInvalidUtf8(bytes: Uint8Array): string {
  // Find the first byte sequence the decoder rejects, so the message points somewhere useful.
  const text = Buffer.from(bytes).toString('utf8');
  const at = text.indexOf('\uFFFD');
  const line = at < 0 ? 1 : text.slice(0, at).split('\n').length;
  return `invalid byte sequence on line ${line}`;
}

/**
 * Encode text back in the file's own encoding (for --fix). Throws when the text cannot be
 * represented, so the caller leaves the file alone instead of corrupting it.
 */
export function encodeSource(text: string, encoding: string, bom: boolean): Buffer {
  let body: Buffer;
  if (encoding === 'utf-8') body = Buffer.from(text, 'utf8');
  else if (encoding === 'latin-1' || encoding === 'ascii') {
    const limit = encoding === 'ascii' ? 0x7f : 0xff;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > limit) throw new Error(`cannot encode '${text[i]}' as ${encoding}`);
    }
    body = Buffer.from(text, 'latin1');
  } else {
    throw new Error(`writing ${encoding} files is not supported`);
  }
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
