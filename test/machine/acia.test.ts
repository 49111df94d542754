// The serial chips on their own: 6551 (with the W65C51N transmit bug as an option) and 6850, every register, timing at the baud rate, receive interrupts.
import { describe, expect, it } from 'vitest';
import { ConsoleChannel } from '../../src/machine/console-channel.js';
import {
  ACIA6551_COMMAND,
  ACIA6551_CONTROL,
  ACIA6551_DATA,
  ACIA6551_STATUS,
  Acia6551,
  STATUS_IRQ,
  STATUS_OVERRUN,
  STATUS_RDRF,
  STATUS_TDRE,
} from '../../src/machine/devices/acia-6551.js';
import { ACIA6850_CONTROL_STATUS, ACIA6850_DATA, Acia6850, STATUS_OVERRUN as STATUS_6850_OVERRUN } from '../../src/machine/devices/acia-6850.js';
import type { DeviceWiring } from '../../src/machine/devices/device.js';
import { IDLE_POLL_CYCLES } from '../../src/machine/devices/serial-receiver.js';
import { scriptedIo } from '../../src/machine/io.js';

function harness(input = '') {
  let now = 0;
  let line = false;
  const io = scriptedIo(input);
  const wiring: DeviceWiring = {
    clock: () => now,
    setInterrupt: (asserted) => void (line = asserted),
    reschedule: () => {},
    requestStop: () => {},
  };
  const channel = new ConsoleChannel(io, wiring.clock);
  return { io, channel, wiring, at: (cycle: number) => void (now = cycle), line: () => line };
}

describe('6551 ACIA', () => {
  it('transmits at once; TDRE drops for one character time at the programmed baud rate', () => {
    const { io, channel, wiring, at } = harness();
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000 });
    acia.reset();
    acia.write(ACIA6551_CONTROL, 0x1f); // 19,200 baud, 8 data bits, 1 stop bit: 10 bits = 521 cycles at 1 MHz
    acia.write(ACIA6551_COMMAND, 0x0b); // DTR, receive IRQ off, RTS low
    expect([acia.read(ACIA6551_CONTROL), acia.read(ACIA6551_COMMAND)]).toEqual([0x1f, 0x0b]);
    acia.write(ACIA6551_DATA, 0x41);
    expect(io.text()).toBe('A');
    expect(acia.read(ACIA6551_STATUS) & STATUS_TDRE).toBe(0);
    at(520);
    expect(acia.read(ACIA6551_STATUS) & STATUS_TDRE).toBe(0);
    at(521);
    expect(acia.read(ACIA6551_STATUS) & STATUS_TDRE).toBe(STATUS_TDRE);
  });

  it('with the W65C51N bug TDRE always reads 1 and no transmit interrupt comes', () => {
    const { wiring, channel, line } = harness();
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000, wdcTransmitBug: true });
    acia.reset();
    acia.write(ACIA6551_COMMAND, 0x07); // DTR, receive IRQ off, transmit interrupts on
    acia.write(ACIA6551_DATA, 0x42);
    expect(acia.read(ACIA6551_STATUS) & STATUS_TDRE).toBe(STATUS_TDRE);
    expect(acia.nextEventCycle()).toBe(Infinity);
    expect(line()).toBe(false);
  });

  it('without the bug a transmit interrupt follows the character when TIC is %01', () => {
    const { wiring, channel, at, line } = harness();
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000 });
    acia.reset();
    acia.write(ACIA6551_CONTROL, 0x1f);
    acia.write(ACIA6551_COMMAND, 0x07); // DTR, receive IRQ off, transmit IRQ on
    acia.write(ACIA6551_DATA, 0x43);
    expect(acia.nextEventCycle()).toBe(521);
    at(521);
    acia.service(521);
    expect(line()).toBe(true);
    expect(acia.read(ACIA6551_STATUS) & STATUS_IRQ).toBe(STATUS_IRQ);
    expect(line()).toBe(false); // reading status clears the interrupt
  });

  it('receives by interrupt: polling finds the byte, sets RDRF and IRQ; status read clears IRQ, data read clears RDRF', () => {
    const { wiring, channel, at, line } = harness('hi');
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000 });
    acia.reset();
    acia.write(ACIA6551_CONTROL, 0x1f);
    acia.write(ACIA6551_COMMAND, 0x09); // DTR, receive IRQ on (msbasic's $89 without parity bits)
    expect(acia.nextEventCycle()).toBe(0);
    acia.service(0);
    expect(line()).toBe(true);
    const status = acia.read(ACIA6551_STATUS);
    expect(status & (STATUS_RDRF | STATUS_IRQ)).toBe(STATUS_RDRF | STATUS_IRQ);
    expect(line()).toBe(false);
    expect(acia.read(ACIA6551_DATA)).toBe(0x68);
    // The next byte arrives one character time after the first, not before.
    expect(acia.nextEventCycle()).toBe(521);
    at(521);
    acia.service(521);
    expect(acia.read(ACIA6551_DATA)).toBe(0x69);
    at(1042);
    acia.service(1042);
    expect(acia.nextEventCycle()).toBe(1042 + IDLE_POLL_CYCLES); // nothing more: look again later
  });

  it('a programmed reset (write to status) clears command bits 0–4 and keeps control', () => {
    const { wiring, channel } = harness();
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000 });
    acia.reset();
    acia.write(ACIA6551_CONTROL, 0x1e);
    acia.write(ACIA6551_COMMAND, 0xeb);
    acia.write(ACIA6551_STATUS, 0x00);
    expect(acia.read(ACIA6551_COMMAND)).toBe(0xe0);
    expect(acia.read(ACIA6551_CONTROL)).toBe(0x1e);
  });

  it('with DTR off the receiver takes nothing', () => {
    const { wiring, channel } = harness('x');
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000 });
    acia.reset();
    expect(acia.read(ACIA6551_STATUS) & STATUS_RDRF).toBe(0);
    acia.write(ACIA6551_COMMAND, 0x0b);
    expect(acia.read(ACIA6551_STATUS) & STATUS_RDRF).toBe(STATUS_RDRF);
    expect(acia.peek(ACIA6551_DATA)).toBe(0x78);
  });
});

