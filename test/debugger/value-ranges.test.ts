// Debugger values out of range are refused with a message, never wrapped: addresses past $FFFF, bytes past $FF, negatives.
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/debugger/commands.js';
import { createSession } from '../../src/debugger/program.js';
import type { DebugSession } from '../../src/debugger/session.js';

function session(): DebugSession {
  const created = createSession('loop: inx\n  jmp loop\n', { fileName: 'loop.s' });
  if (!created.ok) throw new Error(created.message);
  return created.session;
}

describe('values out of range', () => {
  it.each([
    ['set [$10000] = 7', /\$10000 is not an address/],
    ['set [$0200] = $100', /\$0100 does not fit in a byte/],
    ['set A = $100', /\$0100 does not fit in A/],
    ['set X = -1', /-1 does not fit in X/],
    ['set PC = $10000', /\$10000 does not fit in PC/],
    ['set C = 2', /a flag is 0 or 1/],
    ['break -1', /not an address/],
    ['until $10000', /not an address/],
    ['mem $10000', /not an address/],
    ['disasm -2', /not an address/],
    ['watch $10000', /within \$0000-\$FFFF/],
  ])('%s is refused', (line, message) => {
    const s = session();
    const before = { state: s.state, memory: s.memory.slice() };
    const result = runCommand(s, line);
    expect(result.ok).toBe(false);
    expect(result.text).toMatch(message);
    // Nothing was changed on the way.
    expect(s.state).toEqual(before.state);
    expect(Buffer.compare(Buffer.from(s.memory), Buffer.from(before.memory))).toBe(0);
    expect(s.breakpoints).toHaveLength(0);
  });

  it('the edges themselves are accepted', () => {
    const s = session();
    for (const line of ['set [$FFFF] = $FF', 'set A = $FF', 'set PC = $FFFF', 'set C = 1', 'mem $FFFF 1', 'break $FFFF']) {
      expect(runCommand(s, line).ok, line).toBe(true);
    }
    expect(s.state).toMatchObject({ a: 0xff, pc: 0xffff });
    expect(s.memory[0xffff]).toBe(0xff);
  });
});
