; Chapter 8, exercise 1: subtraction in decimal mode. 50 - 17 = 33, and the result byte prints as it is.
; expect: 33

CONSOLE = $F001

        SED
;; As in binary, C = 1 means "no borrow" before SBC.
        SEC
        LDA #$50
        SBC #$17
        CLD
        PHA
        LSR A
        LSR A
        LSR A
        LSR A
        CLC
        ADC #'0'
        STA CONSOLE
        PLA
        AND #$0F
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