describe('6850 ACIA', () => {
  it('does nothing until a master reset is followed by a control word; then transmits and reports TDRE', () => {
    const { io, wiring, channel, at } = harness();
    const acia = new Acia6850(wiring, channel, 1_000_000);
    acia.reset();
    acia.write(ACIA6850_CONTROL_STATUS, 0x03); // master reset
    expect(acia.read(ACIA6850_CONTROL_STATUS)).toBe(0x00);
    acia.write(ACIA6850_DATA, 0x21);
    expect(io.text()).toBe(''); // ignored while in reset
    acia.write(ACIA6850_CONTROL_STATUS, 0x15); // ÷16 (115,200 baud), 8N1, RTS low, no interrupts
    expect(acia.read(ACIA6850_CONTROL_STATUS) & 0x02).toBe(0x02);
    acia.write(ACIA6850_DATA, 0x21);
    expect(io.text()).toBe('!');
    expect(acia.read(ACIA6850_CONTROL_STATUS) & 0x02).toBe(0x00);
    at(87); // 10 bits at 115,200 baud ≈ 86.8 µs
    expect(acia.read(ACIA6850_CONTROL_STATUS) & 0x02).toBe(0x02);
  });

  it('receive interrupts (control bit 7): IRQ and status bit 7 follow RDRF until the data is read', () => {
    const { wiring, channel, line } = harness('Q');
    const acia = new Acia6850(wiring, channel, 1_000_000);
    acia.reset();
    acia.write(ACIA6850_CONTROL_STATUS, 0x03);
    acia.write(ACIA6850_CONTROL_STATUS, 0x95);
    acia.service(0);
    expect(line()).toBe(true);
    expect(acia.read(ACIA6850_CONTROL_STATUS) & 0x81).toBe(0x81);
    expect(acia.read(ACIA6850_DATA)).toBe(0x51);
    expect(line()).toBe(false);
    expect(acia.read(ACIA6850_CONTROL_STATUS) & 0x81).toBe(0x00);
  });

  it('a transmit interrupt (control bits 5–6 = %01) is asserted while TDRE is set', () => {
    const { wiring, channel, at, line } = harness();
    const acia = new Acia6850(wiring, channel, 1_000_000);
    acia.reset();
    acia.write(ACIA6850_CONTROL_STATUS, 0x03);
    acia.write(ACIA6850_CONTROL_STATUS, 0x35);
    expect(line()).toBe(true);
    acia.write(ACIA6850_DATA, 0x41);
    expect(line()).toBe(false);
    at(87);
    acia.service(87);
    expect(line()).toBe(true);
  });
});

