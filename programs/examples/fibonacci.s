; fibonacci.s: prints the Fibonacci numbers below 256 in decimal, using a subroutine that prints A.
; expect: 1 1 2 3 5 8 13 21 34 55 89 144 233

CONSOLE_OUT = $F001
PREVIOUS = $10
CURRENT = $11
NEXT = $12
FIRST = $13

        LDA #0
        STA PREVIOUS
        LDA #1
        STA CURRENT
        STA FIRST
loop:   LDA FIRST
        BNE no_space
        LDA #' '
        STA CONSOLE_OUT
no_space:
        LDA #0
        STA FIRST
        LDA CURRENT
        JSR print_decimal
;; NEXT = PREVIOUS + CURRENT; the carry says it no longer fits in a byte.
        CLC
        LDA PREVIOUS
        ADC CURRENT
        BCS finished
        STA NEXT
        LDA CURRENT
        STA PREVIOUS
        LDA NEXT
        STA CURRENT
        JMP loop
finished:
        LDA #$0A
        STA CONSOLE_OUT
        BRK

;; Prints A (0-255) in decimal without leading zeros. X counts hundreds, then tens.
print_decimal:
        LDY #0              ; Y = 1 once a digit has been printed
        LDX #0
hundreds:
        CMP #100
        BCC show_hundreds
        SBC #100            ; carry is set here, so this subtracts exactly 100
        INX
        BNE hundreds
show_hundreds:
        JSR digit
        LDX #0
tens:   CMP #10
        BCC show_tens
        SBC #10
        INX
        BNE tens
show_tens:
        JSR digit
        TAX
        LDY #1              ; the last digit is always printed
;; Prints X as a digit unless it is a leading zero; keeps A.
digit:  PHA
        TXA
        BNE print_it
        CPY #0
        BEQ skip
print_it:
        CLC
        ADC #'0'
        STA CONSOLE_OUT
        LDY #1
skip:   PLA
        RTS
