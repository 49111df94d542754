/**
 * The WebAssembly core's JavaScript side: one wasm instance per Cpu, whose linear memory holds the CPU's
 * 64 KiB of RAM and its page-hook tables, so cpu.memory, the debugger, the TUI and the devices all look at
 * the very bytes the wasm loop reads and writes. The loop itself is generated from execute.ts (see
 * scripts/generate-wasm-core.ts and docs/cpu.md); registers cross over only when a run starts and stops,
 * and around the calls it makes back into TypeScript for hooked pages (devices, ROM, watchpoints).
 * No Node APIs here: browsers load it too (they must `await prepareWasmCore()` first, see below).
 */
import type { Cpu, PeriodicPoke, StopReason } from '../cpu.js';
import { CPU_VARIANTS, type CpuVariant } from '../variants.js';
import { WASM_CORES } from './wasm-core.generated.js';

/** Where things live in the wasm memory: RAM first, so a CPU address is a wasm address. */
export const WASM_LAYOUT = {
  /** 64 KiB of RAM at wasm address 0. */
  memory: 0x0000,
  /** cpu.readHooks: 256 page flags. */
  readHooks: 0x10000,
  /** cpu.writeHooks: 256 page flags. */
  writeHooks: 0x10100,
  /** The state block: one f64 per entry of WASM_STATE, for the crossings at run start/stop and around calls. */
  state: 0x10200,
  /** The coming values of a periodic poke (Cpu.periodicPoke), at most `pokeCapacity` of them. */
  pokes: 0x10300,
  pokeCapacity: 256,
  /** Where the compiler may put its own constant data (the cycle table). */
  data: 0x10400,
  /** Two 64 KiB wasm pages in all; the memory never grows, so views on it stay valid. */
  pages: 2,
} as const;

/**
 * The CPU state the wasm loop keeps, in state-block order, with its wasm type. The generator declares one
 * wasm global per entry and reads and writes the block in this order; the functions below do the same on
 * this side. `brkStops` stands for cpu.options.brk === 'stop'.
 */
export const WASM_STATE = [
  ['a', 'i32'], ['x', 'i32'], ['y', 'i32'], ['sp', 'i32'], ['p', 'i32'], ['pc', 'i32'],
  ['cycles', 'f64'], ['instructions', 'f64'], ['instructionStart', 'i32'], ['runLimit', 'f64'],
  ['nmiPending', 'bool'], ['irqDelayed', 'bool'], ['irqHeldBack', 'bool'], ['stopRequested', 'bool'], ['irqLine', 'i32'],
  ['jammed', 'bool'], ['stopReason', 'i32'], ['detectTraps', 'bool'], ['brkStops', 'bool'], ['waiting', 'bool'],
  // The periodic poke (Cpu.periodicPoke): where, how often (0: none), when next, values in the queue, values used.
  ['pokeAddress', 'i32'], ['pokePeriod', 'f64'], ['pokeNext', 'f64'], ['pokesLeft', 'i32'], ['pokesUsed', 'i32'],
] as const;

/** The entries a call back into TypeScript may change (a device raising NMI/IRQ or asking for a stop). */
export const WASM_EVENTS = ['runLimit', 'nmiPending', 'stopRequested', 'irqLine'] as const;

type StateName = (typeof WASM_STATE)[number][0];
const SLOT = Object.fromEntries(WASM_STATE.map(([name], index) => [name, index])) as Record<StateName, number>;

/** How far past its budget a run can go: an instruction (or interrupt entry) that began before the end, and ends after it. */
const MAX_OVERRUN_CYCLES = 8;

/** Why a run stopped, as the wasm loop returns it: the index in this list. */
export const STOP_REASONS: readonly StopReason[] = ['budget', 'stop-requested', 'brk', 'jam', 'trap', 'undocumented', 'breakpoint'];

interface WasmExports {
  readonly memory: WebAssembly.Memory;
  readonly run: (budget: number) => number;
}

/** Each variant's module, compiled once per process (by prepareWasmCore, or on its first Cpu). */
const compiled = new Map<CpuVariant, WebAssembly.Module>();

const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** What Node's Buffer offers (browsers have none): base64 decoded natively. */
interface NodeBuffer {
  from(text: string, encoding: 'base64'): Uint8Array<ArrayBuffer>;
}

