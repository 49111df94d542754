/** The linker: ld65 configurations and several modules, each fixture project diffed against ca65 + ld65, and its errors. */

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/asm/index.js';
import { parseLinkerConfig, type LinkerConfig } from '../../src/asm/linker/config.js';
import { linkSources } from '../../src/asm/linker/link.js';
import { ca65Available, linkWithCa65 } from '../helpers/ca65.js';

const projectsDir = join(import.meta.dirname, '../fixtures/link');
const projects = readdirSync(projectsDir).sort();

function configOf(text: string, file = 'test.cfg'): LinkerConfig {
  const config = parseLinkerConfig(text, file, { outputName: 'out.bin', startAddress: 0x0600 });
  if ('message' in config) throw new Error(`${config.line}:${config.column}: ${config.message}`);
  return config;
}

/** Links a project folder with moth: its .s files in name order, its one .cfg. */
function linkProject(dir: string) {
  const names = readdirSync(dir).sort();
  const sources = names.filter((name) => name.endsWith('.s')).map((name) => join(dir, name));
  const configPath = join(dir, names.find((name) => name.endsWith('.cfg'))!);
  const config = configOf(readFileSync(configPath, 'utf8'), configPath);
  const linked = linkSources(sources.map((fileName) => ({ fileName, text: readFileSync(fileName, 'utf8') })), { config });
  return { sources, configPath, linked };
}

describe.skipIf(!ca65Available)('linked projects match ca65 + ld65 byte for byte', () => {
  it.each(projects)('%s', (project) => {
    const { sources, configPath, linked } = linkProject(join(projectsDir, project));
    expect(linked.diagnostics.map(formatDiagnostic)).toEqual([]);
    const reference = linkWithCa65(sources, configPath);
    if (!reference.ok) throw new Error(reference.errors);
    expect([...linked.files.keys()].sort()).toEqual([...reference.files.keys()].sort());
    for (const [name, bytes] of reference.files) expect(Buffer.from(linked.files.get(name)!).toString('hex'), name).toBe(Buffer.from(bytes).toString('hex'));
  });
});

describe('linking', () => {
  const flat = configOf(`MEMORY { ZP: start = 0, size = $100, file = ""; MAIN: start = $0800, size = $800, file = %O; }
SEGMENTS { ZEROPAGE: load = ZP, type = zp; CODE: load = MAIN, type = ro; DATA: load = MAIN, type = rw, define = yes; }`);

  it('gives each module its own scope and resolves imports against exports', () => {
    const linked = linkSources(
      [
        { fileName: 'a.s', text: '.import far\n.importzp ptr\nloop: lda ptr\njmp far\n' },
        { fileName: 'b.s', text: '.export far\n.exportzp ptr\n.zeropage\nptr: .res 2\n.code\nloop: nop\nfar: jmp loop\n' },
      ],
      { config: flat },
    );
    expect(linked.diagnostics.map(formatDiagnostic)).toEqual([]);
    // a.s: lda ptr (zero page $00) at $0800, jmp far; b.s follows: nop at $0805, far at $0806 jumps to b's own loop.
    expect(Buffer.from(linked.files.get('out.bin')!).toString('hex')).toBe('a5004c0608ea4c0508');
  });

  it('makes __NAME_LOAD__, __NAME_RUN__ and __NAME_SIZE__ for define = yes', () => {
    const linked = linkSources([{ fileName: 'a.s', text: '.import __DATA_LOAD__, __DATA_SIZE__\n.word __DATA_LOAD__, __DATA_SIZE__\n.data\n.byte 1, 2, 3\n' }], { config: flat });
    expect(linked.exports.get('__DATA_LOAD__')).toBe(0x0804);
    expect(linked.exports.get('__DATA_SIZE__')).toBe(3);
    expect(Buffer.from(linked.files.get('out.bin')!).toString('hex')).toBe('04080300010203');
  });

  it('reports an import nobody exports at its .import line', () => {
    const linked = linkSources([{ fileName: 'a.s', text: 'nop\n.import missing\njmp missing\n' }], { config: flat });
    expect(linked.ok).toBe(false);
    expect(linked.diagnostics.map(formatDiagnostic).join('\n')).toContain("a.s:2:9: error: 'missing' is imported, but no module exports it");
  });

  it('reports a segment the configuration does not place, and an export never defined', () => {
    const linked = linkSources([{ fileName: 'a.s', text: '.export ghost\n.segment "EXTRA"\n.byte 1\n' }], { config: flat });
    const messages = linked.diagnostics.map((diagnostic) => diagnostic.message);
    expect(messages).toContain("segment 'EXTRA' has no place in the linker configuration test.cfg");
    expect(messages).toContain("'ghost' is exported but never defined in a.s");
  });

  it('reports a memory area that overflows at the segment line of the configuration', () => {
    const small = configOf('MEMORY { M: start = $1000, size = 2, file = %O; }\nSEGMENTS {\n  CODE: load = M;\n}\n', 'small.cfg');
    const linked = linkSources([{ fileName: 'a.s', text: 'lda $1234\n' }], { config: small });
    expect(linked.diagnostics.map(formatDiagnostic).join('\n')).toContain('small.cfg:3:3: error: segment CODE does not fit: memory area M overflows by 1 bytes');
  });
});

describe('reading linker configurations', () => {
  it('reads areas, segments, symbols and expressions', () => {
    const config = configOf(`SYMBOLS { __STACKSIZE__: type = weak, value = $0800; }
MEMORY { MAIN: start = %S, size = $10000 - %S - __STACKSIZE__, file = %O, fill = yes, fillval = $FF; }
SEGMENTS { CODE: load = MAIN, type = ro, align = $100, optional = yes; }`);
    expect(config.memory[0]).toMatchObject({ name: 'MAIN', start: 0x0600, size: 0x10000 - 0x0600 - 0x0800, file: 'out.bin', fill: true, fillValue: 0xff });
    expect(config.segments[0]).toMatchObject({ name: 'CODE', load: 'MAIN', run: 'MAIN', type: 'ro', align: 0x100, optional: true });
    expect(config.symbols[0]).toMatchObject({ name: '__STACKSIZE__', kind: 'weak', value: 0x800 });
  });

  it('locates mistakes: unknown attributes, missing areas, bad values', () => {
    const problem = (text: string): string => {
      const result = parseLinkerConfig(text, 'bad.cfg', { outputName: 'o', startAddress: 0 });
      return 'message' in result ? `${result.line}:${result.column}: ${result.message}` : 'no problem';
    };
    expect(problem('MEMORY {\n  M: start = $10, sise = 4;\n}')).toBe('2:19: unknown attribute \'sise\' (known here: start, size, type, file, fill, fillval, define, bank)');
    expect(problem('MEMORY { M: start = 0, size = 4; }\nSEGMENTS { CODE: load = ROM; }')).toBe("2:12: segment CODE uses memory area 'ROM', which MEMORY does not define");
    expect(problem('MEMORY { M: start = LATER, size = 4; }')).toBe("1:21: 'LATER' is not a number or a symbol defined in SYMBOLS above");
  });
});
