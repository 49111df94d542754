; Chapter 8, exercise 3: a four-digit counter at 9999 plus one rolls over to 0000, and the carry out of the
; top digit says it did, like an odometer.
; expect: 0000 C=1

CONSOLE = $F001
COUNTER = $10
CARRY = $12

        LDA #$99
        STA COUNTER
        STA COUNTER+1
        SED
        CLC
        LDA COUNTER
        ADC #1
        STA COUNTER
        LDA COUNTER+1
        ADC #0
        STA COUNTER+1
        CLD
;; Keep the carry as a digit before anything else changes C.
        LDA #'0'
        ADC #0
        STA CARRY

        LDA COUNTER+1
        JSR print_digits
        LDA COUNTER
        JSR print_digits
        LDA #' '
        STA CONSOLE
        LDA #'C'
        STA CONSOLE
        LDA #'='
        STA CONSOLE
        LDA CARRY
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK

print_digits:
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
        RTS
