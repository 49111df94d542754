/**
 * The linker configuration moth uses when none is given (like `ld65 -t none`, but starting at moth's $0600):
 * CODE, RODATA, DATA and BSS one after another from %S, zero page apart and not in the file. A single file
 * assembled without a configuration is laid out the same way.
 */
export const DEFAULT_LINKER_CONFIG = `MEMORY {
  ZP:   start = $0000, size = $0100, type = rw, file = "";
  MAIN: start = %S, size = $10000 - %S, type = rw, file = %O, fill = no;
}
SEGMENTS {
  ZEROPAGE: load = ZP,   type = zp,  optional = yes;
  CODE:     load = MAIN, type = rw,  optional = yes;
  RODATA:   load = MAIN, type = ro,  optional = yes;
  DATA:     load = MAIN, type = rw,  optional = yes;
  BSS:      load = MAIN, type = bss, optional = yes, define = no;
}
`;
