; Chapter 2, exercise 1: 5 - 7 needs a borrow. The result wraps to $FE (which is -2 as a signed byte) and
; SBC clears C to say it borrowed. The program prints the carry.
; expect: C=0

CONSOLE = $F001

;; C = 1 before SBC means "no borrow pending".
        SEC
        LDA #5
;; 5 - 7 - (1 - 1) = -2 = $FE; the operand was bigger, so C = 0.
        SBC #7
        STA $10
;; '0' + 0 + C: prints the carry as a digit.
        LDA #'0'
        ADC #0
        TAX
        LDA #'C'
        STA CONSOLE
        LDA #'='
        STA CONSOLE
        STX CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
