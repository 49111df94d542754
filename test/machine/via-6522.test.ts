// The 6522 VIA on its own, with a hand-driven clock: every register, timer arithmetic to the cycle, IFR/IER and the line.
import { describe, expect, it } from 'vitest';
import type { DeviceWiring } from '../../src/machine/devices/device.js';
import {
  IRQ_CA1,
  IRQ_SR,
  IRQ_T1,
  IRQ_T2,
  VIA_ACR,
  VIA_DDRA,
  VIA_DDRB,
  VIA_IER,
  VIA_IFR,
  VIA_ORA,
  VIA_ORA_NO_HANDSHAKE,
  VIA_ORB,
  VIA_PCR,
  VIA_SR,
  VIA_T1CH,
  VIA_T1CL,
  VIA_T1LH,
  VIA_T1LL,
  VIA_T2CH,
  VIA_T2CL,
  Via6522,
} from '../../src/machine/devices/via-6522.js';

function via() {
  let now = 0;
  let line = false;
  let reschedules = 0;
  const wiring: DeviceWiring = {
    clock: () => now,
    setInterrupt: (asserted) => {
      line = asserted;
    },
    reschedule: () => void reschedules++,
    requestStop: () => {},
  };
  const device = new Via6522(wiring);
  device.reset();
  return { device, at: (cycle: number) => void (now = cycle), line: () => line, reschedules: () => reschedules };
}

describe('6522 ports', () => {
  it('outputs where DDR bits are 1, the pulled-up (or peripheral-driven) pins elsewhere, on both ports', () => {
    const { device } = via();
    device.write(VIA_DDRB, 0xf0);
    device.write(VIA_ORB, 0x5a);
    expect(device.read(VIA_ORB)).toBe(0x5f); // high nibble driven, low nibble pulled up
    expect(device.read(VIA_DDRB)).toBe(0xf0);
    device.write(VIA_DDRA, 0xff);
    device.write(VIA_ORA, 0x12);
    expect(device.read(VIA_ORA)).toBe(0x12);
    device.write(VIA_ORA_NO_HANDSHAKE, 0x34);
    expect(device.read(VIA_ORA_NO_HANDSHAKE)).toBe(0x34);
    expect(device.read(VIA_DDRA)).toBe(0xff);
    device.peripheral = { portsChanged: () => {}, inputPins: (port) => (port === 'a' ? 0x0f : 0xff) };
    device.write(VIA_DDRA, 0xf0);
    expect(device.read(VIA_ORA)).toBe(0x3f); // $34 driven on the high nibble, $F from the peripheral
  });

  it('tells a peripheral every change of the pins', () => {
    const { device } = via();
    const seen: number[][] = [];
    device.peripheral = { portsChanged: (a, b, da, db) => void seen.push([a, b, da, db]), inputPins: () => 0xff };
    device.write(VIA_DDRB, 0xff);
    device.write(VIA_ORB, 0x41);
    expect(seen.at(-1)).toEqual([0xff, 0x41, 0x00, 0xff]);
  });

  it('PCR and ACR read back what was written', () => {
    const { device } = via();
    device.write(VIA_PCR, 0xa5);
    device.write(VIA_ACR, 0x40);
    expect([device.read(VIA_PCR), device.read(VIA_ACR)]).toEqual([0xa5, 0x40]);
  });
});

describe('6522 timer 1', () => {
  it('one-shot: counts N, N-1 … 0, $FFFF from the cycle after the write; IFR bit 6 at N+1.5 cycles, once', () => {
    const { device, at, line } = via();
    device.write(VIA_IER, 0x80 | IRQ_T1);
    device.write(VIA_T1CL, 0x10); // latch low
    at(100);
    device.write(VIA_T1CH, 0x00); // N = $0010, loaded now
    expect(device.nextEventCycle()).toBe(100 + 1 + 0x10 + 1);
    at(101);
    expect(device.peek(VIA_T1CL)).toBe(0x10);
    at(117);
    expect(device.peek(VIA_T1CL)).toBe(0x00);
    device.service(117);
    expect(line()).toBe(false);
    at(118);
    device.service(118);
    expect(device.peek(VIA_T1CL) | (device.peek(VIA_T1CH) << 8)).toBe(0xffff);
    expect(device.read(VIA_IFR)).toBe(0x80 | IRQ_T1);
    expect(line()).toBe(true);
    expect(device.read(VIA_T1CL)).toBe(0xff); // reading T1C-L acknowledges
    expect(line()).toBe(false);
    expect(device.nextEventCycle()).toBe(Infinity); // one-shot: no second interrupt
  });

  it('free-run: an interrupt every N+2 cycles without drift, however late the service', () => {
    const { device, at } = via();
    device.write(VIA_ACR, 0x40);
    device.write(VIA_IER, 0x80 | IRQ_T1);
    device.write(VIA_T1LL, 0x08);
    device.write(VIA_T1LH, 0x00); // latch only
    expect(device.read(VIA_T1LL)).toBe(0x08);
    expect(device.read(VIA_T1LH)).toBe(0x00);
    at(0);
    device.write(VIA_T1CH, 0x00);
    expect(device.nextEventCycle()).toBe(10);
    at(13);
    device.service(13); // late, as at an instruction boundary
    expect(device.read(VIA_IFR) & IRQ_T1).toBe(IRQ_T1);
    expect(device.nextEventCycle()).toBe(20);
    at(14);
    expect(device.peek(VIA_T1CL)).toBe(5); // 0 at cycle 9, $FFFF at 10, reloaded with 8 at 11
  });

  it('writing T1C-H asks the machine to reschedule and clears a pending flag', () => {
    const { device, at, reschedules } = via();
    device.write(VIA_T1CL, 2);
    device.write(VIA_T1CH, 0);
    at(10);
    device.service(10);
    expect(device.peek(VIA_IFR) & IRQ_T1).toBe(IRQ_T1);
    device.write(VIA_T1CH, 0);
    expect(device.peek(VIA_IFR) & IRQ_T1).toBe(0);
    expect(reschedules()).toBe(2);
  });
});

