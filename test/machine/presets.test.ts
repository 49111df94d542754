// Small programs of our own on each preset, as a ROM would drive the chips: Ben Eater's LCD through the VIA (4-bit and
// 8-bit), the ACIA console with receive interrupts, the Apple-1's PIA keyboard and display, the 6850 board, the feedback port.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.js';
import type { MachineDescription } from '../../src/machine/description.js';
import { scriptedIo } from '../../src/machine/io.js';
import { Machine } from '../../src/machine/machine.js';
import { PRESETS } from '../../src/machine/presets.js';
import type { PresetName } from '../../src/machine/presets.js';

/** Assembles `source` (which sets its own .org and vectors), loads it on the preset and resets. */
function boot(source: string, machine: PresetName | MachineDescription, input = '', ended = true) {
  const result = assemble(source, { fileName: 'test.s' });
  if (!result.ok || result.image === undefined) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const io = scriptedIo(input, { ended });
  const chosen = typeof machine === 'string' ? PRESETS[machine] : machine;
  // A short quiet spell after the input ends keeps the tests fast (the presets wait 10,000,000 cycles).
  const idleStopCycles = chosen.console.idleStopCycles === undefined ? undefined : 100_000;
  const description = { ...chosen, console: { ...chosen.console, idleStopCycles } };
  const built = new Machine({ description, io, cpuOptions: { brk: 'interrupt' } });
  built.loadAssembly(result);
  built.reset();
  return { machine: built, io };
}

const LCD_4BIT = `
PORTB = $6000
DDRB  = $6002
E  = %01000000
RW = %00100000
RS = %00010000
        .org $8000
reset:  ldx #$ff
        txs
        lda #$ff
        sta DDRB
        lda #%00000010      ; function set, 4-bit (sent as one 8-bit-mode nibble)
        jsr nibble
        lda #%00101000      ; 4-bit, 2 lines
        jsr command
        lda #%00001110      ; display on, cursor on
        jsr command
        lda #%00000110      ; increment
        jsr command
        lda #%00000001      ; clear
        jsr command
        ldx #0
print:  lda message,x
        beq line2
        jsr data
        inx
        bne print
line2:  lda #$c0            ; DDRAM address $40: the second line
        jsr command
        lda #'!'
        jsr data
done:   jmp done
message: .byte "Hello, LCD", 0

; Wait while the busy flag (read as the high nibble's bit 3) is set.
wait:   pha
        lda #%11110000
        sta DDRB
busy:   lda #RW
        sta PORTB
        lda #(RW | E)
        sta PORTB
        lda PORTB
        pha
        lda #RW
        sta PORTB
        lda #(RW | E)
        sta PORTB
        lda PORTB
        pla
        and #%00001000
        bne busy
        lda #RW
        sta PORTB
        lda #$ff
        sta DDRB
        pla
        rts

command: jsr wait
        pha
        lsr
        lsr
        lsr
        lsr
        jsr nibble
        pla
        and #$0f
nibble: sta PORTB
        ora #E
        sta PORTB
        eor #E
        sta PORTB
        rts

data:   jsr wait
        pha
        lsr
        lsr
        lsr
        lsr
        ora #RS
        jsr nibble
        pla
        and #$0f
        ora #RS
        jmp nibble

        *= $fffc
        .word reset
        .word 0
`;

