; Chapter 8, decimal mode: with D set, ADC and SBC treat each byte as two decimal digits (BCD), so a
; score or a clock counts in decimal and prints without any division.
; expect: binary  $19 + $25 = $3E
; expect: decimal $19 + $25 = $44
; expect: score 0015
; expect: score 0040
; expect: score 0100

CONSOLE = $F001
VALUE = $10
TEXT = $12
;; The score: four decimal digits in two bytes, low byte first.
SCORE = $14

;; The same addition twice. First in binary: $19 + $25 = $3E.
        LDA #<binary_text
        LDX #>binary_text
        JSR print_text
        CLD
        CLC
        LDA #$19
        ADC #$25
        JSR print_hex_line

        LDA #<decimal_text
        LDX #>decimal_text
        JSR print_text
;; SED sets D: from now on ADC and SBC work in decimal. $19 is read as the
;; digits 1 and 9, so 19 + 25 = 44 and the result byte is $44.
        SED
        CLC
        LDA #$19
        ADC #$25
        CLD
        JSR print_hex_line

;; A score counter. Each "points" byte is BCD too: $15 means fifteen.
        LDA #0
        STA SCORE
        STA SCORE+1
        LDA #$15
        JSR add_points
        LDA #$25
        JSR add_points
        LDA #$60
        JSR add_points
        BRK

;; add_points: SCORE = SCORE + A, in decimal, then print it.
add_points:
        SED
        CLC
        ADC SCORE
        STA SCORE
;; 40 + 60 = 100: the low byte becomes $00 and C carries one hundred into
;; the high byte, exactly as in binary.
        LDA SCORE+1
        ADC #0
        STA SCORE+1
;; Always clear D when done: other code (and interrupt handlers) expect
;; binary arithmetic.
        CLD
        LDA #<score_text
        LDX #>score_text
        JSR print_text
;; Printing BCD is easy: each four-bit half is already one decimal digit.
        LDA SCORE+1
        JSR print_digits
        LDA SCORE
        JSR print_digits
        LDA #$0A
        STA CONSOLE
        RTS

;; print_digits: prints the two digits of the BCD byte in A.
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

;; print_hex_line: prints A as $XX and a new line.
print_hex_line:
        STA VALUE
        LDA #'$'
        STA CONSOLE
        LDA VALUE
        LSR A
        LSR A
        LSR A
        LSR A
        TAX
        LDA hex_digits,X
        STA CONSOLE
        LDA VALUE
        AND #$0F
        TAX
        LDA hex_digits,X
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        RTS

;; print_text: prints the zero-terminated text at (A low, X high).
print_text:
        STA TEXT
        STX TEXT+1
        LDY #0
print_char:
        LDA (TEXT),Y
        BEQ print_done
        STA CONSOLE
        INY
        BNE print_char
print_done:
        RTS

binary_text:
        .byte "binary  $19 + $25 = ", 0
decimal_text:
        .byte "decimal $19 + $25 = ", 0
score_text:
        .byte "score ", 0
hex_digits:
        .byte "0123456789ABCDEF"
