// A one-line progress bar for long runs on a terminal: files done of total, and the rate.
// The engine never prints: the CLI hands in where to write (stderr) and when it is a TTY.

export interface ProgressTarget {
  write(text: string): unknown;
  /** Terminal width; the bar fits in it. */
  readonly columns?: number;
}

/** Shown only for runs that last longer than this, so quick runs stay quiet. */
export const PROGRESS_DELAY_MS = 1000;
/** Redraws at most this often. */
const REDRAW_MS = 100;

export class ProgressBar {
  private readonly started: number;
  private lastDraw = 0;
  private shown = false;

  constructor(private readonly target: ProgressTarget, private readonly now: () => number = () => performance.now()) {
    this.started = now();
  }

  /** Record progress; draws when the run has lasted a second and the last redraw is old enough. */
  update(done: number, total: number): void {
    const now = this.now();
    if (now - this.started < PROGRESS_DELAY_MS) return;
    if (done < total && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.shown = true;
    this.target.write(`\r${this.line(done, total, now)}\u001b[K`);
  }

  /** Erase the bar (when it was ever drawn), leaving the line for what follows. */
  finish(): void {
    if (this.shown) this.target.write('\r\u001b[K');
    this.shown = false;
  }

  private line(done: number, total: number, now: number): string {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const label = ` ${done}/${total} files  ${rate.toFixed(0)} files/s`;
    const width = Math.max(10, Math.min(40, (this.target.columns ?? 80) - label.length - 3));
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${label}`;
  }
}
