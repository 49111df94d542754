/**
 * The two run loops a Cpu can use when no per-instruction check is needed, by the names `--core` takes:
 * 'wasm' (the loop compiled to WebAssembly, engine/wasm-core.ts) and 'js' (the generated TypeScript lean loop).
 * A file of its own so the command line can list them without loading the CPU.
 */
export type CpuCore = 'wasm' | 'js';

export const CPU_CORES: readonly CpuCore[] = ['wasm', 'js'];
