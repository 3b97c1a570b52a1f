// The progress bar: silent for quick runs, throttled, erased at the end, and absent off a terminal.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { PROGRESS_DELAY_MS, ProgressBar } from '../../src/engine/run/progress.js';

function fakeTerminal(columns = 80) {
  const writes: string[] = [];
  let now = 0;
  const bar = new ProgressBar({ write: (t: string) => writes.push(t), columns }, () => now);
  return { bar, writes, advance: (ms: number) => { now += ms; } };
}

describe('progress bar', () => {
  it('stays silent during the first second', () => {
    const { bar, writes, advance } = fakeTerminal();
    for (let i = 1; i <= 10; i++) {
      advance(50);
      bar.update(i, 10);
    }
    bar.finish();
    assert.deepEqual(writes, []);
  });

  it('then shows files done of total and the rate, at most ten times a second, and erases itself', () => {
    const { bar, writes, advance } = fakeTerminal();
    advance(PROGRESS_DELAY_MS + 1000);
    bar.update(100, 400);
    advance(10);
    bar.update(101, 400); // too soon: no redraw
    advance(200);
    bar.update(200, 400);
    assert.equal(writes.length, 2);
    assert.match(writes[0]!, /^\r\[#{10}\.{30}\] 100\/400 files {2}50 files\/s\u001b\[K$/);
    assert.match(writes[1]!, /200\/400 files/);
    bar.update(400, 400); // the last one always draws
    assert.match(writes[2]!, /\[#{40}\] 400\/400/);
    bar.finish();
    assert.equal(writes.at(-1), '\r\u001b[K');
  });

  it('fits a narrow terminal', () => {
    const { bar, writes, advance } = fakeTerminal(40);
    advance(5000);
    bar.update(1, 2);
    assert.ok(writes[0]!.replace(/\r|\u001b\[K/g, '').length <= 40, writes[0]);
  });

  it('is never drawn when stderr is not a terminal', async () => {
    const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli', 'main.js');
    const stderr = await new Promise<string>((resolve) => {
      execFile(process.execPath, [cli, path.dirname(fileURLToPath(import.meta.url)), '--format', 'concise'], (_error, _stdout, err) => resolve(err));
    });
    assert.doesNotMatch(stderr, /files\/s|\u001b\[K/);
  });
});
