; Chapter 5, exercise 4: the bus, cycle by cycle. A JSR pushes its return address one byte per cycle, INC
; writes its byte twice (the old value, then the new one), and LDA table,X reads a wrong address first when
; adding X carries into the high byte. Step to each with `cycle` (key `.` in the debugger) or `bus`.
; expect: OK

CONSOLE = $F001
COUNTER = $10

        .org $0600
;; JSR: watch cycles 4 and 5 write the return address to $01FD and $01FC.
start:  JSR bump
;; bump has run: COUNTER went from 0 to 1. Check it and print OK.
        LDA COUNTER
        CMP #1
        BNE wrong
        LDA #'O'
        STA CONSOLE
        LDA #'K'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
wrong:  LDA #'?'
        STA CONSOLE
        BRK

;; INC: a read-modify-write. Cycle 4 writes the old byte back, cycle 5 the
;; new one: on the real chip a device register sees both writes.
bump:   INC COUNTER
;; LDA table,X with X = $10: $06F8 + $10 = $0708 crosses into the next
;; page, so cycle 4 reads $0608 first (the high byte not yet fixed).
        LDX #$10
        LDA table,X
        RTS

        .res $06F8 - *, 0       ; pad up to $06F8, 8 bytes before the page ends
table:  .res 32, $EA
