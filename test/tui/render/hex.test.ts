// Checks the memory pane's rows: how many bytes fit, the hex and ASCII columns, and written bytes marked.
import { describe, expect, it } from 'vitest';
import { asciiOf, bytesPerRow, hexRow } from '../../../src/tui/render/hex.js';
import { plainText } from '../../../src/tui/render/spans.js';

describe('hex rows', () => {
  it('fits 16 bytes in 72 columns, 8 in 40 and never fewer than 4', () => {
    expect(bytesPerRow(72)).toBe(16);
    expect(bytesPerRow(71)).toBe(8);
    expect(bytesPerRow(40)).toBe(8);
    expect(bytesPerRow(39)).toBe(4);
    expect(bytesPerRow(10)).toBe(4);
  });

  it('shows printable ASCII and a dot for everything else', () => {
    expect(asciiOf(0x41)).toBe('A');
    expect(asciiOf(0x20)).toBe(' ');
    expect(asciiOf(0x7f)).toBe('.');
    expect(asciiOf(0x00)).toBe('.');
    expect(asciiOf(0xc1)).toBe('.');
  });

  it('formats a row as address, hex bytes and ASCII', () => {
    const row = hexRow(0x0200, [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x00, 0x0a, 0xff]);
    expect(plainText(row)).toBe('$0200  48 65 6C 6C 6F 00 0A FF  Hello...');
  });

  it('marks written bytes in both the hex and the ASCII column', () => {
    const row = hexRow(0x10, [0x41, 0x42], (address) => address === 0x11);
    const written = row.filter((part) => 'style' in part && part.style === 'written').map((part) => part.text);
    expect(written).toEqual(['42', 'B']);
  });
});
