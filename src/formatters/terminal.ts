// Terminal text for the human formats: ANSI colour (identity when off), alignment, one-line messages.

export interface Painter {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly underline: (text: string) => string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function painter(enabled: boolean | undefined): Painter {
  if (!enabled) return { red: plain, yellow: plain, cyan: plain, bold: plain, dim: plain, underline: plain };
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    underline: wrap(4, 24),
  };
}

/** Display width for column alignment: code points, not UTF-16 units (an emoji is one). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const _ of text) width++;
  return width;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** A message on one row: a line break would break the layout. */
export function oneLine(message: string): string {
  return message.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ');
}
