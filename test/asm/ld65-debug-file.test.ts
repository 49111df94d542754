/** Specifies the readers of cc65's debug information: ld65's --dbgfile and VICE label files, into moth's debug map and symbols. */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupSource } from '../../src/asm/debug-map.js';
import { formatDiagnostic } from '../../src/asm/diagnostics.js';
import { parseLd65DebugFile } from '../../src/asm/ld65-debug-file.js';
import { labelsByAddress, labelSymbols, parseLabelFile } from '../../src/asm/vice-labels.js';

/** A debug file as ld65 2.18 writes it for a two-line program with a macro call, trimmed to what matters. */
const SMALL = [
  'version\tmajor=2,minor=0',
  'info\tcsym=0,file=1,lib=0,line=4,mod=1,scope=2,seg=2,span=4,sym=3,type=0',
  'file\tid=0,name="a.s",size=80,mtime=0x6B13B2AD,mod=0',
  'line\tid=0,file=0,line=3,span=0',
  'line\tid=1,file=0,line=4,span=3',
  'line\tid=2,file=0,line=8,type=2,count=1,span=1',
  'line\tid=3,file=0,line=9,type=2,count=1,span=2',
  'mod\tid=0,name="a.o",file=0',
  'seg\tid=0,name="CODE",start=0x000600,size=0x0005,addrsize=absolute,type=rw,oname="a.bin",ooffs=0',
  'seg\tid=1,name="ZEROPAGE",start=0x000000,size=0x0001,addrsize=zeropage,type=rw',
  'span\tid=0,seg=0,start=0,size=2',
  'span\tid=1,seg=0,start=2,size=2',
  'span\tid=2,seg=0,start=4,size=1',
  'span\tid=3,seg=0,start=2,size=3',
  'scope\tid=0,name="",mod=0,size=5',
  'scope\tid=1,name="outer",mod=0,type=scope,size=1,parent=0',
  'sym\tid=0,name="start",addrsize=absolute,scope=0,def=0,val=0x600,seg=0,type=lab',
  'sym\tid=1,name="@again",addrsize=absolute,parent=0,def=1,val=0x602,seg=0,type=lab',
  'sym\tid=2,name="inner",addrsize=absolute,scope=1,val=0x604,seg=0,type=lab',
  'sym\tid=3,name="LIMIT",addrsize=zeropage,scope=0,val=0x10,type=equ',
  'sym\tid=4,name="print",addrsize=absolute,scope=0,type=imp,exp=9',
  '',
].join('\n');

