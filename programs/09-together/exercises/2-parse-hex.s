; Chapter 9, exercise 2: the heart of the monitor. Read a hex number from the input, add one to it as a
; 16-bit value, and print it in hex again.
; input: c0de
; expect: $C0DF

CONSOLE_OUT = $F001
CONSOLE_IN = $F004
CONSOLE_STATUS = $F005
VALUE = $10

        LDA #0
        STA VALUE
        STA VALUE+1
read:
        LDA CONSOLE_STATUS
        BMI done
        LSR A
        BCC read
        LDA CONSOLE_IN
        JSR hex_value
;; Anything that is not a hex digit (the new line) ends the number.
        BCS done
;; VALUE = VALUE * 16 + digit.
        LDX #4
shift:
        ASL VALUE
        ROL VALUE+1
        DEX
        BNE shift
        ORA VALUE
        STA VALUE
        JMP read
done:
        INC VALUE
        BNE no_carry
        INC VALUE+1
no_carry:
        LDA #'$'
        STA CONSOLE_OUT
        LDA VALUE+1
        JSR print_hex
        LDA VALUE
        JSR print_hex
        LDA #$0A
        STA CONSOLE_OUT
        BRK

;; hex_value: A = the value of the hex digit in A with C = 0, or C = 1.
hex_value:
        CMP #'0'
        BCC not_hex
        CMP #'9' + 1
        BCC decimal_digit
;; Clearing bit 5 makes a lower-case letter a capital.
        AND #%11011111
        CMP #'A'
        BCC not_hex
        CMP #'F' + 1
        BCS not_hex
;; C = 0 here, so SBC takes one more: 'A' - ('A' - 11) - 1 = 10.
        SBC #'A' - 11
        CLC
        RTS
decimal_digit:
        SBC #'0' - 1
        CLC
        RTS
not_hex:
        SEC
        RTS

print_hex:
        PHA
        LSR A
        LSR A
        LSR A
        LSR A
        TAX
        LDA hex_digits,X
        STA CONSOLE_OUT
        PLA
        AND #$0F
        TAX
        LDA hex_digits,X
        STA CONSOLE_OUT
        RTS

hex_digits:
        .byte "0123456789ABCDEF"