/**
 * Base64 to bytes: Node's Buffer where there is one (0.1 ms for a core, cold), else a loop over a table
 * (~2 ms cold; atob, 5-15 ms on Node 20, is slower still).
 */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  if (buffer !== undefined) return buffer.from(text, 'base64');
  const values = new Uint8Array(128);
  for (let digit = 0; digit < 64; digit++) values[BASE64_DIGITS.charCodeAt(digit)] = digit;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let index = 0; index < text.length; index += 4) {
    const group =
      (values[text.charCodeAt(index)]! << 18) |
      (values[text.charCodeAt(index + 1)]! << 12) |
      (values[text.charCodeAt(index + 2)]! << 6) |
      values[text.charCodeAt(index + 3)]!;
    if (out < bytes.length) bytes[out++] = group >>> 16;
    if (out < bytes.length) bytes[out++] = (group >>> 8) & 0xff;
    if (out < bytes.length) bytes[out++] = group & 0xff;
  }
  return bytes;
}

/**
 * Compiles the core ahead of use. Node compiles it on first use by itself; browsers refuse to compile a
 * module of this size synchronously on their main thread, so a page awaits this before making a wasm Cpu.
 */
export async function prepareWasmCore(variants: readonly CpuVariant[] = CPU_VARIANTS): Promise<void> {
  await Promise.all(
    variants.map(async (variant) => {
      if (!compiled.has(variant)) compiled.set(variant, await WebAssembly.compile(decodeBase64(WASM_CORES[variant])));
    }),
  );
}

function wasmModule(variant: CpuVariant): WebAssembly.Module {
  let module = compiled.get(variant);
  if (module === undefined) {
    module = new WebAssembly.Module(decodeBase64(WASM_CORES[variant]));
    compiled.set(variant, module);
  }
  return module;
}

/**
 * Compiles `variant`'s module now, if not yet, and calls its loop once for no cycles on a scratch instance, so
 * V8 compiles the loop function at once (the code is shared by every instance of the module). A one-shot run
 * calls this first thing, with V8 told to optimize every function as soon as it is compiled, so that the
 * optimizing compile runs in the background while the run is still starting (src/cli/wasm-early.ts).
 */
export function compileWasmLoopNow(variant: CpuVariant): void {
  if (compiled.has(variant)) return; // compiled already, with the tiering it was made with (bin/moth.js makes the 6502's)
  const scratch = new WebAssembly.Instance(wasmModule(variant), { moth: { read: () => 0, write: () => undefined } });
  (scratch.exports as unknown as WasmExports).run(0);
}

/**
 * Takes `variant`'s module compiled elsewhere from the same bytes: bin/moth.js compiles the 6502's from the
 * build's copy (dist/src/cli/core-6502.wasm) before it loads the command line, so V8's optimizing compile of
 * the loop overlaps that load (src/cli/wasm-early.ts says why). Ignored when the variant is compiled already.
 */
export function adoptCompiledWasmCore(variant: CpuVariant, module: WebAssembly.Module): void {
  if (!compiled.has(variant)) compiled.set(variant, module);
}

const available = new Map<CpuVariant, boolean>();

/**
 * Whether a wasm Cpu of `variant` can be made now: always in Node; in a browser once prepareWasmCore() has
 * finished (its main thread refuses to compile the module synchronously). Machines use the wasm core when it can.
 */
export function wasmCoreAvailable(variant: CpuVariant = '6502'): boolean {
  let answer = available.get(variant);
  if (answer === undefined || (!answer && compiled.has(variant))) {
    try {
      answer = typeof WebAssembly === 'object' && wasmModule(variant) !== undefined;
    } catch {
      answer = false;
    }
    available.set(variant, answer);
  }
  return answer;
}

/** One CPU's wasm instance: its memory views and its run loop. */
export class WasmCore {
  readonly memory: Uint8Array;
  readonly readHooks: Uint8Array;
  readonly writeHooks: Uint8Array;
  private readonly state: Float64Array;
  private readonly pokeQueue: Uint8Array;
  private readonly runWasm: (budget: number) => number;

  constructor(private readonly cpu: Cpu) {
    const imports = {
      moth: {
        read: (address: number): number => {
          this.stateToCpu();
          const value = cpu.bus.read(address);
          this.eventsToState();
          return value;
        },
        write: (address: number, value: number): void => {
          this.stateToCpu();
          cpu.bus.write(address, value);
          this.eventsToState();
        },
      },
    };
    const exports = new WebAssembly.Instance(wasmModule(cpu.variant), imports).exports as unknown as WasmExports;
    const buffer = exports.memory.buffer;
    this.memory = new Uint8Array(buffer, WASM_LAYOUT.memory, 0x10000);
    this.readHooks = new Uint8Array(buffer, WASM_LAYOUT.readHooks, 256);
    this.writeHooks = new Uint8Array(buffer, WASM_LAYOUT.writeHooks, 256);
    this.state = new Float64Array(buffer, WASM_LAYOUT.state, WASM_STATE.length);
    this.pokeQueue = new Uint8Array(buffer, WASM_LAYOUT.pokes, WASM_LAYOUT.pokeCapacity);
    this.runWasm = exports.run;
  }

