; Chapter 5, the stack and subroutines: JSR leaves a return address on the stack and RTS takes it back,
; so one piece of code can be called from many places; PHA and PLA park values on the same stack.
; expect: Hello from a subroutine.
; expect: A call uses 2 bytes of stack.
; expect: $2A $07 $FF
; expect: Goodbye from the same subroutine.

CONSOLE = $F001
NEWLINE = $0A
TEXT = $10
OUTER_SP = $12

;; Call print_line with the address of a text in A (low byte) and X (high
;; byte). JSR pushes the return address, then jumps. Watch the stack pane.
        LDA #<hello
        LDX #>hello
        JSR print_line

;; How much stack does a call use? Keep SP now, then compare it inside a
;; subroutine. TSX copies SP into X.
        TSX
        STX OUTER_SP
        JSR measure

;; Print a table of bytes in hex. print_hex changes A and Y but saves X,
;; so X can keep counting here across the calls.
        LDX #0
next_value:
        LDA values,X
        JSR print_hex
        INX
        CPX #3
        BEQ values_done
        LDA #' '
        STA CONSOLE
        JMP next_value
values_done:
        JSR print_newline

;; The same subroutine again, with another text: code written once, used
;; twice. That is the point of subroutines.
        LDA #<goodbye
        LDX #>goodbye
        JSR print_line
        BRK

; ---------------------------------------------------------------------
;; print_line: prints the zero-terminated text at (A low, X high), then a
;; new line. It calls two more subroutines: calls nest, and each RTS goes
;; back to whoever called that subroutine.
print_line:
        STA TEXT
        STX TEXT+1
        JSR print_text
        JSR print_newline
;; RTS pulls the return address JSR pushed and continues after that JSR.
        RTS

;; print_text: prints the zero-terminated text that TEXT points to.
print_text:
        LDY #0
print_char:
        LDA (TEXT),Y
        BEQ print_text_done
        STA CONSOLE
        INY
        BNE print_char
print_text_done:
        RTS

print_newline:
        LDA #NEWLINE
        STA CONSOLE
        RTS

;; measure: SP here is lower than in the caller by the bytes JSR pushed.
measure:
        TSX
;; OUTER_SP - SP = the bytes the call put on the stack (the stack grows
;; down, from $01FF towards $0100).
        TXA
        EOR #$FF
        SEC
        ADC OUTER_SP
        CLC
        ADC #'0'
        STA digit
        LDA #<stack_text
        LDX #>stack_text
        JMP print_line

;; print_hex: prints A as two hex digits after a $. It uses X, so it pushes
;; X first and pulls it back at the end: the caller's X survives.
print_hex:
;; There is no PHX on the 6502: X goes through A. Keep A too (PHA).
        PHA
        TXA
        PHA
        LDA #'$'
        STA CONSOLE
;; The stack now holds: the return address, A, X. Peek at A without
;; pulling it: TSX makes the stack addressable as $0100,X.
        TSX
        LDA $0102,X
        LSR A
        LSR A
        LSR A
        LSR A
        TAY
        LDA hex_digits,Y
        STA CONSOLE
        LDA $0102,X
        AND #$0F
        TAY
        LDA hex_digits,Y
        STA CONSOLE
;; Pull in the reverse order of the pushes: last in, first out.
        PLA
        TAX
        PLA
        RTS

hello:
        .byte "Hello from a subroutine.", 0
goodbye:
        .byte "Goodbye from the same subroutine.", 0
stack_text:
        .byte "A call uses "
digit:
        .byte "? bytes of stack.", 0
values:
        .byte $2A, $07, $FF
hex_digits:
        .byte "0123456789ABCDEF"
