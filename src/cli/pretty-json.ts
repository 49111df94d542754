/** JSON text in pieces, the same text as `JSON.stringify(value, null, 2)`: an object whose arrays are written an element at a time, for outputs too big for one string. */

/**
 * `JSON.stringify(record, null, 2) + '\n'`, given a piece per field and per element of a top-level array, so
 * the whole text never has to be one string (a debug map of 20,000 nested scopes would not fit in one).
 */
export function* prettyJsonPieces(record: Readonly<Record<string, unknown>>): Generator<string> {
  // JSON.stringify leaves out fields whose value is undefined (or a function): so does this.
  const fields = Object.entries(record).filter(([, value]) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol');
  if (fields.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (const [index, [key, value]] of fields.entries()) {
    const comma = index < fields.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [position, element] of value.entries()) {
        yield `    ${indented(element, '    ')}${position < value.length - 1 ? ',' : ''}\n`;
      }
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indented(value, '  ')}${comma}\n`;
    }
  }
  yield '}\n';
}

/** One value as JSON.stringify(value, null, 2) writes it, its later lines moved right to sit at `indent`. */
function indented(value: unknown, indent: string): string {
  // An array element of undefined is written as null, as JSON.stringify writes it.
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
}
