; Chapter 5, exercise 2: print numbers in decimal with a subroutine that calls itself. To print 255 it first
; prints 25 (the number divided by ten), then the last digit, 5. Each call keeps its digit on the stack
; until the calls inside it have returned.
; expect: 255
; expect: 7
; expect: 100

CONSOLE = $F001

        LDA #255
        JSR print_decimal_line
        LDA #7
        JSR print_decimal_line
        LDA #100
        JSR print_decimal_line
        BRK

print_decimal_line:
        JSR print_decimal
        LDA #$0A
        STA CONSOLE
        RTS

;; print_decimal: prints A (0-255) in decimal.
print_decimal:
        JSR divide_by_ten
;; A = the last digit, X = the rest. Keep the digit on the stack while the
;; rest is printed.
        PHA
        TXA
;; Nothing left in front of this digit: stop recursing.
        BEQ print_digit
        JSR print_decimal
print_digit:
        PLA
        CLC
        ADC #'0'
        STA CONSOLE
        RTS

;; divide_by_ten: A / 10 → X, A mod 10 → A, by repeated subtraction.
divide_by_ten:
        LDX #0
subtract_ten:
        CMP #10
        BCC divided
        SBC #10
        INX
        JMP subtract_ten
divided:
        RTS
