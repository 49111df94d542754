; Exercise 1 (answer): print the bytes of a table in hex with a subroutine that keeps X and Y. On the NMOS
; chip it would have to save A first (PHA, TXA, PHA, TYA, PHA ...); with PHX and PHY, A (the byte to print)
; goes straight in and X, the loop's index, comes back untouched.
; args: --cpu 65c02
; expect: 12 AB F0
        .setcpu "65C02"

CONSOLE = $F001

        LDX #0
next:
        LDA table,X
        JSR print_hex
        INX
        CPX #3
        BEQ done
        LDA #' '
        STA CONSOLE
        BRA next
done:
        LDA #$0A
        STA CONSOLE
        BRK

;; print_hex: A as two hex digits. It uses X and Y, and gives them back.
print_hex:
        PHX
        PHY
        TAY
        LSR A
        LSR A
        LSR A
        LSR A
        TAX
        LDA digits,X
        STA CONSOLE
        TYA
        AND #$0F
        TAX
        LDA digits,X
        STA CONSOLE
        PLY
        PLX
        RTS

table:  .byte $12, $AB, $F0
digits: .byte "0123456789ABCDEF"
