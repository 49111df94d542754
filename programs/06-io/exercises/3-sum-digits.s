; Chapter 6, exercise 3: read digits from the input until the line ends, add them up and print the sum.
; A character that is not a digit is skipped.
; input: 1 2 3 4 5
; expect: 15

CONSOLE_OUT = $F001
CONSOLE_IN = $F004
CONSOLE_STATUS = $F005
SUM = $10

        LDA #0
        STA SUM
wait:
        LDA CONSOLE_STATUS
        BMI done
        LSR A
        BCC wait
        LDA CONSOLE_IN
        CMP #$0A
        BEQ done
;; A digit's value is its code minus '0'; anything outside 0-9 is skipped.
        SEC
        SBC #'0'
        CMP #10
        BCS wait
        CLC
        ADC SUM
        STA SUM
        JMP wait
done:
        LDA SUM
        LDX #0
tens:
        CMP #10
        BCC print
        SBC #10
        INX
        JMP tens
print:
        TAY
        TXA
        CLC
        ADC #'0'
        STA CONSOLE_OUT
        TYA
        CLC
        ADC #'0'
        STA CONSOLE_OUT
        LDA #$0A
        STA CONSOLE_OUT
        BRK
