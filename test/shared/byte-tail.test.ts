// Specifies ByteTail: the newest bytes of an endless stream in a fixed ring, with the count of all of them.
import { describe, expect, it } from 'vitest';
import { ByteTail } from '../../src/shared/byte-tail.js';

function pushAll(tail: ByteTail, text: string): void {
  for (const character of text) tail.push(character.charCodeAt(0));
}

function text(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

describe('ByteTail', () => {
  it('holds everything until it is full, then the newest bytes, and counts all', () => {
    const tail = new ByteTail(4);
    pushAll(tail, 'abc');
    expect(text(tail.bytes())).toBe('abc');
    pushAll(tail, 'defg');
    expect(tail.length).toBe(7);
    expect(tail.heldFrom).toBe(3);
    expect(text(tail.bytes())).toBe('defg');
    expect(text(tail.bytes(5))).toBe('fg'); // from a position
    expect(text(tail.bytes(1))).toBe('defg'); // older than held: from the oldest held
    expect(text(tail.bytes(7))).toBe('');
  });

  it('setLength takes bytes back, and new ones take their place (time travel)', () => {
    const tail = new ByteTail(4);
    pushAll(tail, 'abcdefg');
    tail.setLength(5);
    expect(tail.length).toBe(5);
    expect(text(tail.bytes())).toBe('de');
    pushAll(tail, 'XY');
    expect(text(tail.bytes())).toBe('deXY');
    tail.setLength(1); // before everything held
    expect(text(tail.bytes())).toBe('');
    pushAll(tail, 'z');
    expect(tail.length).toBe(2);
    expect(text(tail.bytes())).toBe('z');
  });

  it('a longer length holds nothing (the bytes in between are unknown); clear starts again', () => {
    const tail = new ByteTail(4);
    pushAll(tail, 'ab');
    tail.setLength(10);
    expect(tail.length).toBe(10);
    expect(text(tail.bytes())).toBe('');
    pushAll(tail, 'c');
    expect(text(tail.bytes())).toBe('c');
    tail.clear();
    expect(tail.length).toBe(0);
    pushAll(tail, 'd');
    expect(text(tail.bytes())).toBe('d');
  });

  it('with no room it only counts', () => {
    const tail = new ByteTail(0);
    pushAll(tail, 'abc');
    expect(tail.length).toBe(3);
    expect(tail.bytes().length).toBe(0);
  });
});
