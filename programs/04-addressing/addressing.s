; Chapter 4, addressing modes: one instruction, many ways to say where its byte is. Indexed modes walk
; through tables and arrays; indirect modes follow a pointer kept in zero page.
; expect: Tables are indexed.
; expect: sum = $64
; expect: Pointers point.

CONSOLE = $F001
NEWLINE = $0A
;; Two zero-page bytes that hold an address: a pointer. Low byte at $10,
;; high byte at $11, like every 16-bit value on the 6502.
POINTER = $10
SUM = $12
;; How many bytes the `numbers` array at the end holds.
NUMBER_COUNT = 5

;; Absolute,X: the address is `title` plus X. X walks along the text; the
;; 0 byte at the end stops the loop (LDA sets Z when it loads 0).
        LDX #0
print_title:
        LDA title,X
        BEQ title_done
        STA CONSOLE
        INX
        JMP print_title
title_done:
        LDA #NEWLINE
        STA CONSOLE

;; Add up an array of bytes with absolute,Y. Y counts down from the last
;; element to 0, so DEY's flags end the loop without a compare.
        LDA #0
        LDY #NUMBER_COUNT - 1
add_next:
        CLC
        ADC numbers,Y
        DEY
        BPL add_next
        STA SUM
        LDX #0
print_label:
        LDA sum_label,X
        BEQ label_done
        STA CONSOLE
        INX
        JMP print_label
label_done:
;; A table turns a number into a character: hex_digits,X is the digit for X.
;; The high four bits of the sum, shifted down, pick the first digit...
        LDA SUM
        LSR A
        LSR A
        LSR A
        LSR A
        TAX
        LDA hex_digits,X
        STA CONSOLE
;; ...and the low four bits pick the second.
        LDA SUM
        AND #$0F
        TAX
        LDA hex_digits,X
        STA CONSOLE
        LDA #NEWLINE
        STA CONSOLE

;; Indirect indexed, (POINTER),Y: read the address stored at POINTER and
;; POINTER+1, then add Y. First store the address of `ending` there; the
;; < and > operators take the low and high byte of an address.
        LDA #<ending
        STA POINTER
        LDA #>ending
        STA POINTER+1
        LDY #0
print_ending:
;; The same loop works for any text: only the pointer says which one.
        LDA (POINTER),Y
        BEQ ending_done
        STA CONSOLE
        INY
        JMP print_ending
ending_done:
        LDA #NEWLINE
        STA CONSOLE
        BRK

title:
        .byte "Tables are indexed.", 0
sum_label:
        .byte "sum = $", 0
ending:
        .byte "Pointers point.", 0
;; Five bytes: 10 + 20 + 30 + 25 + 15 = 100 = $64.
numbers:
        .byte 10, 20, 30, 25, 15
hex_digits:
        .byte "0123456789ABCDEF"