describe('parseLd65DebugFile', () => {
  it('turns lines and spans into debug-map entries: macro body lines with their call site', () => {
    const parsed = parseLd65DebugFile(SMALL, { fileName: 'a.dbg' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.info.debugMap).toEqual([
      { address: 0x0600, length: 2, location: { file: 'a.s', line: 3, column: 1 } },
      { address: 0x0602, length: 2, location: { file: 'a.s', line: 8, column: 1 }, macroCall: { file: 'a.s', line: 4, column: 1 } },
      { address: 0x0604, length: 1, location: { file: 'a.s', line: 9, column: 1 }, macroCall: { file: 'a.s', line: 4, column: 1 } },
    ]);
    expect(lookupSource(parsed.info.debugMap, 0x0603)?.location.line).toBe(8);
  });

  it('names symbols the way moth does: scope::name, parent@local; imports are left to their exports', () => {
    const parsed = parseLd65DebugFile(SMALL, { fileName: 'a.dbg' });
    if (!parsed.ok) throw new Error('parse failed');
    const symbols = Object.fromEntries([...parsed.info.symbols].map(([name, symbol]) => [name, [symbol.value, symbol.kind]]));
    expect(symbols).toEqual({
      start: [0x0600, 'label'],
      'outer::inner': [0x0604, 'label'],
      LIMIT: [0x10, 'constant'],
      'start@again': [0x0602, 'local'],
    });
    expect(parsed.info.symbols.get('start')?.location).toEqual({ file: 'a.s', line: 3, column: 1 });
  });

  it('knows where the binary was loaded from the segment written at offset 0', () => {
    const parsed = parseLd65DebugFile(SMALL, { fileName: 'a.dbg' });
    expect(parsed.ok && parsed.info.loadAddresses.get('a.bin')).toBe(0x0600);
  });

  it('takes the load address most of the file agrees on, not a DATA segment that runs in RAM', () => {
    // DATA is stored after CODE in the file (offset 5) but runs at $0300, where start-up code copies it.
    const text = SMALL.replace('seg\tid=1,', 'seg\tid=2,name="DATA",start=0x000300,size=0x0004,addrsize=absolute,type=rw,oname="a.bin",ooffs=5\nseg\tid=1,');
    const parsed = parseLd65DebugFile(text, { fileName: 'a.dbg' });
    expect(parsed.ok && parsed.info.loadAddresses.get('a.bin')).toBe(0x0600);
  });

  it('lets the caller say where a source name is found', () => {
    const parsed = parseLd65DebugFile(SMALL, { fileName: 'a.dbg', resolveSourceName: (name) => `project/${name}` });
    expect(parsed.ok && parsed.info.debugMap[0]!.location.file).toBe('project/a.s');
  });

  it('gives a C line (a .dbg line from cc65) the bytes of the assembler lines it made, as its own call site', () => {
    const text = SMALL.replace('line\tid=3,file=0,line=9,type=2,count=1,span=2', 'line\tid=3,file=0,line=9,type=2,count=1,span=2\nfile\tid=1,name="a.c",size=10,mtime=0x0,mod=0\nline\tid=4,file=1,line=5,type=1,span=4\nspan\tid=4,seg=0,start=0,size=5');
    const parsed = parseLd65DebugFile(text, { fileName: 'a.dbg' });
    if (!parsed.ok) throw new Error(parsed.diagnostics.map(formatDiagnostic).join('\n'));
    // Each instruction still starts an entry (breakpoint patching and the stack view need that).
    expect(parsed.info.debugMap.map((entry) => [entry.address, entry.location.file, entry.location.line, entry.macroCall?.line])).toEqual([
      [0x0600, 'a.c', 5, 5],
      [0x0602, 'a.c', 5, 5],
      [0x0604, 'a.c', 5, 5],
    ]);
  });

  it.each([
    ['a file that is no debug file', 'hello\tworld=1\n', 'a.dbg:1:1: error: not an ld65 debug file'],
    ['a newer major version', 'version\tmajor=3,minor=0\n', 'a.dbg:1:15: error: debug file version 3 is not supported'],
    ['a line without a tab', SMALL.replace('mod\tid=0', 'mod id=0'), 'a.dbg:8:1: error: not a debug-file record'],
    ['a broken field list', SMALL.replace('span\tid=2,seg=0', 'span\tid=2,,seg=0'), 'a.dbg:13:11: error: expected key=value fields'],
    ['a number that is not one', SMALL.replace('start=0x000600', 'start=0x00060G'), 'a.dbg:9:28: error: start=0x00060G is not a number'],
    ['a span that is not listed', SMALL.replace('line=3,span=0', 'line=3,span=7'), 'a.dbg:4:30: error: line record names span 7'],
    ['a file that is not listed', SMALL.replace('id=1,file=0,line=4', 'id=1,file=5,line=4'), 'a.dbg:5:16: error: line record names file 5'],
  ])('reports %s at its line and column', (_name, text, message) => {
    const parsed = parseLd65DebugFile(text, { fileName: 'a.dbg' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const first = formatDiagnostic(parsed.diagnostics[0]!);
    expect(first.startsWith(message), first).toBe(true);
    // The record itself and a caret under the culprit follow.
    expect(first.split('\n')[2]).toMatch(/^[ \t]+\^$/);
  });
});

describe('parseLd65DebugFile on damaged files', () => {
  it('never throws: a damaged file gives entries or located errors, each with its line and a caret', () => {
    const lines = SMALL.split('\n');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: lines.length - 1 }), fc.nat({ max: 80 }), fc.string({ maxLength: 6 }), fc.nat({ max: 3 })), { minLength: 1, maxLength: 6 }),
        (edits) => {
          const damaged = [...lines];
          for (const [line, column, text, cut] of edits) {
            const old = damaged[line]!;
            damaged[line] = old.slice(0, column) + text + old.slice(column + cut);
          }
          const parsed = parseLd65DebugFile(damaged.join('\n'), { fileName: 'a.dbg' });
          if (parsed.ok) {
            for (const entry of parsed.info.debugMap) expect(entry.address).toBeLessThanOrEqual(0xffff);
            return;
          }
          expect(parsed.diagnostics.length).toBeGreaterThan(0);
          for (const diagnostic of parsed.diagnostics.filter((each) => each.severity === 'error')) {
            expect(diagnostic.location?.file).toBe('a.dbg');
            expect(damaged[diagnostic.location!.line - 1]).toBe(diagnostic.sourceLine);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseLabelFile (VICE labels, ld65 -Ln)', () => {
  it('reads ld65 -Ln lines, VICE lines with a memory space, and name = value lines', () => {
    const parsed = parseLabelFile('al 000600 .start\nal C:0612 .loop\n\n; a comment\nCOUNT = 16\nptr := 0x00FB\nal 00C4E4 .LOCAL-MACRO_SYMBOL-000D\n', 'p.lbl');
    expect(parsed).toEqual({
      ok: true,
      labels: [
        { name: 'start', value: 0x0600, line: 1 },
        { name: 'loop', value: 0x0612, line: 2 },
        { name: 'COUNT', value: 16, line: 5 },
        { name: 'ptr', value: 0xfb, line: 6 },
        // ld65 -Ln spells a macro's local labels so.
        { name: 'LOCAL-MACRO_SYMBOL-000D', value: 0xc4e4, line: 7 },
      ],
    });
  });

  it('reports every line it cannot read, at its place', () => {
    const parsed = parseLabelFile('start = $0600\n  this is not a label\nal 0600\n', 'p.lbl');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.diagnostics.map((diagnostic) => formatDiagnostic(diagnostic).split('\n')[0])).toEqual([
      'p.lbl:2:3: error: not a label line',
      'p.lbl:3:1: error: not a label line',
    ]);
  });

  it('reports the first 20 bad lines of a file that is no label file, and says how many more there are', () => {
    const parsed = parseLabelFile('nonsense\n'.repeat(25), 'p.lbl');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toHaveLength(20);
    expect(parsed.diagnostics.at(-1)?.message).toBe('5 more lines like these not shown');
  });

  it('keeps the first name for an address, and the first value for a name', () => {
    const labels = [
      { name: 'start', value: 0x0600, line: 1 },
      { name: 'main', value: 0x0600, line: 2 },
      { name: 'start', value: 0x0700, line: 3 },
    ];
    expect(labelsByAddress(labels).get(0x0600)).toBe('start');
    expect(labelSymbols(labels, 'p.lbl').get('start')).toMatchObject({ value: 0x0600, location: { file: 'p.lbl', line: 1 } });
  });
});
