; Chapter 4, exercise 3: a table of pointers. `messages` holds three addresses (.word stores each low byte
; first); the program copies one at a time into a zero-page pointer and prints through it with (ptr),Y,
; in the order the `order` table gives.
; expect: third
; expect: first
; expect: second

CONSOLE = $F001
POINTER = $10
STEP = $12

        LDA #0
        STA STEP
next_message:
        LDX STEP
;; Which message? Its number times two is its offset in the word table.
        LDA order,X
        ASL A
        TAX
        LDA messages,X
        STA POINTER
        LDA messages+1,X
        STA POINTER+1
        LDY #0
print:
        LDA (POINTER),Y
        BEQ printed
        STA CONSOLE
        INY
        JMP print
printed:
        LDA #$0A
        STA CONSOLE
        INC STEP
        LDA STEP
        CMP #3
        BNE next_message
        BRK

order:
        .byte 2, 0, 1
messages:
        .word first, second, third
first:
        .byte "first", 0
second:
        .byte "second", 0
third:
        .byte "third", 0
