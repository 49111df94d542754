; Chapter 1, registers: the CPU's three hands A, X and Y, and the instructions that move bytes between them
; and memory. The program parks the letters of MOTH in zero page, then fetches them back and prints them.
; expect: MOTH

;; A name for an address, so the program says what it means. This line
;; produces no bytes: the assembler just remembers CONSOLE = $F001.
CONSOLE = $F001

;; Immediate loads: the byte to load is right there in the instruction.
;; Each register gets a different letter: A = 'M', X = 'O', Y = 'T'.
        LDA #'M'
        LDX #'O'
        LDY #'T'
;; Stores into zero page (addresses $00-$FF) take only one address byte,
;; so they are shorter and faster than stores to other addresses.
;; Watch the memory pane at $0010.
        STA $10
        STX $11
        STY $12
;; A transfer copies one register into another: A = Y = 'T'.
;; Loads and transfers set two flags: Z (the value is zero) and N (bit 7).
        TYA
;; A is free again, so use it for the fourth letter.
        LDA #'H'
        STA $13
;; Now read them back. Loads from memory: the address is in the
;; instruction, the byte comes from memory.
        LDA $10
        STA CONSOLE
        LDX $11
;; Any of the three registers can be stored, so X and Y print directly.
        STX CONSOLE
        LDY $12
        STY CONSOLE
        LDA $13
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
