/**
 * 6502 syntax highlighting for CodeMirror, read with moth's own lexer (src/asm/lexer.ts), so the editor colours
 * exactly the tokens the assembler sees: mnemonics, labels, directives, numbers, strings, comments, errors.
 */
import { StreamLanguage, type StringStream } from '@codemirror/language';
import { tokenizeLine, type Token } from '../asm/lexer.js';
import { INSTRUCTION_SET } from '../cpu/instruction-set.js';

const MNEMONICS: ReadonlySet<string> = new Set(INSTRUCTION_SET.map((info) => info.mnemonic.toLowerCase()));

interface LineState {
  /** The tokens of the line being read, and which one comes next. */
  tokens: readonly Token[];
  next: number;
}

/** The highlight tag (a @lezer/highlight name StreamLanguage knows) of one token, given the token after it. */
function styleOf(token: Token, following: Token | undefined, first: boolean): string | null {
  switch (token.kind) {
    case 'directive': return 'keyword';
    case 'number': return 'number';
    case 'string': return 'string';
    case 'unnamed': return 'labelName';
    case 'local': return 'labelName';
    case 'error': return 'invalid';
    case 'operator': return token.text === '#' ? 'operator' : null;
    case 'identifier': {
      if (following?.kind === 'operator' && following.text === ':' && first) return 'labelName';
      if (MNEMONICS.has(token.text.toLowerCase())) return 'keyword';
      return 'variableName';
    }
  }
}

/** Reads a line token by token: the lexer runs once at the start of each line; a `;` ends it as a comment. */
function readToken(stream: StringStream, state: LineState): string | null {
  if (stream.sol()) {
    state.tokens = tokenizeLine(stream.string);
    state.next = 0;
  }
  const token = state.tokens[state.next];
  if (token === undefined || stream.pos > token.column) {
    // Past the last token: whatever is left (after spaces) is a comment.
    stream.eatSpace();
    if (stream.eol()) return null;
    stream.skipToEnd();
    return 'comment';
  }
  if (stream.pos < token.column) {
    stream.pos = token.column;
    return null;
  }
  stream.pos = token.column + token.length;
  state.next++;
  return styleOf(token, state.tokens[state.next], state.next === 1);
}

export const asm6502 = StreamLanguage.define<LineState>({
  name: '6502',
  startState: () => ({ tokens: [], next: 0 }),
  copyState: (state) => ({ tokens: state.tokens, next: state.next }),
  token: readToken,
  languageData: { commentTokens: { line: ';' } },
});
