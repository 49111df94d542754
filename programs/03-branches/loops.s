; Chapter 3, flags and branches: the CPU decides. A compare sets flags, a branch reads one flag and either
; jumps or falls through, and a backwards branch is a loop.
; expect: 0123456789
; expect: 9876543210
; expect: LLLLLHHHHH

CONSOLE = $F001
NEWLINE = $0A

;; Count up: X runs from 0 to 9.
        LDX #0
count_up:
;; Print X as a digit: A = X + '0'.
        TXA
        CLC
        ADC #'0'
        STA CONSOLE
        INX
;; CPX compares X with 10: it subtracts (X - 10) but keeps only the flags.
;; Z = 1 when they are equal.
        CPX #10
;; Branch if Not Equal (Z = 0): back to the top of the loop. When X
;; reaches 10, Z = 1 and the CPU falls through to the next line.
        BNE count_up
        LDA #NEWLINE
        STA CONSOLE

;; Count down: no compare needed, because DEX sets the flags itself.
        LDX #9
count_down:
        TXA
        CLC
        ADC #'0'
        STA CONSOLE
        DEX
;; Branch if PLus (N = 0): keep going while X is 0..127. After 0, DEX
;; wraps X to $FF, whose bit 7 sets N, and the loop ends.
        BPL count_down
        LDA #NEWLINE
        STA CONSOLE

;; An if/else inside a loop: for each X from 0 to 9, print L (low) when
;; X < 5 and H (high) otherwise.
        LDX #0
classify:
;; CPX #5 works out X - 5 for the flags: C = 1 when X >= 5 (nothing had to
;; be borrowed), C = 0 when X < 5.
        CPX #5
;; Branch if Carry Set: skip to the "high" case.
        BCS high
;; The "low" case, then jump over the "high" case: that JMP is the else.
        LDA #'L'
        JMP print
high:
        LDA #'H'
print:
        STA CONSOLE
        INX
        CPX #10
        BNE classify
        LDA #NEWLINE
        STA CONSOLE
        BRK
