; Chapter 0, exercise 1: the tape is only bytes. The same kind of program as tape.s, written as raw bytes
; with .byte, prints OK: the CPU cannot tell the difference.
; expect: OK

;; $A9 $4F is LDA #$4F ('O'); $8D $01 $F0 is STA $F001.
        .byte $A9, $4F, $8D, $01, $F0
;; $A9 $4B is LDA #$4B ('K').
        .byte $A9, $4B, $8D, $01, $F0
;; LDA #$0A (new line), STA $F001, then $00: BRK.
        .byte $A9, $0A, $8D, $01, $F0
        .byte $00
