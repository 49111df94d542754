/**
 * Reads an ld65 linker configuration (`-C file.cfg`): MEMORY areas, SEGMENTS, SYMBOLS and FILES, with
 * ld65's attribute names and its small expression language, into plain values; problems come back located.
 */

export interface MemoryArea {
  readonly name: string;
  readonly start: number;
  readonly size: number;
  /** The output file the area is written to (`%O` is the `-o` name); undefined when `file = ""`. */
  readonly file: string | undefined;
  /** Pad the area to its full size in the file. */
  readonly fill: boolean;
  readonly fillValue: number;
  /** Make `__NAME_START__`, `__NAME_SIZE__`, `__NAME_LAST__`, `__NAME_FILEOFFS__`. */
  readonly define: boolean;
  readonly line: number;
}

export type SegmentType = 'ro' | 'rw' | 'bss' | 'zp' | 'overwrite';

export interface SegmentRule {
  readonly name: string;
  readonly load: string;
  /** The area whose addresses labels get (`run =`); the load area when absent. */
  readonly run: string;
  readonly type: SegmentType;
  readonly align: number;
  readonly start: number | undefined;
  readonly offset: number | undefined;
  readonly optional: boolean;
  /** Make `__NAME_LOAD__`, `__NAME_RUN__`, `__NAME_SIZE__`. */
  readonly define: boolean;
  readonly fillValue: number | undefined;
  readonly line: number;
  readonly column: number;
}

export interface ConfigSymbol {
  readonly name: string;
  readonly kind: 'export' | 'weak' | 'import';
  readonly value: number | undefined;
  readonly line: number;
}

export interface LinkerConfig {
  readonly file: string;
  /** The configuration's text, line by line, for messages that point into it. */
  readonly sourceLines: readonly string[];
  readonly memory: readonly MemoryArea[];
  readonly segments: readonly SegmentRule[];
  readonly symbols: readonly ConfigSymbol[];
}

export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly sourceLine: string;
}

interface ConfigToken {
  readonly kind: 'word' | 'number' | 'string' | 'punct';
  readonly text: string;
  readonly value: number;
  readonly line: number;
  readonly column: number;
}

/** Thrown inside this module only; parseLinkerConfig turns it into a ConfigProblem. */
class ConfigError {
  constructor(
    readonly token: Pick<ConfigToken, 'line' | 'column'>,
    readonly message: string,
  ) {}
}

