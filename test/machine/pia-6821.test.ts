// The 6821 PIA on its own, with a hand-driven clock: C1 edges and flags, C2 as an edge input and as a strobe
// or manual output, the IRQ line, and the Apple-1 terminal's keyboard and display flags as Wozmon polls them.
import { describe, expect, it } from 'vitest';
import type { DeviceWiring } from '../../src/machine/devices/device.js';
import { PIA_CONTROL_A, PIA_CONTROL_B, PIA_PORT_A, PIA_PORT_B, Pia6821 } from '../../src/machine/devices/pia-6821.js';
import { Apple1Terminal } from '../../src/machine/devices/apple1-terminal.js';
import { ConsoleChannel } from '../../src/machine/console-channel.js';
import { scriptedIo } from '../../src/machine/io.js';

function pia() {
  let now = 0;
  let line = false;
  const wiring: DeviceWiring = { clock: () => now, setInterrupt: (asserted) => void (line = asserted), reschedule: () => {}, requestStop: () => {} };
  const device = new Pia6821(wiring);
  device.reset();
  return { device, wiring, at: (cycle: number) => void (now = cycle), line: () => line };
}

describe('6821 C1', () => {
  it('sets CRx bit 7 on the edge bit 1 selects (falling by default, rising with bit 1)', () => {
    const { device } = pia();
    device.write(PIA_CONTROL_A, 0x04);
    device.setC1('a', true); // rising: not the active edge yet
    expect(device.read(PIA_CONTROL_A) & 0x80).toBe(0);
    device.setC1('a', false);
    expect(device.read(PIA_CONTROL_A) & 0x80).toBe(0x80);
    device.read(PIA_PORT_A);
    device.write(PIA_CONTROL_A, 0x06); // rising edge
    device.setC1('a', true);
    expect(device.read(PIA_CONTROL_A) & 0x80).toBe(0x80);
  });

  it('reading the port data clears the flags; reading the DDR (bit 2 = 0) does not', () => {
    const { device } = pia();
    device.write(PIA_CONTROL_B, 0x02);
    device.setC1('b', true);
    device.read(PIA_PORT_B); // DDRB: the flag stays
    expect(device.read(PIA_CONTROL_B) & 0x80).toBe(0x80);
    device.write(PIA_CONTROL_B, 0x06);
    device.read(PIA_PORT_B);
    expect(device.read(PIA_CONTROL_B) & 0x80).toBe(0);
  });

  it('asserts IRQ only with CRx bit 0, and releases it when the data is read', () => {
    const { device, line } = pia();
    device.write(PIA_CONTROL_A, 0x06);
    device.setC1('a', true);
    expect(line()).toBe(false);
    device.write(PIA_CONTROL_A, 0x07);
    expect(line()).toBe(true);
    device.read(PIA_PORT_A);
    expect(line()).toBe(false);
  });

  it('bits 6 and 7 are read-only: writing the control register keeps them', () => {
    const { device } = pia();
    device.setC1('a', true);
    device.setC1('a', false);
    device.write(PIA_CONTROL_A, 0x00);
    expect(device.read(PIA_CONTROL_A)).toBe(0x80);
    device.write(PIA_CONTROL_A, 0xc4);
    expect(device.read(PIA_CONTROL_A)).toBe(0x84);
  });
});

