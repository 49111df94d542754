/**
 * Machine files: a machine described in TOML (docs/machine.md has the format), read with toml-eslint-parser,
 * whose syntax tree keeps every key's line and column, so every problem, from a TOML syntax error to a
 * device overlapping another, is reported at its place in the file. All problems are collected, not only
 * the first. The result is the same {@link MachineDescription} a preset is.
 */
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';
import type {
  ConsoleDescription,
  CpuVariant,
  DeviceDescription,
  DeviceOptions,
  DeviceType,
  InterruptWiring,
  MachineDescription,
  RegionDescription,
  ResetRule,
  SourcePlace,
} from './description.js';
import { CPU_VARIANTS, DEVICE_TYPES } from './description.js';
import { variantNamed } from '../cpu/variants.js';
import { DEFAULT_LOAD_ADDRESS } from './memory-map.js';
import { IDLE_STOP_CYCLES } from './presets.js';
import { hexWord, parseNumber } from '../shared/hex.js';

/** One problem in a machine file, shaped like the assembler's diagnostics so the CLI prints both alike. */
export interface MachineFileProblem {
  readonly severity: 'error';
  readonly message: string;
  readonly location: SourcePlace;
  readonly length: number;
  readonly sourceLine: string | undefined;
}

export type MachineFileResult =
  | { readonly ok: true; readonly description: MachineDescription }
  | { readonly ok: false; readonly problems: readonly MachineFileProblem[] };

/** Registers each device type answers, for overlap checks before any device is built. */
const DEVICE_SIZES: Readonly<Record<DeviceType, number>> = {
  console: 5,
  'exit-port': 1,
  timer: 4,
  acia6551: 4,
  acia6850: 2,
  pia6821: 4,
  via6522: 16,
  hd44780: 0,
  'interrupt-feedback': 1,
};

const TOP_KEYS = ['name', 'description', 'cpu', 'start', 'load', 'random_byte', 'display', 'memory', 'device', 'console'];
const MEMORY_KEYS = ['kind', 'start', 'end', 'image', 'of'];
const DEVICE_KEYS = ['name', 'type', 'base', 'interrupt', 'wdc_transmit_bug', 'flow_control', 'wiring', 'via', 'bus', 'irq_bit', 'nmi_bit'];
const CONSOLE_KEYS = ['device', 'newline', 'uppercase_input', 'strip_output_bit7', 'idle_stop_cycles'];

type Table = Record<string, unknown>;