describe('eater preset', () => {
  it('a 4-bit LCD driver as in msbasic shows its text, polling the busy flag through the VIA', () => {
    const { machine } = boot(LCD_4BIT, 'eater');
    const stop = machine.run(200_000);
    expect(stop.reason).toBe('trap');
    expect(machine.lcds[0]!.lines()).toEqual(['Hello, LCD      ', '!               ']);
    expect(machine.lcds[0]!.cursor()).toEqual({ row: 1, column: 1 });
  });

  it('the busy flag really waits: a clear keeps the LCD busy 1.52 ms (1,520 cycles at 1 MHz)', () => {
    const { machine } = boot(LCD_4BIT, 'eater');
    // Run past the clear instruction and count the polls it took: the loop must have spun.
    let polls = 0;
    machine.setInstructionHook((cpu) => {
      if (cpu.memory[cpu.pc] === 0x29 && cpu.memory[cpu.pc + 1] === 0x08) polls++; // AND #%00001000
      return false;
    });
    machine.run(200_000);
    expect(polls).toBeGreaterThan(20);
  });

  it('the ACIA console echoes what its receive interrupt handler read, and a program can read the LCD back', () => {
    const source = `
ACIA_DATA   = $5000
ACIA_STATUS = $5001
ACIA_CMD    = $5002
ACIA_CTRL   = $5003
        .org $8000
reset:  ldx #$ff
        txs
        lda #$1f            ; 19,200 baud, 8N1
        sta ACIA_CTRL
        lda #$89            ; no parity, DTR, receive interrupts on (msbasic's setting)
        sta ACIA_CMD
        cli
wait:   jmp wait            ; everything happens in the handler
irq:    pha
        lda ACIA_STATUS     ; acknowledges the interrupt
        lda ACIA_DATA
        cmp #'a'
        bcc send
        and #$df            ; to upper case
send:   sta ACIA_DATA       ; the W65C51N's TDRE cannot be trusted: no status check
        pla
        rti
        *= $fffc
        .word reset
        .word irq
`;
    const { machine, io } = boot(source, 'eater', 'hello\n');
    const stop = machine.run(20_000_000);
    expect(io.text()).toBe('HELLO\n');
    expect(stop.reason).toBe('input-ended');
  });

  it('warns about an image over the VIA, naming the addresses, and refuses one over unmapped space', () => {
    const machine = new Machine({ description: PRESETS.eater });
    expect(machine.load(Uint8Array.from([1, 2, 3]), 0x6001)).toEqual([
      'the image at $6001-$6003 covers $6001-$6003, registers of the via6522 "via" at $6000-$600F: the program reads the device there, not these bytes',
    ]);
    expect(machine.peek(0x6002)).toBe(0); // DDRB, not the image's byte
    expect(machine.load(Uint8Array.from([0, 0, 7]), 0x6000)).toHaveLength(1); // zero filler says nothing
    expect(() => machine.load(Uint8Array.from([1]), 0x4000)).toThrow(/\$4000-\$4000, where this machine has no memory/);
  });

  it('ROM ignores writes; mirrors of the ACIA answer every 4 bytes up to $5FFF; unmapped reads give the high byte', () => {
    const { machine } = boot(
      `
        .org $8000
reset:  lda #$55
        sta $8100           ; ROM: ignored
        lda #$0b
        sta $5ffe           ; the ACIA's command register, seen through its mirror
        lda $4123           ; unmapped: open bus
        sta $10
        lda $5002
        sta $11
stop:   jmp stop
        *= $fffc
        .word reset
`,
      'eater',
    );
    machine.run(1000);
    expect(machine.peek(0x8100)).toBe(0);
    expect(machine.peek(0x10)).toBe(0x41);
    expect(machine.peek(0x11)).toBe(0x0b);
  });
});

const EIGHT_BIT_EATER: MachineDescription = {
  ...PRESETS.eater,
  name: 'eater-8bit',
  devices: PRESETS.eater.devices.map((device) => (device.type === 'hd44780' ? { ...device, options: { via: 'via', bus: 'eater-8bit' } } : device)),
};

describe('HD44780 on the 8-bit bus of Ben Eater\'s first videos', () => {
  it('data on port B, E/RW/RS on PA7/PA6/PA5; the busy flag read on PB7', () => {
    const source = `
PORTB = $6000
PORTA = $6001
DDRB  = $6002
DDRA  = $6003
E  = %10000000
RW = %01000000
RS = %00100000
        .org $8000
reset:  lda #$ff
        sta DDRB
        lda #%11100000
        sta DDRA
        lda #%00111000      ; 8-bit, 2 lines
        jsr command
        lda #%00001100      ; display on, no cursor
        jsr command
        lda #%00000001      ; clear
        jsr command
        lda #'O'
        jsr char
        lda #'K'
        jsr char
        lda #%00011100      ; shift the display right by one
        jsr command
done:   jmp done
wait:   lda #0
        sta DDRB
busy:   lda #RW
        sta PORTA
        lda #(RW | E)
        sta PORTA
        lda PORTB
        and #%10000000
        bne busy
        lda #RW
        sta PORTA
        lda #$ff
        sta DDRB
        rts
command: pha
        jsr wait
        pla
        sta PORTB
        lda #0
        sta PORTA
        lda #E
        sta PORTA
        lda #0
        sta PORTA
        rts
char:   pha
        jsr wait
        pla
        sta PORTB
        lda #RS
        sta PORTA
        lda #(RS | E)
        sta PORTA
        lda #RS
        sta PORTA
        rts
        *= $fffc
        .word reset
`;
    const { machine } = boot(source, EIGHT_BIT_EATER);
    expect(machine.run(100_000).reason).toBe('trap');
    expect(machine.lcds[0]!.lines()).toEqual([' OK             ', '                ']);
    expect(machine.lcds[0]!.cursor()).toBeUndefined();
  });
});

describe('VIA timer interrupts on the eater', () => {
  it('T1 free-run interrupts a program waiting in a loop, every N+2 cycles', () => {
    const source = `
T1CL = $6004
T1CH = $6005
ACR  = $600B
IFR  = $600D
IER  = $600E
        .org $8000
reset:  lda #$40
        sta ACR             ; T1 free-run
        lda #$c0
        sta IER             ; enable T1 interrupts
        lda #<998
        sta T1CL
        lda #>998
        sta T1CH            ; period 1,000 cycles
        cli
loop:   jmp loop
irq:    bit T1CL            ; acknowledge
        inc $10
        rti
        *= $fffc
        .word reset
        .word irq
`;
    const { machine } = boot(source, 'eater');
    machine.run(10_100);
    expect(machine.peek(0x10)).toBe(10);
  });
});

