; Chapter 2, exercise 3: the 6502 cannot multiply, but shifting left doubles a number, so
; x * 10 = (x * 4 + x) * 2. For x = 5 the answer is 50, which is $32 in hex.
; expect: $32

CONSOLE = $F001
X_VALUE = $10

        LDA #5
        STA X_VALUE
;; ASL shifts every bit one place left: 5 → 10 → 20 (x * 4).
        ASL A
        ASL A
;; x * 4 + x = 25.
        CLC
        ADC X_VALUE
;; (x * 4 + x) * 2 = 50 = $32.
        ASL A
        STA $11

        LDA #'$'
        STA CONSOLE
        LDA $11
        LSR A
        LSR A
        LSR A
        LSR A
        CLC
        ADC #'0'
        STA CONSOLE
        LDA $11
        AND #$0F
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
