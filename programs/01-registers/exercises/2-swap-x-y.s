; Chapter 1, exercise 2: swap X and Y. There is no TXY or TYX on the 6502, and A cannot hold two values,
; so one byte of memory is the spare hand. X starts as '1' and Y as '2'; after the swap it prints 21.
; expect: 21

CONSOLE = $F001
SPARE = $10

        LDX #'1'
        LDY #'2'
;; Park X, move Y to X through A, then fetch the parked byte into Y.
        STX SPARE
        TYA
        TAX
        LDY SPARE
        STX CONSOLE
        STY CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
