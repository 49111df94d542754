// The few WebAssembly JavaScript API declarations wasm-core.ts uses: the project's TypeScript libraries
// (ES2022 plus Node's types) do not declare WebAssembly, which both Node and browsers provide.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: BufferSource);
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  function compile(bytes: BufferSource): Promise<Module>;
}
