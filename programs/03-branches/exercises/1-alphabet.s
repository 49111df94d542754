; Chapter 3, exercise 1: print the alphabet with one loop. A holds the letter itself; CMP stops the loop
; after Z.
; expect: ABCDEFGHIJKLMNOPQRSTUVWXYZ

CONSOLE = $F001

        LDA #'A'
next_letter:
        STA CONSOLE
        CLC
        ADC #1
;; 'Z' + 1 is the first code past the alphabet; equal means we are done.
        CMP #'Z' + 1
        BNE next_letter
        LDA #$0A
        STA CONSOLE
        BRK
