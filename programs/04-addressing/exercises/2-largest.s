; Chapter 4, exercise 2: find the largest byte of an array and print it in hex through a digit table.
; expect: $A5

CONSOLE = $F001
LARGEST = $10
COUNT = 6

        LDA #0
        STA LARGEST
        LDX #COUNT - 1
check:
        LDA values,X
;; Compare with the largest so far: C = 0 means this value is smaller.
        CMP LARGEST
        BCC smaller
        STA LARGEST
smaller:
        DEX
        BPL check

        LDA #'$'
        STA CONSOLE
        LDA LARGEST
        LSR A
        LSR A
        LSR A
        LSR A
        TAX
        LDA hex_digits,X
        STA CONSOLE
        LDA LARGEST
        AND #$0F
        TAX
        LDA hex_digits,X
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK

values:
        .byte $12, $7F, $03, $A5, $40, $99
hex_digits:
        .byte "0123456789ABCDEF"