/** Reads machine file text. `file` names it in problems (and ROM image paths are relative to its folder, by the caller). */
export function parseMachineFile(text: string, file: string): MachineFileResult {
  const lines = text.split(/\r?\n/);
  const problems: MachineFileProblem[] = [];
  const places = new Map<string, { line: number; column: number; length: number }>();
  const problem = (path: string, message: string): void => {
    const place = places.get(path) ?? places.get(path.split('/').slice(0, -1).join('/')) ?? { line: 1, column: 1, length: 1 };
    problems.push({
      severity: 'error',
      message,
      location: { file, line: place.line, column: place.column },
      length: place.length,
      sourceLine: lines[place.line - 1],
    });
  };

  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(text);
  } catch (error) {
    const located = error as { lineNumber?: number; column?: number; message?: string };
    const line = located.lineNumber ?? 1;
    const column = (located.column ?? 0) + 1;
    return {
      ok: false,
      problems: [{ severity: 'error', message: `not valid TOML: ${located.message ?? String(error)}`, location: { file, line, column }, length: 1, sourceLine: lines[line - 1] }],
    };
  }
  collectPlaces(ast, places);
  const root = getStaticTOMLValue(ast) as Table;
  const placeOf = (path: string): SourcePlace => {
    const place = places.get(path) ?? { line: 1, column: 1 };
    return { file, line: place.line, column: place.column };
  };

  unknownKeys(root, TOP_KEYS, '', problem);
  const name = optionalString(root, 'name', '', problem) ?? file.replace(/^.*[\\/]/, '').replace(/\.toml$/i, '');
  const summary = optionalString(root, 'description', '', problem) ?? `machine file ${file}`;
  const cpu = cpuOf(root, problem);
  const load = optionalAddress(root, 'load', '', problem) ?? DEFAULT_LOAD_ADDRESS;
  const display = optionalAddress(root, 'display', '', problem);
  const randomByte = (oneOf(root, 'random_byte', '', ['none', 'periodic', 'instruction'], problem) ?? 'none') as MachineDescription['randomByte'];
  let reset: ResetRule = { kind: 'vector' };
  if (root['start'] !== undefined && root['start'] !== 'vector') {
    const address = optionalAddress(root, 'start', '', problem);
    if (address !== undefined) reset = { kind: 'address', address };
  }

  const regions: RegionDescription[] = [];
  tablesOf(root, 'memory', problem).forEach((table, index) => {
    const path = `memory/${index}`;
    unknownKeys(table, MEMORY_KEYS, path, problem);
    const kind = oneOf(table, 'kind', path, ['ram', 'rom', 'mirror', 'unmapped'], problem, true);
    const start = optionalAddress(table, 'start', path, problem, true);
    const end = optionalAddress(table, 'end', path, problem, true);
    if (kind === undefined || start === undefined || end === undefined) return;
    if (end < start) {
      problem(`${path}/end`, `end ${hexWord(end)} is before start ${hexWord(start)}`);
      return;
    }
    if (kind === 'rom') {
      const image = optionalString(table, 'image', path, problem);
      regions.push({ kind, start, end, ...(image === undefined ? {} : { image: { path: image, where: placeOf(`${path}/image`) } }) });
    } else if (kind === 'mirror') {
      const of = optionalAddress(table, 'of', path, problem, true);
      if (of === undefined) return;
      if (of >= start) problem(`${path}/of`, `a mirror repeats the addresses from "of" up to its start, so "of" (${hexWord(of)}) must be below start (${hexWord(start)})`);
      else regions.push({ kind, start, end, of });
    } else {
      if (table['image'] !== undefined) problem(`${path}/image`, 'only ROM regions take an image');
      regions.push({ kind, start, end } as RegionDescription);
    }
  });

  const devices: DeviceDescription[] = [];
  tablesOf(root, 'device', problem).forEach((table, index) => {
    const path = `device/${index}`;
    unknownKeys(table, DEVICE_KEYS, path, problem);
    const type = oneOf(table, 'type', path, DEVICE_TYPES, problem, true) as DeviceType | undefined;
    if (type === undefined) return;
    const deviceName = optionalString(table, 'name', path, problem) ?? type;
    if (devices.some((other) => other.name === deviceName)) problem(`${path}/name`, `two devices are named "${deviceName}"; give each its own name`);
    const base = type === 'hd44780' ? undefined : optionalAddress(table, 'base', path, problem, true);
    if (type !== 'hd44780' && base === undefined) return;
    const interrupt = (oneOf(table, 'interrupt', path, ['irq', 'nmi', 'none'], problem) ?? 'none') as InterruptWiring;
    const options: { -readonly [K in keyof DeviceOptions]: DeviceOptions[K] } = {};
    const bug = optionalBoolean(table, 'wdc_transmit_bug', path, problem);
    if (bug !== undefined) options.wdcTransmitBug = bug;
    const flow = optionalBoolean(table, 'flow_control', path, problem);
    if (flow !== undefined) options.flowControl = flow;
    const wiring = oneOf(table, 'wiring', path, ['apple1'], problem);
    if (wiring !== undefined) options.wiring = 'apple1';
    const via = optionalString(table, 'via', path, problem);
    if (via !== undefined) options.via = via;
    const bus = oneOf(table, 'bus', path, ['eater-4bit', 'eater-8bit'], problem);
    if (bus !== undefined) options.bus = bus as DeviceOptions['bus'];
    const irqBit = optionalBit(table, 'irq_bit', path, problem);
    if (irqBit !== undefined) options.irqBit = irqBit;
    const nmiBit = optionalBit(table, 'nmi_bit', path, problem);
    if (nmiBit !== undefined) options.nmiBit = nmiBit;
    const size = DEVICE_SIZES[type];
    if (base !== undefined && base + size > 0x10000) problem(`${path}/base`, `a ${type} has ${size} registers; at ${hexWord(base)} they would run past $FFFF`);
    devices.push({ name: deviceName, type, base, interrupt, options, where: placeOf(`${path}/type`) });
  });

  // Devices must not share addresses, and an LCD must hang on a VIA that exists.
  devices.forEach((device, index) => {
    if (device.type === 'hd44780') {
      const via = devices.find((other) => other.name === (device.options.via ?? 'via'));
      if (via === undefined || via.type !== 'via6522') problem(`device/${index}/via`, `the LCD hangs on a VIA's ports: name a via6522 device with via = "NAME"`);
      return;
    }
    const start = device.base!;
    const end = start + DEVICE_SIZES[device.type] - 1;
    devices.slice(0, index).forEach((other) => {
      if (other.base === undefined) return;
      const otherEnd = other.base + DEVICE_SIZES[other.type] - 1;
      if (start <= otherEnd && other.base <= end) {
        problem(`device/${index}/base`, `"${device.name}" at ${hexWord(start)}-${hexWord(end)} overlaps "${other.name}" at ${hexWord(other.base)}-${hexWord(otherEnd)}`);
      }
    });
  });

  let console: ConsoleDescription = { device: undefined, newline: 'lf', uppercaseInput: false, stripOutputBit7: false, idleStopCycles: undefined };
  const consoleTable = root['console'];
  if (consoleTable !== undefined) {
    if (!isTable(consoleTable)) problem('console', '[console] must be a table');
    else {
      unknownKeys(consoleTable, CONSOLE_KEYS, 'console', problem);
      const deviceName = optionalString(consoleTable, 'device', 'console', problem);
      if (deviceName !== undefined) {
        const target = devices.find((device) => device.name === deviceName);
        if (target === undefined) problem('console/device', `no device is named "${deviceName}"`);
        else if (!['console', 'acia6551', 'acia6850', 'pia6821'].includes(target.type)) {
          problem('console/device', `a ${target.type} cannot be the console; use a console, acia6551, acia6850 or pia6821 device`);
        }
      }
      const newline = (oneOf(consoleTable, 'newline', 'console', ['lf', 'cr'], problem) ?? 'lf') as 'lf' | 'cr';
      const idle = optionalCount(consoleTable, 'idle_stop_cycles', 'console', problem);
      console = {
        device: deviceName,
        newline,
        uppercaseInput: optionalBoolean(consoleTable, 'uppercase_input', 'console', problem) ?? false,
        stripOutputBit7: optionalBoolean(consoleTable, 'strip_output_bit7', 'console', problem) ?? false,
        idleStopCycles: idle ?? (newline === 'cr' ? IDLE_STOP_CYCLES : undefined),
      };
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    description: { name, description: summary, cpu, regions, devices, console, reset, defaultLoadAddress: load, randomByte, display, file },
  };
}