describe('6551 ACIA: overrun and echo', () => {
  it('with flow control (the default) a slow program never loses a byte and overrun stays 0', () => {
    const { wiring, channel, at } = harness('ABC');
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000 });
    acia.reset();
    acia.write(ACIA6551_CONTROL, 0x1f);
    acia.write(ACIA6551_COMMAND, 0x0b);
    let got = '';
    for (let look = 1; look <= 3; look++) {
      at(look * 100_000); // far slower than the line
      expect(acia.read(ACIA6551_STATUS) & (STATUS_RDRF | STATUS_OVERRUN)).toBe(STATUS_RDRF);
      got += String.fromCharCode(acia.read(ACIA6551_DATA));
    }
    expect(got).toBe('ABC');
  });

  it('without flow control, a byte that comes while RDRF is set is lost and sets overrun; reading data clears it', () => {
    const { wiring, channel, at } = harness('ABC');
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000, flowControl: false });
    acia.reset();
    acia.write(ACIA6551_CONTROL, 0x1f); // 521 cycles a character
    acia.write(ACIA6551_COMMAND, 0x0b);
    at(10);
    expect(acia.read(ACIA6551_STATUS) & (STATUS_RDRF | STATUS_OVERRUN)).toBe(STATUS_RDRF); // A has come
    at(10 + 2 * 521); // B and C came meanwhile: the register still held A
    expect(acia.read(ACIA6551_STATUS) & (STATUS_RDRF | STATUS_OVERRUN)).toBe(STATUS_RDRF | STATUS_OVERRUN);
    expect(acia.read(ACIA6551_DATA)).toBe(0x41); // the register keeps the byte that was there
    expect(acia.read(ACIA6551_STATUS) & (STATUS_RDRF | STATUS_OVERRUN)).toBe(0);
  });

  it('a programmed reset clears overrun', () => {
    const { wiring, channel, at } = harness('AB');
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000, flowControl: false });
    acia.reset();
    acia.write(ACIA6551_CONTROL, 0x1f);
    acia.write(ACIA6551_COMMAND, 0x0b);
    at(10);
    acia.read(ACIA6551_STATUS);
    at(2000);
    expect(acia.read(ACIA6551_STATUS) & STATUS_OVERRUN).toBe(STATUS_OVERRUN);
    acia.write(ACIA6551_STATUS, 0);
    expect(acia.read(ACIA6551_STATUS) & STATUS_OVERRUN).toBe(0);
  });

  it('echo mode (command bit 4, transmit control %00) sends every received byte back out', () => {
    const { io, wiring, channel, at } = harness('hi');
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000 });
    acia.reset();
    acia.write(ACIA6551_CONTROL, 0x1f);
    acia.write(ACIA6551_COMMAND, 0x13); // DTR, receive IRQ off, echo, transmit control %00
    at(10);
    acia.read(ACIA6551_STATUS);
    expect(acia.read(ACIA6551_DATA)).toBe(0x68);
    at(1000);
    acia.read(ACIA6551_STATUS);
    expect(acia.read(ACIA6551_DATA)).toBe(0x69);
    expect(io.text()).toBe('hi'); // echoed without the program writing
  });

  it('echo is off when transmit control is not %00', () => {
    const { io, wiring, channel, at } = harness('x');
    const acia = new Acia6551(wiring, channel, { cpuHz: 1_000_000 });
    acia.reset();
    acia.write(ACIA6551_COMMAND, 0x1b); // echo bit with transmit control %10
    at(10);
    acia.read(ACIA6551_STATUS);
    expect(acia.read(ACIA6551_DATA)).toBe(0x78);
    expect(io.text()).toBe('');
  });
});

describe('6850 ACIA: overrun', () => {
  it('without flow control, status bit 5 reports a lost byte until the data is read', () => {
    const { wiring, channel, at } = harness('AB');
    const acia = new Acia6850(wiring, channel, 1_000_000, false);
    acia.reset();
    acia.write(ACIA6850_CONTROL_STATUS, 0x03);
    acia.write(ACIA6850_CONTROL_STATUS, 0x15); // ÷16, 8N1
    at(10);
    expect(acia.read(ACIA6850_CONTROL_STATUS) & STATUS_6850_OVERRUN).toBe(0);
    at(100_000);
    expect(acia.read(ACIA6850_CONTROL_STATUS) & STATUS_6850_OVERRUN).toBe(STATUS_6850_OVERRUN);
    expect(acia.read(ACIA6850_DATA)).toBe(0x41);
    expect(acia.read(ACIA6850_CONTROL_STATUS) & STATUS_6850_OVERRUN).toBe(0);
  });
});
