; Chapter 2, exercise 2: a 16-bit addition, $12FF + $0103 = $1402, printed as four hex digits. Every digit
; of the answer is below 10, so each prints as digit + '0'; LSR and AND split a byte into its two digits.
; expect: $1402

CONSOLE = $F001
RESULT_LOW = $10
RESULT_HIGH = $11

;; Low bytes first, with no carry coming in.
        CLC
        LDA #$FF
        ADC #$03
;; $FF + $03 = $102: A = $02 and C = 1.
        STA RESULT_LOW
;; High bytes plus the carry: $12 + $01 + 1 = $14.
        LDA #$12
        ADC #$01
        STA RESULT_HIGH

        LDA #'$'
        STA CONSOLE
;; The high digit of a byte: shift right four times, so bits 7-4 become 3-0.
        LDA RESULT_HIGH
        LSR A
        LSR A
        LSR A
        LSR A
        CLC
        ADC #'0'
        STA CONSOLE
;; The low digit: AND keeps only the bits that are 1 in $0F, bits 3-0.
        LDA RESULT_HIGH
        AND #$0F
        CLC
        ADC #'0'
        STA CONSOLE
        LDA RESULT_LOW
        LSR A
        LSR A
        LSR A
        LSR A
        CLC
        ADC #'0'
        STA CONSOLE
        LDA RESULT_LOW
        AND #$0F
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
