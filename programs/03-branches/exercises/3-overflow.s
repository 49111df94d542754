; Chapter 3, exercise 3: print the overflow flag of three signed additions, 1 when the signed result did not
; fit in -128..127. 80 + 80 = 160 overflows; 80 + 16 = 96 fits; -48 + -112 = -160 overflows.
; expect: 101

CONSOLE = $F001

        CLC
        LDA #$50
        ADC #$50
        JSR print_v
        CLC
        LDA #$50
        ADC #$10
        JSR print_v
        CLC
;; $D0 is -48 and $90 is -112 as signed bytes.
        LDA #$D0
        ADC #$90
        JSR print_v
        LDA #$0A
        STA CONSOLE
        BRK

;; Prints 1 if V is set, 0 if not. LDA does not touch V, so the flag from the
;; addition is still there when BVS looks at it.
print_v:
        LDA #'0'
        BVC print_digit
        LDA #'1'
print_digit:
        STA CONSOLE
        RTS