  /** The wasm loop's run: as execute.ts runLean, on the same memory; returns why it stopped. */
  run(budget: number): StopReason {
    const cpu = this.cpu;
    const state = this.state;
    state[SLOT.a] = cpu.a;
    state[SLOT.x] = cpu.x;
    state[SLOT.y] = cpu.y;
    state[SLOT.sp] = cpu.sp;
    state[SLOT.p] = cpu.p;
    state[SLOT.pc] = cpu.pc;
    state[SLOT.cycles] = cpu.cycles;
    state[SLOT.instructions] = cpu.instructions;
    state[SLOT.instructionStart] = cpu.instructionStart;
    state[SLOT.irqDelayed] = cpu.irqDelayed ? 1 : 0;
    state[SLOT.jammed] = cpu.jammed ? 1 : 0;
    state[SLOT.detectTraps] = cpu.options.detectTraps ? 1 : 0;
    state[SLOT.brkStops] = cpu.options.brk === 'stop' ? 1 : 0;
    state[SLOT.waiting] = cpu.waiting ? 1 : 0;
    this.eventsToState();
    const poke = cpu.periodicPoke;
    if (poke !== undefined) this.pokesToState(poke, budget);
    const reason = STOP_REASONS[this.runWasm(budget)]!;
    if (poke !== undefined) this.pokesFromState(poke);
    this.stateToCpu();
    cpu.irqDelayed = state[SLOT.irqDelayed] !== 0;
    cpu.jammed = state[SLOT.jammed] !== 0;
    cpu.waiting = state[SLOT.waiting] !== 0;
    cpu.stopReason = reason;
    return reason;
  }

  /**
   * Queues the values of the pokes a run of `budget` cycles can make (those due up to its end, plus one for an
   * instruction running past it), without using them up: only the ones the loop makes are taken afterwards.
   */
  private pokesToState(poke: PeriodicPoke, budget: number): void {
    const state = this.state;
    const last = this.cpu.cycles + budget + MAX_OVERRUN_CYCLES;
    const count = poke.next > last ? 0 : Math.min(WASM_LAYOUT.pokeCapacity, Math.floor((last - poke.next) / poke.period) + 1);
    if (count > 0) poke.peek(this.pokeQueue.subarray(0, count));
    state[SLOT.pokeAddress] = poke.address;
    state[SLOT.pokePeriod] = count > 0 ? poke.period : 0; // none due in this run: no stops for them either
    state[SLOT.pokeNext] = poke.next;
    state[SLOT.pokesLeft] = count;
    state[SLOT.pokesUsed] = 0;
  }

  /** Takes the values the loop poked, and the cycle of the next poke. */
  private pokesFromState(poke: PeriodicPoke): void {
    const used = this.state[SLOT.pokesUsed]!;
    if (used > 0) poke.take(used);
    poke.next = this.state[SLOT.pokeNext]!;
    this.state[SLOT.pokePeriod] = 0; // no pokes in a run that has none
  }

  /** Registers, counters and pending events from the state block to the Cpu object. */
  private stateToCpu(): void {
    const cpu = this.cpu;
    const state = this.state;
    cpu.a = state[SLOT.a]!;
    cpu.x = state[SLOT.x]!;
    cpu.y = state[SLOT.y]!;
    cpu.sp = state[SLOT.sp]!;
    cpu.p = state[SLOT.p]!;
    cpu.pc = state[SLOT.pc]!;
    cpu.cycles = state[SLOT.cycles]!;
    cpu.instructions = state[SLOT.instructions]!;
    cpu.instructionStart = state[SLOT.instructionStart]!;
    cpu.runLimit = state[SLOT.runLimit]!;
    cpu.nmiPending = state[SLOT.nmiPending] !== 0;
    cpu.stopRequested = state[SLOT.stopRequested] !== 0;
  }

  /** What a device may have changed (WASM_EVENTS), from the Cpu object to the state block. */
  private eventsToState(): void {
    const cpu = this.cpu;
    const state = this.state;
    state[SLOT.runLimit] = cpu.runLimit;
    state[SLOT.nmiPending] = cpu.nmiPending ? 1 : 0;
    state[SLOT.stopRequested] = cpu.stopRequested ? 1 : 0;
    state[SLOT.irqLine] = cpu.irqLine;
  }
}