describe('6821 C2', () => {
  it('as an input: the edge bit 4 selects sets bit 6; bit 3 lets it assert IRQ', () => {
    const { device, line } = pia();
    device.write(PIA_CONTROL_A, 0x04); // falling edge, no IRQ
    device.setC2('a', false);
    expect(device.read(PIA_CONTROL_A) & 0x40).toBe(0x40);
    expect(line()).toBe(false);
    device.read(PIA_PORT_A);
    device.write(PIA_CONTROL_A, 0x1c); // rising edge, IRQ on
    device.setC2('a', true);
    expect(device.read(PIA_CONTROL_A) & 0x40).toBe(0x40);
    expect(line()).toBe(true);
  });

  it('CA2 read strobe restored by CA1 (bits 5–3 = 100): low after a read of port A, high at the active CA1 edge', () => {
    const { device } = pia();
    const seen: string[] = [];
    device.peripheral = { inputPins: () => 0xff, c2Changed: (side, level) => void seen.push(`${side} ${level ? 'high' : 'low'}`) };
    device.write(PIA_CONTROL_A, 0x24);
    expect(device.c2Output('a')).toBe(true);
    device.read(PIA_PORT_A);
    expect(device.c2Output('a')).toBe(false);
    device.setC1('a', true);
    device.setC1('a', false); // the falling edge is the active one
    expect(device.c2Output('a')).toBe(true);
    expect(seen).toEqual(['a low', 'a high']);
  });

  it('CA2 read strobe restored after one cycle (bits 5–3 = 101)', () => {
    const { device, at } = pia();
    device.write(PIA_CONTROL_A, 0x2c);
    at(40);
    device.read(PIA_PORT_A);
    expect(device.c2Output('a')).toBe(false);
    expect(device.nextEventCycle()).toBe(41);
    at(41);
    device.service(41);
    expect(device.c2Output('a')).toBe(true);
    expect(device.nextEventCycle()).toBe(Infinity);
  });

  it('CB2 write strobe (bits 5–3 = 100): a write of port B pulls it low (a read does not), CB1 restores it', () => {
    const { device } = pia();
    device.write(PIA_CONTROL_B, 0x26);
    device.read(PIA_PORT_B);
    expect(device.c2Output('b')).toBe(true);
    device.write(PIA_PORT_B, 0x41);
    expect(device.c2Output('b')).toBe(false);
    device.setC1('b', true);
    expect(device.c2Output('b')).toBe(true);
  });

  it('manual output (bits 5–4 = 11): C2 is bit 3; an output C2 never sets bit 6', () => {
    const { device } = pia();
    device.write(PIA_CONTROL_B, 0x34);
    expect(device.c2Output('b')).toBe(false);
    device.write(PIA_CONTROL_B, 0x3c);
    expect(device.c2Output('b')).toBe(true);
    device.setC2('b', false);
    device.setC2('b', true);
    expect(device.read(PIA_CONTROL_B) & 0x40).toBe(0);
  });
});

describe('the Apple-1 terminal on the PIA, as Wozmon polls it', () => {
  it('a key raises KBDCR bit 7 until KBD is read; a character written to DSP raises DSPCR bit 7 (display ready)', () => {
    const { device, wiring } = pia();
    const io = scriptedIo('A');
    device.peripheral = new Apple1Terminal(new ConsoleChannel(io, wiring.clock));
    device.write(PIA_PORT_B, 0x7f); // DDRB (CRB bit 2 is 0 after reset): PB0–6 out, PB7 in
    device.write(PIA_CONTROL_A, 0xa7); // Wozmon's KBDCR and DSPCR setting
    device.write(PIA_CONTROL_B, 0xa7);
    expect(device.read(PIA_CONTROL_A) & 0x80).toBe(0x80); // LDA KBDCR / BPL: a key is there
    expect(device.read(PIA_PORT_A)).toBe(0xc1); // LDA KBD: 'A' with bit 7 tied high
    expect(device.read(PIA_CONTROL_A) & 0x80).toBe(0); // and the flag is gone
    expect(device.read(PIA_PORT_B) & 0x80).toBe(0); // BIT DSP / BMI: the display is not busy
    device.write(PIA_PORT_B, 0xc1); // STA DSP
    expect(io.text()).toBe('A');
    expect(device.read(PIA_CONTROL_B) & 0x80).toBe(0x80); // CB1: ready for the next character
    expect(device.c2Output('b')).toBe(true); // the write strobe has ended
  });
});
