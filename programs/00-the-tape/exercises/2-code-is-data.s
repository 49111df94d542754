; Chapter 0, exercise 2: instructions sit in the same memory as data, so a program can rewrite itself.
; The LDA at `patch` says 'N', but the first two instructions overwrite its operand byte with 'Y' before
; the CPU gets there, so the program prints Y.
; expect: Y

;; $59 is 'Y'.
        LDA #$59
;; patch+1 is the address of the operand byte of the LDA below (patch is its opcode $A9).
        STA patch+1
patch:
;; By the time PC reaches this instruction its second byte is $59, not $4E ('N').
        LDA #$4E
        STA $F001
        LDA #$0A
        STA $F001
        BRK
