// Source or binary: a text file is assembled whatever its name (`.ca65`, `.txt`), a binary named `.s` is
// refused without its bytes reaching the terminal, and `--as` says which when the name and contents do not.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstNonTextByte, programKindOf } from '../../src/cli/file-kind.js';
import { UserError } from '../../src/cli/errors.js';
import { requireBuild, runMoth, scratchFolder } from '../cli/helpers.js';

const SOURCE = '        LDA #\'!\'\n        STA $F001\n        BRK\n';
/** Control characters other than tab and newline: what must never reach the terminal raw. */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;
const { folder: scratch, file: scratchFile } = scratchFolder('moth-kind-');

beforeAll(() => requireBuild());

/** 200 bytes of a 6502 program image with every byte value in it (as real binaries have). */
const BINARY = Uint8Array.from({ length: 200 }, (_, index) => (index * 37 + 0xa9) & 0xff);

describe('a source not named .s/.asm/.a65/.inc', () => {
  it.each(['game.ca65', 'notes.txt', 'program'])('%s is assembled when it is text', (name) => {
    const result = runMoth(['run', scratchFile(name, SOURCE), '-q']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('!');
  });

  it('moth asm --listing on a .ca65 file writes a listing instead of an internal error', () => {
    const source = scratchFile('listing.ca65', SOURCE);
    const result = runMoth(['asm', source, '--listing', join(scratch, 'listing.lst')]);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('internal error');
  });

  it('--as binary runs a text file as bytes', () => {
    // "`" is $60, RTS: with nothing pushed it pulls $0000 and goes on at $0001, where a zero byte is BRK.
    const file = scratchFile('rts.dat', '`');
    expect(runMoth(['run', file]).status).toBe(1); // as source, "`" is not an instruction
    const result = runMoth(['run', file, '--as', 'binary']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('BRK at $0001');
  });
});

describe('a binary named like a source', () => {
  it('moth run refuses it with advice, and no raw byte reaches the terminal', () => {
    const result = runMoth(['run', scratchFile('image.s', BINARY)]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/image\.s: this is not a text file \(byte \$[0-9A-F]{2} at offset \d+\).*--as binary/);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toBe('');
  });

  it('moth asm refuses it too, pointing to disasm', () => {
    const result = runMoth(['asm', scratchFile('image2.s', BINARY), '--listing', join(scratch, 'image2.lst')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('moth asm reads assembly source');
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stderr).not.toContain('internal error');
  });

  it('--as binary runs it', () => {
    const halt = scratchFile('halt.s', Uint8Array.from([0xa9, 0x00, 0x00])); // LDA #0 / BRK
    const result = runMoth(['run', halt, '--as', 'binary']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('BRK at $0602');
  });
});

describe('firstNonTextByte and programKindOf', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('takes UTF-8, tabs, CR LF, form feeds and a final Ctrl-Z as text', () => {
    expect(firstNonTextByte(bytes('\tLDA #1 ; café ✓\r\n\f\n'))).toBeUndefined();
    expect(firstNonTextByte(Uint8Array.from([0x41, 0x0a, 0x1a]))).toBeUndefined();
  });

  it('finds NUL and other control bytes, and a file of invalid UTF-8', () => {
    expect(firstNonTextByte(Uint8Array.from([0x41, 0x00]))).toBe(1);
    expect(firstNonTextByte(Uint8Array.from([0x41, 0x1b, 0x41]))).toBe(1);
    expect(firstNonTextByte(Uint8Array.from([0x41, 0xff, 0xfe, 0x80]))).toBe(1);
  });

  it('keeps an old Latin-1 comment in a long source as text', () => {
    const latin1 = Uint8Array.from([...bytes('; Gr'), 0xfc, ...bytes('n\n' + '        NOP\n'.repeat(10))]);
    expect(firstNonTextByte(latin1)).toBeUndefined();
  });

  it('goes by the name first, then the contents, and --as wins', () => {
    const text = bytes('NOP\n');
    expect(programKindOf('a.bin', text, undefined)).toBe('binary');
    expect(programKindOf('a.rom', text, undefined)).toBe('binary');
    expect(programKindOf('a.ca65', text, undefined)).toBe('source');
    expect(programKindOf('a.ca65', BINARY, undefined)).toBe('binary');
    expect(programKindOf('a.s', BINARY, 'binary')).toBe('binary');
    expect(programKindOf('a.bin', text, 'source')).toBe('source');
    expect(() => programKindOf('a.s', BINARY, undefined)).toThrow(UserError);
  });
});
