; Chapter 1, exercise 1: swap the bytes at $10 and $11, then print them: AB becomes BA.
; expect: BA

CONSOLE = $F001

        LDA #'A'
        STA $10
        LDA #'B'
        STA $11
;; Two registers hold both bytes at once, so nothing is overwritten too soon.
        LDX $10
        LDY $11
        STY $10
        STX $11
        LDA $10
        STA CONSOLE
        LDA $11
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
