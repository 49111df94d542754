; Chapter 6, exercise 1: count the characters of one line of input and print the count in decimal.
; input: hello, world
; expect: 12

CONSOLE_OUT = $F001
CONSOLE_IN = $F004
CONSOLE_STATUS = $F005
COUNT = $10

        LDA #0
        STA COUNT
wait:
        LDA CONSOLE_STATUS
        BMI counted
        LSR A
        BCC wait
        LDA CONSOLE_IN
        CMP #$0A
        BEQ counted
        INC COUNT
        JMP wait
counted:
;; Tens by repeated subtraction, as in chapter 3.
        LDA COUNT
        LDX #0
tens:
        CMP #10
        BCC print
        SBC #10
        INX
        JMP tens
print:
        TAY
;; Skip a leading zero for counts below 10.
        TXA
        BEQ ones
        CLC
        ADC #'0'
        STA CONSOLE_OUT
ones:
        TYA
        CLC
        ADC #'0'
        STA CONSOLE_OUT
        LDA #$0A
        STA CONSOLE_OUT
        BRK
