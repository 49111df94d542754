/** Runs the real cc65 toolchain (ca65 + ld65, or da65) in a temp dir so tests can compare moth with it. */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LINKER_CONFIG } from '../../src/asm/linker/default-config.js';

/**
 * The linker config agreed with the assembler engineer (/work/notes/asm-ca65-config.md): code without
 * .org starts at $0600, segments follow in the order CODE, RODATA, DATA, BSS, zero page is not in the file.
 */
/** moth's default layout (src/asm/linker/default-config.ts) with its start filled in, for ld65 to link single files with. */
export const FLAT_LINKER_CONFIG = DEFAULT_LINKER_CONFIG.replaceAll('%S', '$0600');

function toolAnswers(tool: string): boolean {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

/** True when ca65 and ld65 can be run (CI installs cc65; a bare developer machine may not have it). */
export const ca65Available: boolean = toolAnswers('ca65') && toolAnswers('ld65');
export const da65Available: boolean = toolAnswers('da65');

export type Ca65Result =
  | {
      readonly ok: true;
      readonly bytes: Uint8Array;
      /** Label values from ld65's label file: plain identifiers only, and only names that mean one value. */
      readonly labels: ReadonlyMap<string, number>;
      /**
       * For each byte of the output file (by offset), every source line ld65's debug file says produced it,
       * as `file:line` with the file's base name: call sites and macro or .repeat body lines alike.
       */
      readonly linesByOffset: ReadonlyArray<ReadonlySet<string>>;
    }
  | { readonly ok: false; readonly errors: string };

/** Assembles and links `source` (written to a temp dir as main.s; it may not include other files). */
export function assembleWithCa65(source: string): Ca65Result {
  const dir = mkdtempSync(join(tmpdir(), 'moth-ca65-'));
  try {
    writeFileSync(join(dir, 'main.s'), source);
    return assembleAndLink(join(dir, 'main.s'), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Assembles and links a source file where it lies, so its `.include` and `.incbin` paths resolve
 * relative to it (ca65 looks beside the including file); the object and binary go to a temp dir.
 */
export function assembleFileWithCa65(path: string): Ca65Result {
  const dir = mkdtempSync(join(tmpdir(), 'moth-ca65-'));
  try {
    return assembleAndLink(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assembleAndLink(sourcePath: string, dir: string): Ca65Result {
  writeFileSync(join(dir, 'flat.cfg'), FLAT_LINKER_CONFIG);
  const objectPath = join(dir, 'main.o');
  const binaryPath = join(dir, 'main.bin');
  const labelPath = join(dir, 'main.lbl');
  const debugPath = join(dir, 'main.dbg');
  // -g keeps every label in the object file, so ld65 -Ln can list them all, not only exported ones.
  const assembled = spawnSync('ca65', ['-g', '-o', objectPath, sourcePath], { encoding: 'utf8' });
  if (assembled.status !== 0) return { ok: false, errors: assembled.stderr + assembled.stdout };
  const linked = spawnSync('ld65', ['-C', join(dir, 'flat.cfg'), '-Ln', labelPath, '--dbgfile', debugPath, '-o', binaryPath, objectPath], {
    encoding: 'utf8',
  });
  if (linked.status !== 0) return { ok: false, errors: linked.stderr + linked.stdout };
  const bytes = new Uint8Array(readFileSync(binaryPath));
  return {
    ok: true,
    bytes,
    labels: parseLabelFile(readFileSync(labelPath, 'utf8')),
    linesByOffset: parseDebugFile(readFileSync(debugPath, 'utf8'), bytes.length),
  };
}

/** `key=value,key="value"` fields of one ld65 debug-file record. */
function debugFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const match of text.matchAll(/(\w+)=("[^"]*"|[^,]*)/g)) fields.set(match[1]!, match[2]!.replace(/^"|"$/g, ''));
  return fields;
}

/** Maps each output byte to the source lines that produced it, from ld65's --dbgfile (segments, spans, lines, files). */
function parseDebugFile(text: string, size: number): Set<string>[] {
  const files = new Map<string, string>();
  const segmentOffsets = new Map<string, number>();
  const spans = new Map<string, { segment: string; start: number; size: number }>();
  const lines: { file: string; line: string; spans: string[] }[] = [];
  for (const record of text.split('\n')) {
    const [kind, rest] = record.split('\t');
    if (rest === undefined) continue;
    const fields = debugFields(rest);
    const id = fields.get('id')!;
    if (kind === 'file') files.set(id, fields.get('name')!.split('/').pop()!);
    // Only segments written to the output file have an offset there (ZEROPAGE and BSS have none).
    if (kind === 'seg' && fields.has('ooffs')) segmentOffsets.set(id, Number(fields.get('ooffs')));
    if (kind === 'span') spans.set(id, { segment: fields.get('seg')!, start: Number(fields.get('start')), size: Number(fields.get('size')) });
    if (kind === 'line' && fields.has('span')) lines.push({ file: fields.get('file')!, line: fields.get('line')!, spans: fields.get('span')!.split('+') });
  }
  const byOffset = Array.from({ length: size }, () => new Set<string>());
  for (const line of lines) {
    for (const spanId of line.spans) {
      const span = spans.get(spanId);
      const segmentOffset = span && segmentOffsets.get(span.segment);
      if (span === undefined || segmentOffset === undefined) continue;
      for (let offset = segmentOffset + span.start; offset < segmentOffset + span.start + span.size && offset < size; offset++) {
        byOffset[offset]!.add(`${files.get(line.file)}:${line.line}`);
      }
    }
  }
  return byOffset;
}

/**
 * Reads ld65's VICE-style label file (`al 000600 .start`). Cheap locals, macro locals and names that appear
 * with two values (the same name in two scopes) are left out: they have no single meaning to compare.
 */
function parseLabelFile(text: string): Map<string, number> {
  const labels = new Map<string, number>();
  const ambiguous = new Set<string>();
  for (const match of text.matchAll(/^al ([0-9A-F]+) \.(\S+)$/gm)) {
    const name = match[2]!;
    const value = parseInt(match[1]!, 16);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    if (labels.has(name) && labels.get(name) !== value) ambiguous.add(name);
    labels.set(name, value);
  }
  for (const name of ambiguous) labels.delete(name);
  return labels;
}

/** da65's text for `bytes` loaded at `origin` (with `--cpu 6502x` when asked), or its error output. */
export function disassembleWithDa65(bytes: Uint8Array, origin: number, cpu: '6502' | '6502x' = '6502'): string {
  const dir = mkdtempSync(join(tmpdir(), 'moth-da65-'));
  try {
    writeFileSync(join(dir, 'in.bin'), bytes);
    const run = spawnSync('da65', ['--cpu', cpu, '--start-addr', String(origin), '--comments', '0', 'in.bin'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return run.status === 0 ? run.stdout : run.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Assembles each source with ca65 and links them with ld65 and `configPath`, in a temp dir (so `file = %O` and
 * named output files land there); returns every file ld65 wrote, by the name the configuration gives it.
 */
export function linkWithCa65(sources: readonly string[], configPath: string, defines: readonly string[] = []): { ok: true; files: Map<string, Uint8Array> } | { ok: false; errors: string } {
  const dir = mkdtempSync(join(tmpdir(), 'moth-ld65-'));
  try {
    const objects: string[] = [];
    for (const [index, source] of sources.entries()) {
      const object = join(dir, `${index}.o`);
      const assembled = spawnSync('ca65', [...defines.flatMap((define) => ['-D', define]), '-o', object, source], { encoding: 'utf8' });
      if (assembled.status !== 0) return { ok: false, errors: assembled.stderr + assembled.stdout };
      objects.push(object);
    }
    const linked = spawnSync('ld65', ['-C', configPath, '-o', 'out.bin', ...objects], { encoding: 'utf8', cwd: dir });
    if (linked.status !== 0) return { ok: false, errors: linked.stderr + linked.stdout };
    const files = new Map<string, Uint8Array>();
    for (const name of readdirSync(dir)) if (!name.endsWith('.o')) files.set(name, new Uint8Array(readFileSync(join(dir, name))));
    return { ok: true, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
