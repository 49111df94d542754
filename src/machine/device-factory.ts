/**
 * Turns a description's device list into working devices: each chip constructed with its wiring (its slot's
 * IRQ bit or NMI edge, or nothing), the console channel given to the device the description names, and
 * peripherals (an LCD) hung on the ports of the chip they name.
 */
import type { ConsoleChannel } from './console-channel.js';
import type { DeviceDescription, MachineDescription } from './description.js';
import type { Device, DeviceWiring } from './devices/device.js';
import { Acia6551 } from './devices/acia-6551.js';
import { Acia6850 } from './devices/acia-6850.js';
import { Apple1Terminal } from './devices/apple1-terminal.js';
import { ConsoleDevice } from './devices/console.js';
import { ExitPortDevice } from './devices/exit-port.js';
import { InterruptFeedback } from './devices/interrupt-feedback.js';
import { Hd44780 } from './devices/lcd-hd44780.js';
import { Pia6821 } from './devices/pia-6821.js';
import { TimerDevice } from './devices/timer.js';
import { Via6522 } from './devices/via-6522.js';

/** What the machine lends the factory. */
export interface FactoryContext {
  clock(): number;
  cpuHz: number;
  channel: ConsoleChannel;
  requestStop(): void;
  reschedule(): void;
  setIrq(slot: number, asserted: boolean): void;
  setNmi(slot: number, asserted: boolean): void;
}

export interface BuiltDevices {
  /** One entry per description device; undefined for those with no bus registers (an LCD). */
  readonly devices: (Device | undefined)[];
  readonly exitPorts: ExitPortDevice[];
  readonly lcds: Hd44780[];
}

export function buildDevices(description: MachineDescription, context: FactoryContext): BuiltDevices {
  const built: BuiltDevices = { devices: [], exitPorts: [], lcds: [] };
  description.devices.forEach((entry, slot) => {
    const channel = description.console.device === entry.name ? context.channel : undefined;
    built.devices.push(createDevice(entry, wiringFor(entry, slot, context), channel, context, slot, built));
  });
  // Peripherals last: they hang on chips built above.
  description.devices.forEach((entry) => {
    if (entry.type !== 'hd44780') return;
    const lcd = new Hd44780(context, entry.options.bus ?? 'eater-4bit', context.cpuHz / 1_000_000);
    const viaSlot = description.devices.findIndex((other) => other.name === entry.options.via);
    const via = built.devices[viaSlot];
    if (via instanceof Via6522) lcd.attach(via);
    built.lcds.push(lcd);
  });
  return built;
}

function wiringFor(entry: DeviceDescription, slot: number, context: FactoryContext): DeviceWiring {
  const setInterrupt =
    entry.interrupt === 'irq'
      ? (asserted: boolean) => context.setIrq(slot, asserted)
      : entry.interrupt === 'nmi'
        ? (asserted: boolean) => context.setNmi(slot, asserted)
        : () => {};
  return { clock: context.clock, setInterrupt, reschedule: context.reschedule, requestStop: context.requestStop };
}

function createDevice(
  entry: DeviceDescription,
  wiring: DeviceWiring,
  channel: ConsoleChannel | undefined,
  context: FactoryContext,
  slot: number,
  built: BuiltDevices,
): Device | undefined {
  switch (entry.type) {
    case 'console':
      return new ConsoleDevice(channel ?? context.channel);
    case 'exit-port': {
      const exitPort = new ExitPortDevice(wiring);
      built.exitPorts.push(exitPort);
      return exitPort;
    }
    case 'timer':
      return new TimerDevice(wiring);
    case 'acia6551':
      return new Acia6551(wiring, channel, { cpuHz: context.cpuHz, wdcTransmitBug: entry.options.wdcTransmitBug ?? false, flowControl: entry.options.flowControl ?? true });
    case 'acia6850':
      return new Acia6850(wiring, channel, context.cpuHz, entry.options.flowControl ?? true);
    case 'pia6821': {
      const pia = new Pia6821(wiring);
      if (entry.options.wiring === 'apple1') pia.peripheral = new Apple1Terminal(channel);
      return pia;
    }
    case 'via6522':
      return new Via6522(wiring);
    case 'interrupt-feedback':
      // Both of its bits are wired straight to the CPU's pins, whatever `interrupt` says.
      return new InterruptFeedback(
        { setIrq: (asserted) => context.setIrq(slot, asserted), setNmi: (asserted) => context.setNmi(slot, asserted) },
        entry.options.irqBit ?? 0,
        entry.options.nmiBit ?? 1,
      );
    case 'hd44780':
      return undefined;
  }
}
