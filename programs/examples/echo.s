; echo.s: copies console input to output, upper-casing letters, until the input ends.
; Try `echo hi | moth run programs/examples/echo.s`, or run it and type (Ctrl-D ends, Ctrl-C stops).
; input: Hello, echo
; expect: HELLO, ECHO

CONSOLE_OUT = $F001
CONSOLE_IN = $F004
CONSOLE_STATUS = $F005

;; $F004 never waits: it gives the next byte, or 0 when nothing has arrived yet.
poll:   LDA CONSOLE_IN
        BNE got_byte
;; Nothing there. Bit 7 of $F005 says the input has ended for good; BIT copies
;; it into N, so BMI can test it without touching A.
        BIT CONSOLE_STATUS
        BMI finished
        JMP poll
;; Lower-case letters are 'a'..'z'; clearing bit 5 turns them into capitals.
got_byte:
        CMP #'a'
        BCC print
        CMP #'z'+1
        BCS print
        AND #%11011111
print:  STA CONSOLE_OUT
        JMP poll
finished:
        BRK
