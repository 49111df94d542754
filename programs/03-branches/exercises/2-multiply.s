; Chapter 3, exercise 2: 6 × 7 by adding 6 seven times, then printed in decimal. Tens are counted by
; subtracting 10 until the number goes below 10; what remains is the ones digit.
; expect: 42

CONSOLE = $F001
TENS = $10

        LDA #0
        LDY #7
add_again:
        CLC
        ADC #6
        DEY
        BNE add_again
;; A = 42. Now count how many times 10 fits.
        LDX #0
tens_loop:
        CMP #10
;; Branch if Carry Clear: A < 10, so no more tens.
        BCC tens_done
;; C = 1 here (the CMP found A >= 10), which is exactly what SBC wants.
        SBC #10
        INX
        JMP tens_loop
tens_done:
;; A holds the ones digit; keep it in Y while X (the tens) is printed.
        TAY
        TXA
        CLC
        ADC #'0'
        STA CONSOLE
        TYA
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