function tokenize(text: string): ConfigToken[] {
  const tokens: ConfigToken[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((lineText, index) => {
    const line = index + 1;
    let at = 0;
    while (at < lineText.length) {
      const character = lineText[at]!;
      const column = at + 1;
      if (character === '#') break;
      if (/\s/.test(character)) {
        at++;
        continue;
      }
      const rest = lineText.slice(at);
      const number = /^(\$[0-9a-fA-F]+|0x[0-9a-fA-F]+|%[01]+|[0-9]+)/.exec(rest);
      if (number) {
        const written = number[0];
        const value = written.startsWith('$')
          ? parseInt(written.slice(1), 16)
          : written.startsWith('0x')
            ? parseInt(written.slice(2), 16)
            : written.startsWith('%')
              ? parseInt(written.slice(1), 2)
              : parseInt(written, 10);
        tokens.push({ kind: 'number', text: written, value, line, column });
        at += written.length;
        continue;
      }
      const word = /^(%[A-Za-z]|[A-Za-z_.][A-Za-z0-9_.]*)/.exec(rest);
      if (word) {
        tokens.push({ kind: 'word', text: word[0], value: 0, line, column });
        at += word[0].length;
        continue;
      }
      if (character === '"') {
        const end = lineText.indexOf('"', at + 1);
        if (end < 0) throw new ConfigError({ line, column }, 'this string has no closing quote');
        tokens.push({ kind: 'string', text: lineText.slice(at + 1, end), value: 0, line, column });
        at = end + 1;
        continue;
      }
      if ('{}:;,=+-*/()'.includes(character)) {
        tokens.push({ kind: 'punct', text: character, value: 0, line, column });
        at++;
        continue;
      }
      throw new ConfigError({ line, column }, `unexpected '${character}'`);
    }
  });
  return tokens;
}

/** The values `-o` and `-S` give to `%O` and `%S`. */
export interface ConfigContext {
  readonly outputName: string;
  /** `-S`; when undefined, FEATURES { STARTADDRESS: default = ... } or else ld65's $0200. */
  readonly startAddress: number | undefined;
}

/** ld65's start address when neither -S nor the configuration gives one. */
const LD65_DEFAULT_START = 0x0200;

/** Parses a configuration; never throws. */
export function parseLinkerConfig(text: string, file: string, context: ConfigContext): LinkerConfig | ConfigProblem {
  const lines = text.split(/\r?\n/);
  try {
    return new ConfigParser(tokenize(text), file, context, lines).parse();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { file, line: error.token.line, column: error.token.column, message: error.message, sourceLine: lines[error.token.line - 1] ?? '' };
  }
}

type Attributes = Map<string, { readonly token: ConfigToken; readonly value: ConfigToken[] }>;

class ConfigParser {
  private index = 0;
  private readonly memory: MemoryArea[] = [];
  private readonly segments: SegmentRule[] = [];
  private readonly symbols: ConfigSymbol[] = [];
  private readonly symbolValues = new Map<string, number>();
  private startAddress: number;

  constructor(
    private readonly tokens: readonly ConfigToken[],
    private readonly file: string,
    private readonly context: ConfigContext,
    private readonly sourceLines: readonly string[],
  ) {
    this.startAddress = context.startAddress ?? LD65_DEFAULT_START;
  }

  parse(): LinkerConfig {
    while (this.index < this.tokens.length) {
      const section = this.expectWord();
      this.expectPunct('{');
      const name = section.text.toUpperCase();
      // SYMBOLS first in the file or not, its values are known to the other sections only in file order, as in ld65.
      while (!this.atPunct('}')) {
        if (name === 'MEMORY') this.memoryArea();
        else if (name === 'SEGMENTS') this.segmentRule();
        else if (name === 'SYMBOLS') this.symbol();
        else if (name === 'FEATURES') this.feature();
        else if (name === 'FILES' || name === 'FORMATS') this.skipEntry();
        else throw new ConfigError(section, `unknown section '${section.text}' (ld65 knows MEMORY, SEGMENTS, SYMBOLS, FILES, FORMATS, FEATURES)`);
      }
      this.expectPunct('}');
    }
    for (const segment of this.segments) {
      for (const area of [segment.load, segment.run]) {
        if (!this.memory.some((memory) => memory.name === area)) {
          throw new ConfigError(segment, `segment ${segment.name} uses memory area '${area}', which MEMORY does not define`);
        }
      }
    }
    return { file: this.file, sourceLines: this.sourceLines, memory: this.memory, segments: this.segments, symbols: this.symbols };
  }

  private peek(): ConfigToken | undefined {
    return this.tokens[this.index];
  }

  private next(): ConfigToken {
    const token = this.tokens[this.index];
    if (!token) {
      const last = this.tokens[this.tokens.length - 1];
      throw new ConfigError(last ?? { line: 1, column: 1 }, 'the configuration ends in the middle of an entry');
    }
    this.index++;
    return token;
  }

  private atPunct(text: string): boolean {
    const token = this.peek();
    return token !== undefined && token.kind === 'punct' && token.text === text;
  }

  private expectPunct(text: string): ConfigToken {
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== text) throw new ConfigError(token, `expected '${text}', found '${token.text}'`);
    return token;
  }

  private expectWord(): ConfigToken {
    const token = this.next();
    if (token.kind !== 'word') throw new ConfigError(token, `expected a name, found '${token.text}'`);
    return token;
  }

  /** `NAME: attr = value, attr = value;` */
  private entry(): { name: ConfigToken; attributes: Attributes } {
    const name = this.next();
    if (name.kind !== 'word' && name.kind !== 'string') throw new ConfigError(name, `expected a name, found '${name.text}'`);
    this.expectPunct(':');
    const attributes: Attributes = new Map();
    while (!this.atPunct(';')) {
      const attribute = this.expectWord();
      this.expectPunct('=');
      const value: ConfigToken[] = [];
      while (!this.atPunct(',') && !this.atPunct(';')) value.push(this.next());
      if (value.length === 0) throw new ConfigError(attribute, `'${attribute.text}' needs a value`);
      attributes.set(attribute.text.toLowerCase(), { token: attribute, value });
      if (this.atPunct(',')) this.next();
    }
    this.expectPunct(';');
    return { name, attributes };
  }

  /** FEATURES: only STARTADDRESS matters to a plain binary (CONDES tables and the like are skipped). */
  private feature(): void {
    const start = this.index;
    const name = this.next();
    if (name.kind === 'word' && name.text.toUpperCase() === 'STARTADDRESS') {
      this.index = start;
      const { attributes } = this.entry();
      const value = this.number(attributes, 'default', name);
      if (value !== undefined && this.context.startAddress === undefined) this.startAddress = value;
      return;
    }
    this.skipEntry();
  }

  private skipEntry(): void {
    while (!this.atPunct(';')) this.next();
    this.next();
  }

  private memoryArea(): void {
    const { name, attributes } = this.entry();
    this.allow(attributes, ['start', 'size', 'type', 'file', 'fill', 'fillval', 'define', 'bank']);
    const start = this.number(attributes, 'start', name);
    const size = this.number(attributes, 'size', name);
    if (start === undefined) throw new ConfigError(name, `memory area ${name.text} needs a start`);
    if (size === undefined) throw new ConfigError(name, `memory area ${name.text} needs a size`);
    const fileAttribute = attributes.get('file');
    let file: string | undefined = this.context.outputName;
    if (fileAttribute) {
      const token = fileAttribute.value[0]!;
      if (token.kind === 'string') file = token.text === '' ? undefined : token.text;
      else if (token.text === '%O') file = this.context.outputName;
      else throw new ConfigError(token, "file = needs %O or a name in double quotes");
    }
    this.memory.push({
      name: name.text,
      start,
      size,
      file,
      fill: this.yesNo(attributes, 'fill') ?? false,
      fillValue: this.number(attributes, 'fillval', name) ?? 0,
      define: this.yesNo(attributes, 'define') ?? false,
      line: name.line,
    });
  }

  private segmentRule(): void {
    const { name, attributes } = this.entry();
    this.allow(attributes, ['load', 'run', 'type', 'align', 'align_load', 'start', 'offset', 'optional', 'define', 'fillval', 'runtime']);
    const load = attributes.get('load');
    if (!load) throw new ConfigError(name, `segment ${name.text} needs 'load = AREA'`);
    const type = attributes.get('type')?.value[0]?.text.toLowerCase() ?? 'ro';
    if (!['ro', 'rw', 'bss', 'zp', 'overwrite'].includes(type)) throw new ConfigError(attributes.get('type')!.value[0]!, `segment type '${type}' is not one of ro, rw, bss, zp, overwrite`);
    const run = attributes.get('run');
    this.segments.push({
      name: name.text,
      load: load.value[0]!.text,
      run: run ? run.value[0]!.text : load.value[0]!.text,
      type: type as SegmentType,
      align: this.number(attributes, 'align', name) ?? 1,
      start: this.number(attributes, 'start', name),
      offset: this.number(attributes, 'offset', name),
      optional: this.yesNo(attributes, 'optional') ?? false,
      define: this.yesNo(attributes, 'define') ?? false,
      fillValue: this.number(attributes, 'fillval', name),
      line: name.line,
      column: name.column,
    });
  }

  private symbol(): void {
    // Old form `name = value;` and new form `name: type = export, value = $800;`.
    const name = this.expectWord();
    if (this.atPunct('=')) {
      this.next();
      const value = this.expression(this.valueTokensUntilSemicolon());
      this.expectPunct(';');
      this.addSymbol(name, 'export', value);
      return;
    }
    this.index--;
    const { attributes } = this.entry();
    this.allow(attributes, ['type', 'value', 'addrsize']);
    const kind = (attributes.get('type')?.value[0]?.text.toLowerCase() ?? 'export') as ConfigSymbol['kind'];
    if (!['export', 'weak', 'import'].includes(kind)) throw new ConfigError(attributes.get('type')!.value[0]!, `symbol type '${kind}' is not one of export, weak, import`);
    const value = this.number(attributes, 'value', name);
    if (value === undefined && kind !== 'import') throw new ConfigError(name, `symbol ${name.text} needs a value`);
    this.addSymbol(name, kind, value);
  }

  private addSymbol(name: ConfigToken, kind: ConfigSymbol['kind'], value: number | undefined): void {
    this.symbols.push({ name: name.text, kind, value, line: name.line });
    if (value !== undefined) this.symbolValues.set(name.text, value);
  }

  private valueTokensUntilSemicolon(): ConfigToken[] {
    const tokens: ConfigToken[] = [];
    while (!this.atPunct(';')) tokens.push(this.next());
    return tokens;
  }

  private allow(attributes: Attributes, known: readonly string[]): void {
    for (const [name, { token }] of attributes) {
      if (!known.includes(name)) throw new ConfigError(token, `unknown attribute '${token.text}' (known here: ${known.join(', ')})`);
    }
  }

  private yesNo(attributes: Attributes, name: string): boolean | undefined {
    const attribute = attributes.get(name);
    if (!attribute) return undefined;
    const word = attribute.value[0]!.text.toLowerCase();
    if (word === 'yes') return true;
    if (word === 'no') return false;
    throw new ConfigError(attribute.value[0]!, `${name} = needs yes or no`);
  }

  private number(attributes: Attributes, name: string, _entry: ConfigToken): number | undefined {
    const attribute = attributes.get(name);
    return attribute ? this.expression(attribute.value) : undefined;
  }

  /** ld65's expressions: numbers, symbols from SYMBOLS, %S, + - * / and parentheses. */
  private expression(tokens: readonly ConfigToken[]): number {
    let at = 0;
    const first = tokens[0]!;
    const fail = (token: ConfigToken | undefined, message: string): never => {
      throw new ConfigError(token ?? tokens[tokens.length - 1] ?? first, message);
    };
    const primary = (): number => {
      const token = tokens[at++];
      if (!token) return fail(undefined, 'expected a value');
      if (token.kind === 'number') return token.value;
      if (token.kind === 'punct' && token.text === '(') {
        const value = sum();
        const close = tokens[at++];
        if (!close || close.text !== ')') fail(close, "expected ')'");
        return value;
      }
      if (token.kind === 'punct' && token.text === '-') return -primary();
      if (token.kind === 'word' && token.text === '%S') return this.startAddress;
      if (token.kind === 'word') {
        const value = this.symbolValues.get(token.text);
        if (value === undefined) fail(token, `'${token.text}' is not a number or a symbol defined in SYMBOLS above`);
        return value!;
      }
      return fail(token, `unexpected '${token.text}' in a value`);
    };
    const product = (): number => {
      let value = primary();
      for (;;) {
        const token = tokens[at];
        if (token?.kind === 'punct' && token.text === '*') {
          at++;
          value *= primary();
        } else if (token?.kind === 'punct' && token.text === '/') {
          at++;
          const divisor = primary();
          if (divisor === 0) fail(token, 'division by zero');
          value = Math.trunc(value / divisor);
        } else return value;
      }
    };
    const sum = (): number => {
      let value = product();
      for (;;) {
        const token = tokens[at];
        if (token?.kind === 'punct' && token.text === '+') {
          at++;
          value += product();
        } else if (token?.kind === 'punct' && token.text === '-') {
          at++;
          value -= product();
        } else return value;
      }
    };
    const value = sum();
    if (at < tokens.length) fail(tokens[at], `unexpected '${tokens[at]!.text}' after the value`);
    return value;
  }
}