describe('apple1 preset', () => {
  it('keys arrive on port A with bit 7 set as CA1 flags them; port B prints (bit 7 dropped, CR as a line end)', () => {
    const source = `
KBD   = $D010
KBDCR = $D011
DSP   = $D012
DSPCR = $D013
        .org $ff00
reset:  ldy #$7f
        sty DSP             ; DDRB: PB0-6 out, PB7 (display busy) in
        lda #$a7
        sta KBDCR
        sta DSPCR
        lda DSP             ; port B data now (DSPCR bit 2 set)
        sta $10
next:   lda KBDCR
        bpl next
        lda KBD
        sta $11
echo:   bit DSP
        bmi echo
        sta DSP
        cmp #$8d
        bne next
        jmp next
        *= $fffc
        .word reset
`;
    const { machine, io } = boot(source, 'apple1', 'ab\n');
    const stop = machine.run(3_000_000);
    expect(io.text()).toBe('AB\n'); // typed letters turned to capitals, as on the Apple-1's keyboard
    expect(machine.peek(0x11)).toBe(0x8d);
    expect(machine.peek(0x10) & 0x80).toBe(0); // the display is ready
    expect(machine.peek(0xd011)).toBe(0x27); // CRA without its flag: reading KBD cleared it
    expect(stop.reason).toBe('input-ended');
  });
});

describe('sbc preset (6850 ACIA at $A000)', () => {
  it('a polled echo through the 6850', () => {
    const source = `
STATUS = $A000
DATA   = $A001
        .org $c000
reset:  lda #$03
        sta STATUS          ; master reset
        lda #$15
        sta STATUS          ; ÷16, 8N1
get:    lda STATUS
        lsr                 ; RDRF into carry
        bcc get
        lda DATA
put:    pha
tx:     lda STATUS
        and #$02
        beq tx
        pla
        sta DATA
        jmp get
        *= $fffc
        .word reset
`;
    const { machine, io } = boot(source, 'sbc', 'ok\n');
    expect(machine.run(3_000_000).reason).toBe('input-ended');
    expect(io.text()).toBe('ok\n');
  });
});

describe('interrupt feedback port', () => {
  it('bit 0 holds IRQ, a rising bit 1 is one NMI edge', () => {
    const description: MachineDescription = {
      ...PRESETS.default,
      name: 'feedback',
      devices: [...PRESETS.default.devices, { name: 'feedback', type: 'interrupt-feedback', base: 0xbffc, interrupt: 'none', options: {} }],
    };
    const source = `
        .org $0600
reset:  cli
        lda #$02
        sta $bffc           ; NMI edge
        lda #$03
        sta $bffc           ; still high: no second NMI; IRQ now held
        lda #$00
        sta $bffc
stop:   jmp stop
nmi:    inc $10
        rti
irq:    inc $11
        lda #$02
        sta $bffc           ; release IRQ, keep NMI high: no new edge
        rti
        *= $fffa
        .word nmi, reset, irq
`;
    const { machine } = boot(source, description);
    machine.reset(0x0600);
    machine.run(200);
    expect(machine.peek(0x10)).toBe(1);
    expect(machine.peek(0x11)).toBe(1);
    expect(machine.peek(0xbffc)).toBe(0);
  });
});

describe('region names', () => {
  it('name what answers at an address on a described machine, and leave moth\'s own map to memory-map.ts', () => {
    const eater = new Machine({ description: PRESETS.eater });
    expect([0x0000, 0x4000, 0x5000, 0x5ffe, 0x6003, 0x8000].map((address) => eater.regionName(address))).toEqual([
      'RAM',
      'unmapped',
      'acia (acia6551)',
      'acia (acia6551)',
      'via (via6522)',
      'ROM',
    ]);
    const moth = new Machine();
    expect(moth.regionName(0x0200)).toBeUndefined();
    expect(moth.regionName(0xf001)).toBeUndefined();
  });
});

describe('the eater runs a 65C02', () => {
  it('PHX, PLY, DEC A and STZ do what the W65C02S does (on the NMOS chip they would be NOPs or worse)', () => {
    const source = `
        .setcpu "65C02"
        .org $8000
reset:  ldx #$42
        phx
        ply
        lda #$10
        dec a
        sta $10
        sty $11
        lda #$ff
        sta $12
        stz $12
done:   bra done
        *= $fffc
        .word reset
`;
    const { machine } = boot(source, 'eater');
    expect(machine.run(1000).reason).toBe('trap');
    expect([machine.peek(0x10), machine.peek(0x11), machine.peek(0x12)]).toEqual([0x0f, 0x42, 0x00]);
  });
});
