; Chapter 5, exercise 1: the stack is last in, first out, so pushing a text and pulling it back reverses it.
; expect: kcats

CONSOLE = $F001

        LDX #0
push_next:
        LDA word,X
        BEQ pushed
;; Each PHA stores A at $0100 + SP, then SP goes down by one.
        PHA
        INX
        JMP push_next
pushed:
;; X counted the characters; pull that many. PLA takes the last one first.
pull_next:
        PLA
        STA CONSOLE
        DEX
        BNE pull_next
        LDA #$0A
        STA CONSOLE
        BRK

word:
        .byte "stack", 0
