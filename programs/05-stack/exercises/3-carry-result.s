; Chapter 5, exercise 3: a subroutine can answer yes or no in a flag. is_digit returns C = 1 when A holds a
; digit character; the caller branches on C. The program keeps only the digits of a text.
; expect: 6502

CONSOLE = $F001

        LDX #0
next_char:
        LDA text,X
        BEQ done
        JSR is_digit
;; The answer comes back in C, and A is unchanged.
        BCC skip
        STA CONSOLE
skip:
        INX
        JMP next_char
done:
        LDA #$0A
        STA CONSOLE
        BRK

;; is_digit: C = 1 when '0' <= A <= '9'. Only the flags change.
is_digit:
        CMP #'0'
;; Below '0': C is already 0, the answer.
        BCC not_digit
        CMP #'9' + 1
;; Now C = 1 means A > '9': flip it, since that is a "no".
        BCS above_nine
        SEC
        RTS
above_nine:
        CLC
not_digit:
        RTS

text:
        .byte "the MOS 6502 CPU", 0
