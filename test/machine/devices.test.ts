// Each device on its own, without a CPU: registers, replayable input, timer arithmetic, random bytes, pixels.
import { describe, expect, it } from 'vitest';
import { ConsoleChannel } from '../../src/machine/console-channel.js';
import { CONSOLE_IN_OFFSET, CONSOLE_OUT_OFFSET, CONSOLE_STATUS_OFFSET, ConsoleDevice, INPUT_ENDED, INPUT_WAITING } from '../../src/machine/devices/console.js';
import { DISPLAY_WIDTH, PALETTE, displayView, pixelColour } from '../../src/machine/devices/display.js';
import { RandomByte } from '../../src/machine/devices/easy6502-inputs.js';
import { ExitPortDevice } from '../../src/machine/devices/exit-port.js';
import { TimerDevice } from '../../src/machine/devices/timer.js';
import { scriptedIo } from '../../src/machine/io.js';

describe('ConsoleDevice', () => {
  it('logs each input byte with the cycle it was first seen, and replays it only from that cycle on', () => {
    let cycle = 100;
    const io = scriptedIo('AB');
    const channel = new ConsoleChannel(io, () => cycle);
    const device = new ConsoleDevice(channel);
    expect(device.read(CONSOLE_IN_OFFSET)).toBe(0x41); // logged at cycle 100
    const afterA = channel.saveState();
    cycle = 200;
    expect(device.read(CONSOLE_IN_OFFSET)).toBe(0x42); // logged at cycle 200

    // Rewind to just after 'A' was read, but at cycle 150: 'B' has not "arrived" yet.
    channel.restoreState(afterA);
    cycle = 150;
    expect(device.read(CONSOLE_IN_OFFSET)).toBe(0x00);
    cycle = 200;
    expect(device.read(CONSOLE_IN_OFFSET)).toBe(0x42);
    expect(channel.inputLog()).toEqual([0x41, 0x42]); // the host was asked only twice
  });

  it('status says waiting, then ended once the host’s input is over and read', () => {
    const cycle = 0;
    const io = scriptedIo('Z', { ended: true });
    const device = new ConsoleDevice(new ConsoleChannel(io, () => cycle));
    expect(device.read(CONSOLE_STATUS_OFFSET)).toBe(INPUT_WAITING);
    expect(device.read(CONSOLE_IN_OFFSET)).toBe(0x5a);
    expect(device.read(CONSOLE_STATUS_OFFSET)).toBe(INPUT_ENDED);
  });

  it('counts output bytes for the debugger and passes them to the host', () => {
    const io = scriptedIo();
    const channel = new ConsoleChannel(io, () => 0);
    const device = new ConsoleDevice(channel);
    device.write(CONSOLE_OUT_OFFSET, 0x68);
    device.write(CONSOLE_OUT_OFFSET, 0x169); // only the low byte is a byte
    expect(io.text()).toBe('hi');
    expect(channel.saveState().outputCount).toBe(2);
  });
});

describe('TimerDevice', () => {
  function timer(start = 0) {
    let now = start;
    let irq = false;
    let reschedules = 0;
    const device = new TimerDevice({
      clock: () => now,
      setInterrupt: (asserted) => {
        irq = asserted;
      },
      reschedule: () => void reschedules++,
    });
    return {
      device,
      at: (cycle: number) => {
        now = cycle;
      },
      irq: () => irq,
      reschedules: () => reschedules,
    };
  }

  it('a period of $0000 means 65,536 cycles', () => {
    const { device, at } = timer();
    device.write(0, 0);
    device.write(1, 0);
    at(10);
    device.write(2, 0x01);
    expect(device.nextEventCycle()).toBe(10 + 65_536);
  });

  it('writing control restarts the count from now and asks the machine to reschedule', () => {
    const { device, at, reschedules } = timer();
    device.write(0, 100);
    at(1_000);
    device.write(2, 0x03);
    expect(device.nextEventCycle()).toBe(1_100);
    expect(reschedules()).toBe(1);
  });

  it('fires on schedule without drift, raising IRQ until acknowledged', () => {
    const { device, at, irq } = timer();
    device.write(0, 100);
    device.write(2, 0x03);
    device.service(103); // serviced a few cycles late, as at an instruction boundary
    expect(irq()).toBe(true);
    expect(device.peek(3)).toBe(0x80);
    expect(device.nextEventCycle()).toBe(200); // the next period counts from 100, not from 103
    at(104);
    device.write(3, 0);
    expect(irq()).toBe(false);
  });

  it('fires without IRQ when only bit 0 is set, and stops when control is cleared', () => {
    const { device, irq } = timer();
    device.write(0, 10);
    device.write(2, 0x01);
    device.service(10);
    expect(device.peek(3)).toBe(0x80);
    expect(irq()).toBe(false);
    device.write(2, 0x00);
    expect(device.nextEventCycle()).toBe(Infinity);
  });
});

describe('ExitPortDevice', () => {
  it('remembers the value written and asks for the run to stop', () => {
    let stops = 0;
    const port = new ExitPortDevice({ requestStop: () => void stops++ });
    port.write(0, 0x103);
    expect(port.exitCode).toBe(3);
    expect(stops).toBe(1);
    port.reset();
    expect(port.exitCode).toBeUndefined();
  });
});

describe('RandomByte', () => {
  it('repeats its sequence from the same seed and after reset', () => {
    const memory = new Uint8Array(0x100);
    const random = new RandomByte(1234);
    const first: number[] = [];
    for (let index = 0; index < 20; index++) {
      random.refresh(memory);
      first.push(memory[0xfe]!);
    }
    random.reset();
    const again: number[] = [];
    for (let index = 0; index < 20; index++) {
      random.refresh(memory);
      again.push(memory[0xfe]!);
    }
    expect(again).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(10);
  });

  it('restores a saved generator state', () => {
    const memory = new Uint8Array(0x100);
    const random = new RandomByte();
    random.refresh(memory);
    const saved = random.saveState();
    random.refresh(memory);
    const next = memory[0xfe];
    random.restoreState(saved);
    random.refresh(memory);
    expect(memory[0xfe]).toBe(next);
  });
});

describe('display', () => {
  it('reads pixels row by row from $0200, low nibble as the colour', () => {
    const memory = new Uint8Array(0x10000);
    memory[0x0200 + 3 * DISPLAY_WIDTH + 5] = 0xf7; // row 3, column 5: high nibble ignored
    expect(pixelColour(memory, 5, 3)).toBe(7);
    expect(PALETTE[7]!.name).toBe('yellow');
    expect(displayView(memory).length).toBe(1024);
    expect(displayView(memory)[3 * DISPLAY_WIDTH + 5]).toBe(0xf7);
  });
});
