// The 6522 VIA on its own, with a hand-driven clock: every register, timer arithmetic to the cycle, IFR/IER and the line.
import { describe, expect, it } from 'vitest';
import type { DeviceWiring } from '../../src/machine/devices/device.js';
import {
  IRQ_CA1,
  IRQ_CA2,
  IRQ_CB1,
  IRQ_CB2,
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

describe('6522 PB7 driven by timer 1 (ACR bit 7)', () => {
  it('one-shot: PB7 goes low at the load and high at the time-out, whatever DDRB bit 7 says', () => {
    const { device, at } = via();
    const seen: number[] = [];
    device.peripheral = { portsChanged: (_a, b) => void seen.push(b & 0x80), inputPins: () => 0x00 };
    device.write(VIA_ACR, 0x80); // one-shot, PB7 output
    device.write(VIA_T1CL, 0x0a);
    at(100);
    device.write(VIA_T1CH, 0x00);
    expect(device.read(VIA_ORB) & 0x80).toBe(0); // low during the count (DDRB bit 7 is 0: an input otherwise)
    at(111);
    device.service(111);
    expect(device.read(VIA_ORB) & 0x80).toBe(0); // counter at 0: not yet
    at(112);
    device.service(112); // N + 1.5 cycles after the write: the time-out (with the T1 flag)
    expect(device.read(VIA_ORB) & 0x80).toBe(0x80);
    expect(seen.slice(-2)).toEqual([0x00, 0x80]); // the peripheral saw both edges
    at(200);
    device.service(200);
    expect(device.read(VIA_ORB) & 0x80).toBe(0x80); // one pulse a load
  });

  it('free-run: PB7 inverts at every time-out, a square wave of period 2 × (N + 2)', () => {
    const { device, at } = via();
    device.write(VIA_ACR, 0xc0);
    device.write(VIA_T1CL, 0x08);
    at(0);
    device.write(VIA_T1CH, 0x00); // zeros at 9, 19, 29… (every N + 2 = 10), flags one cycle later
    const pb7 = (cycle: number): number => {
      at(cycle);
      device.service(cycle);
      return device.peek(VIA_ORB) >> 7;
    };
    expect([pb7(5), pb7(10), pb7(15), pb7(20), pb7(25), pb7(30)]).toEqual([0, 1, 1, 0, 0, 1]);
    expect(pb7(60)).toBe(0); // a late look counts every time-out missed: 3 more, odd
  });

  it('without ACR bit 7, PB7 is the port bit as usual', () => {
    const { device, at } = via();
    device.write(VIA_DDRB, 0x80);
    device.write(VIA_ORB, 0x80);
    device.write(VIA_T1CL, 0x05);
    at(0);
    device.write(VIA_T1CH, 0x00);
    expect(device.read(VIA_ORB) & 0x80).toBe(0x80);
  });
});

describe('6522 T2 pulse counting (ACR bit 5)', () => {
  it('counts falling edges on PB6, not cycles; IFR bit 5 when the count reaches 0, once a load', () => {
    const { device, at, line } = via();
    device.write(VIA_IER, 0x80 | IRQ_T2);
    device.write(VIA_ACR, 0x20);
    device.write(VIA_T2CL, 0x03);
    device.write(VIA_T2CH, 0x00);
    at(1000);
    expect(device.read(VIA_T2CL)).toBe(0x03); // time alone does not count
    expect(device.nextEventCycle()).toBe(Infinity);
    device.pulsePb6();
    device.pulsePb6();
    expect(device.read(VIA_T2CL)).toBe(0x01);
    expect(line()).toBe(false);
    device.pulsePb6();
    expect(line()).toBe(true);
    expect(device.read(VIA_T2CL)).toBe(0x00); // acknowledges
    device.pulsePb6(); // on past zero, with no second interrupt
    expect(device.read(VIA_T2CH)).toBe(0xff);
    expect(device.peek(VIA_IFR) & IRQ_T2).toBe(0);
  });

  it('pulses are ignored while T2 times cycles', () => {
    const { device, at } = via();
    device.write(VIA_T2CL, 0x10);
    at(0);
    device.write(VIA_T2CH, 0x00);
    device.pulsePb6();
    at(5);
    expect(device.read(VIA_T2CL)).toBe(0x10 + 1 - 5);
  });
});

describe('6522 control lines', () => {
  it('CA1 sets its flag on the edge PCR bit 0 selects: falling by default, rising with bit 0', () => {
    const { device } = via();
    device.setControlLine('ca1', false); // high → low: the active edge by default
    expect(device.peek(VIA_IFR) & IRQ_CA1).toBe(IRQ_CA1);
    device.read(VIA_ORA);
    device.setControlLine('ca1', true); // the other edge does nothing
    expect(device.peek(VIA_IFR) & IRQ_CA1).toBe(0);
    device.write(VIA_PCR, 0x01);
    device.setControlLine('ca1', false);
    expect(device.peek(VIA_IFR) & IRQ_CA1).toBe(0);
    device.setControlLine('ca1', true);
    expect(device.peek(VIA_IFR) & IRQ_CA1).toBe(IRQ_CA1);
  });

  it('CB1 the same with PCR bit 4; reading or writing ORB clears it', () => {
    const { device } = via();
    device.write(VIA_PCR, 0x10);
    device.setControlLine('cb1', false);
    expect(device.peek(VIA_IFR) & IRQ_CB1).toBe(0);
    device.setControlLine('cb1', true);
    expect(device.peek(VIA_IFR) & IRQ_CB1).toBe(IRQ_CB1);
    device.write(VIA_ORB, 0);
    expect(device.peek(VIA_IFR) & IRQ_CB1).toBe(0);
  });

  it('CA2 input modes: falling or rising edge; the independent modes keep the flag when ORA is read', () => {
    const { device } = via();
    device.setControlLine('ca2', false); // mode 0: falling edge
    expect(device.peek(VIA_IFR) & IRQ_CA2).toBe(IRQ_CA2);
    device.read(VIA_ORA);
    expect(device.peek(VIA_IFR) & IRQ_CA2).toBe(0);
    device.write(VIA_PCR, 0x04); // mode 2: rising edge
    device.setControlLine('ca2', true);
    expect(device.peek(VIA_IFR) & IRQ_CA2).toBe(IRQ_CA2);
    device.write(VIA_PCR, 0x06); // mode 3: independent rising edge
    device.read(VIA_ORA);
    expect(device.peek(VIA_IFR) & IRQ_CA2).toBe(IRQ_CA2); // reading ORA leaves it
    device.write(VIA_IFR, IRQ_CA2); // only writing IFR clears it
    expect(device.peek(VIA_IFR) & IRQ_CA2).toBe(0);
  });

  it('CB2 input, independent falling edge (PCR bits 5–7 = 001): writing ORB leaves the flag', () => {
    const { device } = via();
    device.write(VIA_PCR, 0x20);
    device.setControlLine('cb2', false);
    expect(device.peek(VIA_IFR) & IRQ_CB2).toBe(IRQ_CB2);
    device.write(VIA_ORB, 0x00);
    expect(device.peek(VIA_IFR) & IRQ_CB2).toBe(IRQ_CB2);
  });

  it('CA2 handshake output: low after a read or write of ORA, high again at the active CA1 edge', () => {
    const { device } = via();
    const changes: string[] = [];
    device.peripheral = { portsChanged: () => {}, inputPins: () => 0xff, controlOutputChanged: (line, level) => void changes.push(`${line} ${level ? 'high' : 'low'}`) };
    device.write(VIA_PCR, 0x08); // CA2 mode 100
    expect(device.controlOutput('ca2')).toBe(true);
    device.read(VIA_ORA); // "data taken"
    expect(device.controlOutput('ca2')).toBe(false);
    device.signalCa1(); // "data ready"
    expect(device.controlOutput('ca2')).toBe(true);
    device.read(VIA_ORA_NO_HANDSHAKE); // register F never handshakes
    expect(device.controlOutput('ca2')).toBe(true);
    expect(changes).toEqual(['ca2 low', 'ca2 high']);
  });

  it('CB2 handshake output: low after a write of ORB (a read does nothing), high at the active CB1 edge', () => {
    const { device } = via();
    device.write(VIA_PCR, 0x80); // CB2 mode 100
    device.read(VIA_ORB);
    expect(device.controlOutput('cb2')).toBe(true);
    device.write(VIA_ORB, 0x42);
    expect(device.controlOutput('cb2')).toBe(false);
    device.signalCb1();
    expect(device.controlOutput('cb2')).toBe(true);
  });

  it('CA2 pulse output: low for one cycle after an ORA access', () => {
    const { device, at } = via();
    const changes: string[] = [];
    device.peripheral = { portsChanged: () => {}, inputPins: () => 0xff, controlOutputChanged: (line, level) => void changes.push(`${line} ${level ? 'high' : 'low'}`) };
    device.write(VIA_PCR, 0x0a); // CA2 mode 101
    at(10);
    device.write(VIA_ORA, 1);
    expect(device.controlOutput('ca2')).toBe(false);
    expect(device.nextEventCycle()).toBe(11);
    at(11);
    device.service(11);
    expect(device.controlOutput('ca2')).toBe(true);
    expect(changes).toEqual(['ca2 low', 'ca2 high']);
  });

  it('CA2/CB2 manual outputs: PCR 110 low, 111 high', () => {
    const { device } = via();
    device.write(VIA_PCR, 0xec); // CB2 111, CA2 110
    expect([device.controlOutput('ca2'), device.controlOutput('cb2')]).toEqual([false, true]);
    device.write(VIA_PCR, 0xce); // CB2 110, CA2 111
    expect([device.controlOutput('ca2'), device.controlOutput('cb2')]).toEqual([true, false]);
  });

  it('input latching (ACR bits 0–1): IRA/IRB read the inputs as the active CA1/CB1 edge found them', () => {
    const { device } = via();
    let inputs = 0x11;
    device.peripheral = { portsChanged: () => {}, inputPins: () => inputs };
    device.write(VIA_ACR, 0x03);
    device.write(VIA_DDRB, 0xf0);
    device.write(VIA_ORB, 0xa0);
    device.signalCa1();
    device.signalCb1();
    inputs = 0x22;
    expect(device.read(VIA_ORA)).toBe(0x11); // latched, not the pins now
    expect(device.read(VIA_ORB)).toBe(0xa1); // outputs from ORB, inputs latched
    device.write(VIA_ACR, 0x00);
    expect(device.read(VIA_ORA)).toBe(0x22); // latching off: the pins
  });
});

describe('6522 shift register under CB1 and CB2', () => {
  it('mode 3: each CB1 clock shifts CB2\'s level into bit 0; 8 clocks set IFR bit 2', () => {
    const { device } = via();
    device.write(VIA_ACR, 0x0c);
    device.read(VIA_SR);
    const bits = [1, 0, 1, 0, 0, 1, 0, 1]; // $A5, most significant bit first
    bits.forEach((bit, index) => {
      device.setControlLine('cb2', bit === 1);
      device.setControlLine('cb1', false);
      device.setControlLine('cb1', true); // rising edge: shift
      if (index < 7) expect(device.peek(VIA_IFR) & IRQ_SR).toBe(0);
    });
    expect(device.peek(VIA_IFR) & IRQ_SR).toBe(IRQ_SR);
    expect(device.read(VIA_SR)).toBe(0xa5);
  });

  it('mode 7: each CB1 clock shifts bit 7 out; after 8 the byte is back and the peripheral has it', () => {
    const { device } = via();
    const out: number[] = [];
    device.peripheral = { portsChanged: () => {}, inputPins: () => 0xff, shiftedOut: (byte) => void out.push(byte) };
    device.write(VIA_ACR, 0x1c);
    device.write(VIA_SR, 0x3c);
    for (let clock = 0; clock < 8; clock++) {
      device.setControlLine('cb1', false);
      device.setControlLine('cb1', true);
    }
    expect(device.peek(VIA_IFR) & IRQ_SR).toBe(IRQ_SR);
    expect(device.peek(VIA_SR)).toBe(0x3c);
    expect(out).toEqual([0x3c]);
  });

  it('shifting in under Φ2 with CB2 held low fills the register with 0s', () => {
    const { device, at } = via();
    device.setControlLine('cb2', false);
    device.write(VIA_ACR, 0x08);
    at(0);
    device.write(VIA_SR, 0xff);
    at(16);
    device.service(16);
    expect(device.read(VIA_SR)).toBe(0x00);
  });

  it('shifting out under T2 (mode 5) hands the byte to the peripheral when done', () => {
    const { device, at } = via();
    const out: number[] = [];
    device.peripheral = { portsChanged: () => {}, inputPins: () => 0xff, shiftedOut: (byte) => void out.push(byte) };
    device.write(VIA_T2CL, 0x02); // a bit every 2 × (2 + 2) cycles
    device.write(VIA_ACR, 0x14);
    at(0);
    device.write(VIA_SR, 0x81);
    expect(device.nextEventCycle()).toBe(64);
    at(64);
    device.service(64);
    expect(out).toEqual([0x81]);
  });
});