type Report = (path: string, message: string) => void;

/** Records where each key's value (and each table) starts, under paths like `device/2/base`. */
function collectPlaces(ast: AST.TOMLProgram, places: Map<string, { line: number; column: number; length: number }>): void {
  const top = ast.body[0];
  if (top === undefined) return;
  const record = (path: string, node: { loc: AST.SourceLocation }): void => {
    const { start, end } = node.loc;
    const length = start.line === end.line ? Math.max(1, end.column - start.column) : 1;
    places.set(path, { line: start.line, column: start.column + 1, length });
  };
  const keyValues = (prefix: string, body: readonly AST.TOMLKeyValue[]): void => {
    for (const keyValue of body) {
      const key = keyValue.key.keys.map((part) => (part.type === 'TOMLBare' ? part.name : part.value)).join('.');
      record(prefix === '' ? key : `${prefix}/${key}`, keyValue.value);
    }
  };
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') keyValues('', [item]);
    else {
      const path = item.resolvedKey.join('/');
      record(path, item);
      keyValues(path, item.body);
    }
  }
}

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tablesOf(root: Table, key: string, problem: Report): Table[] {
  const value = root[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isTable)) {
    problem(key, `write each ${key} as its own [[${key}]] table`);
    return [];
  }
  return value;
}

function unknownKeys(table: Table, known: readonly string[], path: string, problem: Report): void {
  for (const key of Object.keys(table)) {
    if (!known.includes(key)) problem(join(path, key), `unknown key "${key}" (known here: ${known.join(', ')})`);
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}/${key}`;
}

function optionalString(table: Table, key: string, path: string, problem: Report): string | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    problem(join(path, key), `"${key}" must be a string in quotes`);
    return undefined;
  }
  return value;
}

function optionalBoolean(table: Table, key: string, path: string, problem: Report): boolean | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    problem(join(path, key), `"${key}" must be true or false`);
    return undefined;
  }
  return value;
}

function oneOf(table: Table, key: string, path: string, choices: readonly string[], problem: Report, required = false): string | undefined {
  const value = table[key];
  if (value === undefined) {
    if (required) problem(path, `missing "${key}" (one of ${choices.join(', ')})`);
    return undefined;
  }
  if (typeof value !== 'string' || !choices.includes(value)) {
    problem(join(path, key), `"${key}" must be one of ${choices.map((choice) => `"${choice}"`).join(', ')}`);
    return undefined;
  }
  return value;
}

/** The `cpu` key: a variant's name in any case (`"65C02"` as the chip is printed), 6502 when absent. */
function cpuOf(table: Table, problem: Report): CpuVariant {
  const value = table['cpu'];
  if (value === undefined) return '6502';
  const variant = typeof value === 'string' ? variantNamed(value) : undefined;
  if (variant === undefined) problem('cpu', `"cpu" must be one of ${CPU_VARIANTS.map((choice) => `"${choice}"`).join(', ')}`);
  return variant ?? '6502';
}

/** A number as TOML writes it (0x6000, 24576) or as 6502 people do ("$6000"). */
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return parseNumber(value);
  return undefined;
}

function optionalAddress(table: Table, key: string, path: string, problem: Report, required = false): number | undefined {
  const value = table[key];
  if (value === undefined) {
    if (required) problem(path, `missing "${key}" (an address such as 0x6000 or "$6000")`);
    return undefined;
  }
  const number = numberOf(value);
  if (number === undefined || number < 0 || number > 0xffff) {
    problem(join(path, key), `"${key}" must be an address from $0000 to $FFFF (0x6000 or "$6000")`);
    return undefined;
  }
  return number;
}

function optionalBit(table: Table, key: string, path: string, problem: Report): number | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  const number = numberOf(value);
  if (number === undefined || number < 0 || number > 7) {
    problem(join(path, key), `"${key}" must be a bit number from 0 to 7`);
    return undefined;
  }
  return number;
}

function optionalCount(table: Table, key: string, path: string, problem: Report): number | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  const number = numberOf(value);
  if (number === undefined || number < 1) {
    problem(join(path, key), `"${key}" must be a positive whole number`);
    return undefined;
  }
  return number;
}
