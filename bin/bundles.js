// The bundles the build makes besides main.bundle.js, each with the modules it holds, named the way the main
// bundle imports them (relative to dist/src/cli/). scripts/bundle-cli.mjs builds them from this list and
// bin/moth.js answers those imports from them, so the list lives here, once, for both.
'use strict';

exports.EXTRA_BUNDLES = [
  // The assembler, for `moth asm` and for `moth run`/`debug` of a source; a run of a binary never reads it.
  { name: 'asm', modules: ['../asm/index.js', './commands/asm.js', './commands/link.js'] },
];
