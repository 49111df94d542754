; Chapter 8, exercise 2: convert a binary number to decimal digits by counting. Count the number down to
; zero in binary while counting a BCD number up in decimal: 200 ($C8) becomes the digits 2, 0, 0.
; expect: 200

CONSOLE = $F001
NUMBER = $10
DIGITS = $11

        LDA #200
        STA NUMBER
        LDA #0
        STA DIGITS
        STA DIGITS+1
count:
;; Add one in decimal: $99 + 1 = $00 with C = 1 into the hundreds.
        SED
        CLC
        LDA DIGITS
        ADC #1
        STA DIGITS
        LDA DIGITS+1
        ADC #0
        STA DIGITS+1
        CLD
        DEC NUMBER
        BNE count

;; Three digits: the hundreds byte's low digit, then the two of the low byte.
        LDA DIGITS+1
        AND #$0F
        CLC
        ADC #'0'
        STA CONSOLE
        LDA DIGITS
        LSR A
        LSR A
        LSR A
        LSR A
        CLC
        ADC #'0'
        STA CONSOLE
        LDA DIGITS
        AND #$0F
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
