/**
 * Starts V8's optimizing compile of the WebAssembly loop at the very start of a one-shot run, in the background,
 * so that the program starts on (or soon reaches) optimized code.
 *
 * Why: by default V8 compiles a wasm function with its baseline compiler (Liftoff) on its first call and starts
 * the optimizing one (TurboFan) only once the function has run a while; a call that began in baseline code
 * finishes there. For a run of a tenth of a second that wait is a large share of it (docs/cpu.md, "The whole
 * cold process"). With `--no-wasm-dynamic-tiering`, V8 queues TurboFan as soon as a function is compiled, so
 * moth sets it just while it compiles the loop and calls it once for no cycles; reading the program, building
 * the machine and loading it then overlap that compile. The flag is put back at once: a module keeps the
 * tiering it was made with, and V8's flags must be as the build left them when the bundle's code cache is
 * written (see on-stack-replacement.ts). For a run on the default machine bin/moth.js has done the same before
 * loading the command line at all (its compile then overlaps the bundle's load too), and this does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { compileWasmLoopNow } from '../cpu/engine/wasm-core.js';
import type { CpuVariant } from '../cpu/variants.js';

/**
 * Compiles `variant`'s wasm loop now, its optimized code following in the background. The module must not have
 * been compiled before (it would keep the default tiering); where wasm cannot be compiled, the machine falls back
 * to the TypeScript loop by itself, so a failure here is left to it.
 */
export function compileWasmLoopEarly(variant: CpuVariant): void {
  setFlagsFromString('--no-wasm-dynamic-tiering');
  try {
    compileWasmLoopNow(variant);
  } catch {
    // no WebAssembly here: Machine sees the same and uses the TypeScript loop
  } finally {
    setFlagsFromString('--wasm-dynamic-tiering');
  }
}
