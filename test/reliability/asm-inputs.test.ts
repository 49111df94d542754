// The assembler's inputs cannot run it out of memory or time: `.include`/`.incbin` of a device, a FIFO or a huge
// file is refused promptly with a located reason, and CR-only line endings still give one error per line.
import { spawnSync } from 'node:child_process';
import { chmodSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.js';
import { requireBuild, runMoth, scratchFolder } from '../cli/helpers.js';

const { folder, file } = scratchFolder('moth-asm-inputs-');

beforeAll(() => requireBuild());

describe('.include and .incbin read only what can be read', () => {
  it('.incbin "/dev/zero" is refused at once, located, saying why', () => {
    const source = file('zero.s', '        .incbin "/dev/zero"\n');
    const started = Date.now();
    const result = runMoth(['asm', source, '-o', join(folder, 'zero.bin')]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/zero\.s:1:17: error: cannot read '\/dev\/zero': it is not a regular file/);
  });

  it('.include of a FIFO is refused without waiting for a writer', () => {
    spawnSync('mkfifo', [join(folder, 'pipe.inc')]);
    const source = file('fifo.s', '.include "pipe.inc"\n');
    const result = runMoth(['asm', source, '-o', join(folder, 'fifo.bin')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("fifo.s:1:10: error: cannot include 'pipe.inc': it is not a regular file");
  });

  it('a huge file is refused by its size, not read', () => {
    file('huge.bin', '');
    truncateSync(join(folder, 'huge.bin'), 4 * 1024 * 1024 * 1024); // sparse: 4 GiB that take no disk
    const source = file('huge.s', '.incbin "huge.bin"\n');
    const result = runMoth(['asm', source, '-o', join(folder, 'huge.out')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("cannot read 'huge.bin': the file is larger than 33,554,432 bytes");
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission says so (EACCES)', () => {
    const secret = file('secret.inc', 'NOP\n');
    chmodSync(secret, 0o000);
    const result = runMoth(['asm', file('secret.s', '.include "secret.inc"\n'), '-o', join(folder, 'secret.bin')]);
    expect(result.stderr).toContain('EACCES: you do not have permission to read it');
  });

  it('a missing file is still reported as missing', () => {
    const result = runMoth(['asm', file('missing.s', '.include "nowhere.inc"\n'), '-o', join(folder, 'missing.bin')]);
    expect(result.stderr).toContain("cannot find include file 'nowhere.inc'");
  });
});

describe('CR-only line endings', () => {
  it('report every error on its own line', () => {
    const result = assemble('lda #1\r  bad1\r  bad2\r', { fileName: 'cr.s' });
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.map((error) => [error.location?.line, error.sourceLine])).toEqual([
      [2, '  bad1'],
      [3, '  bad2'],
    ]);
  });
});
