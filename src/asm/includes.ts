/** .include and .incbin: finding a file the way ca65 searches and reading it into the assembly. */

import { processFile } from './assembler.js';
import { evaluateRequired, expectEnd, parseList } from './evaluation.js';
import { type Expression, TokenCursor } from './expressions.js';
import { type Token } from './lexer.js';
import { fail, failOnExpression } from './reporting.js';
import { claim } from './segments.js';
import { includedFileName } from './source.js';
import { type Assembly, type LineContext, MAX_INCLUDE_DEPTH } from './state.js';

export function fileArgument(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): Token {
  const path = cursor.next();
  if (!path || path.kind !== 'string') fail(asm, context, path ?? head, `'${head.text}' needs a file name in double quotes`, `write e.g. ${head.text} "file"`);
  return path;
}

export function include(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const path = fileArgument(asm, context, head, cursor);
  expectEnd(asm, context, cursor);
  if (!asm.resolveFile) {
    asm.missingInclude = true;
    fail(asm, context, path, `cannot include '${path.text}': no file resolver was given to the assembler`);
  }
  if (asm.includeStack.length >= MAX_INCLUDE_DEPTH) fail(asm, context, path, `includes nest deeper than ${MAX_INCLUDE_DEPTH} files`);
  const problems: string[] = [];
  const found = findFile(asm, path.text, context.file, 'text', problems);
  if (!found) {
    asm.missingInclude = true;
    fail(asm, context, path, problems[0] === undefined ? `cannot find include file '${path.text}'` : `cannot include '${path.text}': ${problems[0]}`);
  }
  const { name, content: text } = found;
  if (asm.includeStack.includes(name)) fail(asm, context, path, `'${path.text}' includes itself (through ${asm.includeStack.join(' → ')})`);
  const content = typeof text === 'string' ? text : new TextDecoder().decode(text);
  asm.sources.set(name, content);
  asm.includeStack.push(name);
  try {
    processFile(asm, name, content, context.depth + 1);
  } finally {
    asm.includeStack.pop();
  }
}

/**
 * Asks the resolver for a file the way ca65 searches: beside the file that names it first, then beside each
 * file that included that one, out to the main file. Returns the content and the name it goes by.
 */
export function findFile(
  asm: Assembly,
  path: string,
  fromFile: string,
  kind: 'text' | 'binary',
  /** Collects why a file that is there could not be read (the resolver's thrown message): a FIFO, no permission, too large. */
  problems: string[] = [],
): { name: string; content: string | Uint8Array } | undefined {
  const askFrom = [fromFile];
  for (let index = asm.includeStack.length - 1; index >= 0; index--) {
    const file = asm.includeStack[index]!;
    if (!askFrom.includes(file)) askFrom.push(file);
  }
  for (const from of askFrom) {
    let content: string | Uint8Array | undefined;
    try {
      content = asm.resolveFile!(path, from, kind);
    } catch (error) {
      if (error instanceof Error) problems.push(error.message);
      content = undefined;
    }
    if (content !== undefined) return { name: includedFileName(from, path), content };
  }
  return undefined;
}

export function incbin(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const path = fileArgument(asm, context, head, cursor);
  let offset = 0;
  let size: number | undefined;
  if (!cursor.atEnd()) {
    const comma = cursor.next()!;
    if (comma.kind !== 'operator' || comma.text !== ',') fail(asm, context, comma, `expected ',' after the file name`);
    const items = parseList(asm, context, cursor, head, false) as Expression[];
    offset = evaluateRequired(asm, items[0]!, context, 'the .incbin offset');
    if (items[1]) size = evaluateRequired(asm, items[1], context, 'the .incbin size');
    if (items.length > 2) failOnExpression(asm, context, items[2]!, "'.incbin' takes a file name, an offset and a size");
  }
  if (!asm.resolveFile) fail(asm, context, path, `cannot read '${path.text}': no file resolver was given to the assembler`);
  const problems: string[] = [];
  const found = findFile(asm, path.text, context.file, 'binary', problems);
  if (!found) fail(asm, context, path, problems[0] === undefined ? `cannot find binary file '${path.text}'` : `cannot read '${path.text}': ${problems[0]}`);
  const content = found.content;
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  if (offset < 0 || offset > bytes.length) fail(asm, context, path, `.incbin offset ${offset} is outside the file (${bytes.length} bytes)`);
  const end = size === undefined ? bytes.length : offset + size;
  if (size !== undefined && (size < 0 || end > bytes.length)) fail(asm, context, path, `.incbin size ${size} from offset ${offset} runs past the end of the file (${bytes.length} bytes)`);
  const slice = bytes.slice(offset, end);
  const address = claim(asm, context, head, slice.length, true);
  asm.fragments.push({ kind: 'bytes', section: asm.section, address, lineIndex: asm.currentLineIndex, bytes: slice });
}