describe('6522 timer 2 and the shift register', () => {
  it('T2 is one-shot: loaded from its latch low and the high byte written, IFR bit 5 at N+1.5 cycles', () => {
    const { device, at, line } = via();
    device.write(VIA_IER, 0x80 | IRQ_T2);
    device.write(VIA_T2CL, 0x05);
    at(50);
    device.write(VIA_T2CH, 0x00);
    expect(device.nextEventCycle()).toBe(57);
    at(53);
    expect(device.read(VIA_T2CL)).toBe(0x03);
    at(57);
    device.service(57);
    expect(line()).toBe(true);
    expect(device.read(VIA_T2CH)).toBe(0xff);
    expect(device.read(VIA_T2CL)).toBe(0xff); // acknowledges
    expect(line()).toBe(false);
    expect(device.nextEventCycle()).toBe(Infinity);
  });

  it('shifting in under Φ2 takes 16 cycles, then sets IFR bit 2 with $FF shifted in', () => {
    const { device, at } = via();
    device.write(VIA_ACR, 0x08); // mode 010: shift in under Φ2
    at(0);
    device.write(VIA_SR, 0x00);
    expect(device.nextEventCycle()).toBe(16);
    at(16);
    device.service(16);
    expect(device.peek(VIA_IFR) & IRQ_SR).toBe(IRQ_SR);
    expect(device.read(VIA_SR)).toBe(0xff);
    expect(device.peek(VIA_IFR) & IRQ_SR).toBe(0); // reading SR acknowledges (and starts again)
  });

  it('shifting out keeps the byte and flags completion', () => {
    const { device, at } = via();
    device.write(VIA_ACR, 0x18); // mode 110: shift out under Φ2
    at(0);
    device.write(VIA_SR, 0xa5);
    at(20);
    device.service(20);
    expect(device.peek(VIA_IFR) & IRQ_SR).toBe(IRQ_SR);
    expect(device.peek(VIA_SR)).toBe(0xa5);
  });
});

describe('6522 interrupt flags', () => {
  it('IER sets and clears bits by bit 7, reads with bit 7 set; IFR bit 7 only for enabled flags; writing IFR clears', () => {
    const { device, line } = via();
    device.write(VIA_IER, 0x80 | IRQ_CA1 | IRQ_T1);
    expect(device.read(VIA_IER)).toBe(0x80 | IRQ_CA1 | IRQ_T1);
    device.write(VIA_IER, IRQ_T1);
    expect(device.read(VIA_IER)).toBe(0x80 | IRQ_CA1);
    device.signalCb1();
    expect(device.read(VIA_IFR)).toBe(0x10); // flagged but not enabled: no bit 7, no line
    expect(line()).toBe(false);
    device.signalCa1();
    expect(device.read(VIA_IFR)).toBe(0x80 | 0x10 | IRQ_CA1);
    expect(line()).toBe(true);
    device.read(VIA_ORA); // reading port A clears CA1
    expect(line()).toBe(false);
    device.write(VIA_IFR, 0x10);
    expect(device.read(VIA_IFR)).toBe(0);
  });

  it('save and restore bring back timers mid-count', () => {
    const { device, at } = via();
    device.write(VIA_T1CL, 0x40);
    device.write(VIA_T1CH, 0x00);
    at(20);
    const saved = device.saveState();
    at(30);
    device.write(VIA_T1CH, 0x01);
    device.restoreState(saved);
    expect(device.peek(VIA_T1CL)).toBe(0x40 + 1 - 30);
  });
});
