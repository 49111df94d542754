/** .include and .incbin go through the resolver the caller gives: the assembler reads no files itself. */

import { describe, expect, it } from 'vitest';
import { assemble, type ResolveFile } from '../../src/asm/index.js';
import { assembleOk, errorsOf, hexOf } from './helpers.js';

function resolverFor(files: Record<string, string | Uint8Array>): { resolve: ResolveFile; calls: string[] } {
  const calls: string[] = [];
  const resolve: ResolveFile = (path, fromFile, kind) => {
    calls.push(`${kind} ${path} from ${fromFile}`);
    return files[path];
  };
  return { resolve, calls };
}

describe('.include', () => {
  it('assembles the included text in place and records it in sources', () => {
    const { resolve, calls } = resolverFor({ 'consts.inc': 'SCREEN = $0200\n' });
    const result = assembleOk('.include "consts.inc"\nsta SCREEN', { resolveFile: resolve });
    expect(hexOf(result)).toBe('8D 00 02');
    expect(calls).toEqual(['text consts.inc from test.s']);
    expect(result.sources.get('consts.inc')).toBe('SCREEN = $0200\n');
    expect(result.sources.get('test.s')).toBe('.include "consts.inc"\nsta SCREEN');
  });
  it('tells the resolver which file asks, for nested includes', () => {
    const { resolve, calls } = resolverFor({ 'a.inc': '.include "b.inc"\n', 'b.inc': 'nop\n' });
    assembleOk('.include "a.inc"', { resolveFile: resolve });
    expect(calls).toEqual(['text a.inc from test.s', 'text b.inc from a.inc']);
  });
  it('points an error inside an included file at that file', () => {
    const { resolve } = resolverFor({ 'bad.inc': 'nop\nlad #1\n' });
    const result = assemble('.include "bad.inc"', { fileName: 'test.s', resolveFile: resolve });
    expect(result.diagnostics[0]?.location).toEqual({ file: 'bad.inc', line: 2, column: 1 });
    expect(result.diagnostics[0]?.sourceLine).toBe('lad #1');
  });
  it('reports a missing file, a missing resolver and a file including itself', () => {
    expect(errorsOf('.include "none.inc"', { resolveFile: () => undefined })).toEqual(["cannot find include file 'none.inc'"]);
    expect(errorsOf('.include "x.inc"')[0]).toContain('no file resolver');
    const { resolve } = resolverFor({ 'loop.inc': '.include "loop.inc"\n' });
    expect(errorsOf('.include "loop.inc"', { resolveFile: resolve })[0]).toContain('includes itself');
  });
  it('survives a resolver that throws', () => {
    const result = assemble('.include "x"', {
      resolveFile: () => {
        throw new Error('disk on fire');
      },
    });
    expect(result.ok).toBe(false);
  });
});

describe('.incbin', () => {
  it('inserts binary bytes, with an optional offset and size', () => {
    const { resolve, calls } = resolverFor({ 'data.bin': new Uint8Array([1, 2, 3, 4]) });
    expect(hexOf(assembleOk('.incbin "data.bin"', { resolveFile: resolve }))).toBe('01 02 03 04');
    expect(hexOf(assembleOk('.incbin "data.bin", 1, 2', { resolveFile: resolve }))).toBe('02 03');
    expect(calls[0]).toBe('binary data.bin from test.s');
  });
  it('reports an offset or size past the end of the file', () => {
    const { resolve } = resolverFor({ 'data.bin': new Uint8Array([1, 2]) });
    expect(errorsOf('.incbin "data.bin", 1, 5', { resolveFile: resolve })[0]).toContain('runs past the end of the file');
  });
});

describe('included file names', () => {
  it('names an included file by its path from the including file, so nested includes in folders resolve', () => {
    const files: Record<string, string> = { 'src/lib/a.inc': '.include "b.inc"\n', 'src/lib/b.inc': 'lad\n' };
    const calls: string[] = [];
    const result = assemble('.include "lib/a.inc"', {
      fileName: 'src/main.s',
      resolveFile: (path, fromFile) => {
        calls.push(`${path} from ${fromFile}`);
        const folder = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/') + 1) : '';
        return files[folder + path];
      },
    });
    expect(calls).toEqual(['lib/a.inc from src/main.s', 'b.inc from src/lib/a.inc']);
    expect(result.diagnostics[0]?.location?.file).toBe('src/lib/b.inc');
    expect([...result.sources.keys()]).toEqual(['src/main.s', 'src/lib/a.inc', 'src/lib/b.inc']);
  });
  it('folds ./ and ../ in the joined name', () => {
    const result = assemble('.include "../x.inc"', { fileName: 'a/b/main.s', resolveFile: () => 'nop' });
    expect([...result.sources.keys()]).toContain('a/x.inc');
  });
});

describe('a missing include', () => {
  it('is one error, not one more for every name the file would have defined', () => {
    const errors = errorsOf('.include "consts.inc"\n lda #WIDTH\n sta SCREEN\n jmp start', { resolveFile: () => undefined });
    expect(errors).toEqual(["cannot find include file 'consts.inc'"]);
  });
});

describe('where includes are looked for', () => {
  it('tries beside the including file first, then beside each file that included it, like ca65', () => {
    const files: Record<string, string | Uint8Array> = {
      'lib/outer.inc': '.include "deep/inner.inc"\n',
      'lib/deep/inner.inc': '.incbin "data.bin"\n',
      'data.bin': new Uint8Array([7]),
    };
    const calls: string[] = [];
    const result = assemble('.include "lib/outer.inc"', {
      fileName: 'main.s',
      resolveFile: (path, fromFile) => {
        calls.push(`${path} from ${fromFile}`);
        const folder = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/') + 1) : '';
        return files[folder + path];
      },
    });
    expect(hexOf(result)).toBe('07');
    expect(calls).toEqual([
      'lib/outer.inc from main.s',
      'deep/inner.inc from lib/outer.inc',
      'data.bin from lib/deep/inner.inc',
      'data.bin from lib/outer.inc',
      'data.bin from main.s',
    ]);
  });
});
