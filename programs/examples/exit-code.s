; exit-code.s: a program can end with an exit code by writing it to the exit port $F00F;
; `moth run` then exits with that code, so shell scripts and tests can check results.
; expect: 3 + 4 = 7
; expect-exit: 7
; expect-stop: exit

CONSOLE_OUT = $F001
EXIT_PORT = $F00F

        LDA #3
        CLC
        ADC #4
        PHA
        LDX #0
print:  LDA text,X
        BEQ digit
        STA CONSOLE_OUT
        INX
        BNE print
;; Turn the sum (0-9) into its ASCII digit by adding the code of '0'.
digit:  PLA
        PHA
        CLC
        ADC #'0'
        STA CONSOLE_OUT
        LDA #$0A
        STA CONSOLE_OUT
;; The exit code is the sum itself.
        PLA
        STA EXIT_PORT

text:   .byte "3 + 4 = ", 0
