; Chapter 4, exercise 1: print a text backwards by indexing from its last byte down to its first.
; expect: desserts

CONSOLE = $F001
LENGTH = 8

;; X starts at the last character, LENGTH - 1.
        LDX #LENGTH - 1
backwards:
        LDA word,X
        STA CONSOLE
        DEX
;; After X = 0 prints, DEX wraps to $FF, sets N, and the loop ends.
        BPL backwards
        LDA #$0A
        STA CONSOLE
        BRK

word:
        .byte "stressed"
