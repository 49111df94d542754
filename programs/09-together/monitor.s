; Chapter 9, putting it together: a tiny machine-code monitor, the program early home computers greeted
; you with. Type hex addresses and bytes on the console:
;   0300          show the byte at $0300
;   0300.030F     show the bytes from $0300 to $030F
;   0300: A9 41   store bytes, starting at $0300
;   0300R         run the code at $0300 as a subroutine (it must end with RTS)
; Several commands can share a line. The input below stores a program that prints OK, lists it, and runs it.
; input: 0300: A9 4F 8D 01 F0 A9 4B 8D 01 F0 A9 0A 8D 01 F0 60  0300.030F  0300R  0301
; expect: moth monitor
; expect: 0300: A9 4F 8D 01 F0 A9 4B 8D
; expect: 0308: 01 F0 A9 0A 8D 01 F0 60
; expect: OK
; expect: 0301: 4F
; expect: bye

CONSOLE_OUT = $F001
CONSOLE_IN = $F004
CONSOLE_STATUS = $F005
NEWLINE = $0A

;; Zero page: where the monitor keeps its state.
ADDRESS = $30
STORE = $32
VALUE = $34
;; What a hex number means depends on what came before it: 0 = examine,
;; ':' = store, '.' = show a range.
MODE = $36
;; 1 while the console's current line has something on it.
LINE_OPEN = $37
DIGITS = $38
;; The longest line kept; the rest of a longer line is dropped.
LINE_LENGTH = 80

        LDA #0
        STA LINE_OPEN
        LDA #<banner
        LDX #>banner
        JSR print_text
        JSR end_line

next_line:
        JSR read_line
;; read_line returns C = 1 when the input has ended.
        BCS quit
        JSR run_line
        JSR end_line
        JMP next_line

quit:
        JSR end_line
        LDA #<goodbye
        LDX #>goodbye
        JSR print_text
        JSR end_line
        BRK

; ---------------------------------------------------------------------
;; read_line: reads characters into BUFFER until a new line, then puts a 0
;; after them. C = 1 if the input ended before anything was read.
read_line:
        LDX #0
wait_for_char:
        LDA CONSOLE_STATUS
        BMI input_ended
        LSR A
        BCC wait_for_char
        LDA CONSOLE_IN
        CMP #NEWLINE
        BEQ line_done
        CPX #LINE_LENGTH
        BEQ wait_for_char
        STA BUFFER,X
        INX
        JMP wait_for_char
input_ended:
        CPX #0
        BNE line_done
        SEC
        RTS
line_done:
        LDA #0
        STA BUFFER,X
        CLC
        RTS

;; run_line: carries out every command in BUFFER, left to right.
run_line:
        LDA #0
        STA MODE
        LDY #0
next_char:
        LDA BUFFER,Y
        BNE not_end
        RTS
not_end:
        CMP #' '
        BEQ skip_char
        CMP #'.'
        BEQ set_mode
        CMP #':'
        BNE not_colon
;; "ADDR:" - bytes that follow are stored from ADDR on.
        LDA ADDRESS
        STA STORE
        LDA ADDRESS+1
        STA STORE+1
        LDA #':'
set_mode:
        STA MODE
skip_char:
        INY
        JMP next_char
not_colon:
        CMP #'R'
        BEQ run_command
        CMP #'r'
        BEQ run_command
        JSR parse_hex
        BCS bad_char
        LDA MODE
        CMP #':'
        BEQ store_byte
        CMP #'.'
        BEQ show_range
;; A number on its own: it becomes the current address...
        LDA VALUE
        STA ADDRESS
        LDA VALUE+1
        STA ADDRESS+1
;; ...and is shown, unless a command character follows it (`0300:`,
;; `0300.0310`, `0300R`), which will use the address instead.
        LDA BUFFER,Y
        CMP #':'
        BEQ next_char
        CMP #'.'
        BEQ next_char
        CMP #'R'
        BEQ next_char
        CMP #'r'
        BEQ next_char
        JSR show_header
        JSR show_byte
        JMP next_char

store_byte:
        STY DIGITS
        LDY #0
        LDA VALUE
        STA (STORE),Y
        LDY DIGITS
        INC STORE
        BNE next_char
        INC STORE+1
        JMP next_char

show_range:
        JSR dump
        LDA #0
        STA MODE
        JMP next_char

run_command:
        INY
        TYA
        PHA
        JSR end_line
;; JSR to a trampoline whose JMP (ADDRESS) goes to the user's code; the
;; user's RTS then comes back here.
        JSR jump_to_address
        LDA #0
        STA LINE_OPEN
        PLA
        TAY
        JMP next_char

bad_char:
        JSR end_line
        LDA #'?'
        JSR print_char
        RTS

jump_to_address:
        JMP (ADDRESS)

;; parse_hex: reads hex digits from BUFFER,Y into VALUE (keeping the last
;; four). Y ends after the digits. C = 1 if there was no digit at all.
parse_hex:
        LDA #0
        STA VALUE
        STA VALUE+1
        STA DIGITS
parse_digit:
        LDA BUFFER,Y
        JSR hex_value
        BCS parse_end
;; VALUE = VALUE * 16 + digit: four 16-bit shifts, then OR in the digit.
        LDX #4
shift:
        ASL VALUE
        ROL VALUE+1
        DEX
        BNE shift
        ORA VALUE
        STA VALUE
        INC DIGITS
        INY
        JMP parse_digit
parse_end:
        LDA DIGITS
        CMP #1
;; C = 1 when DIGITS >= 1, the opposite of what we return: flip it.
        ROL A
        EOR #1
        LSR A
        RTS

;; hex_value: A = the value of the hex digit in A, C = 0; C = 1 if not one.
hex_value:
        CMP #'0'
        BCC not_hex
        CMP #'9' + 1
        BCC decimal_digit
        AND #%11011111
        CMP #'A'
        BCC not_hex
        CMP #'F' + 1
        BCS not_hex
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

;; dump: shows the bytes from ADDRESS to VALUE, eight to a line.
dump:
        JSR show_header
dump_byte:
        JSR show_byte
        LDA ADDRESS
        CMP VALUE
        BNE dump_more
        LDA ADDRESS+1
        CMP VALUE+1
        BEQ dump_done
dump_more:
        INC ADDRESS
        BNE same_page
        INC ADDRESS+1
same_page:
        LDA ADDRESS
        AND #7
        BNE dump_byte
        JMP dump
dump_done:
        RTS

;; show_header: a new line starting "AAAA:".
show_header:
        JSR end_line
        LDA ADDRESS+1
        JSR print_hex
        LDA ADDRESS
        JSR print_hex
        LDA #':'
        JMP print_char

;; show_byte: " BB" for the byte at ADDRESS.
show_byte:
        LDA #' '
        JSR print_char
        STY DIGITS
        LDY #0
        LDA (ADDRESS),Y
        LDY DIGITS
        JMP print_hex

;; print_hex: A as two hex digits. Keeps X and Y.
print_hex:
        PHA
        LSR A
        LSR A
        LSR A
        LSR A
        JSR print_digit
        PLA
        AND #$0F
print_digit:
        STX DIGITS+1
        TAX
        LDA hex_digits,X
        LDX DIGITS+1
print_char:
        STA CONSOLE_OUT
        LDA #1
        STA LINE_OPEN
        RTS

;; end_line: ends the console line, unless it is empty already.
end_line:
        LDA LINE_OPEN
        BEQ line_empty
        LDA #NEWLINE
        STA CONSOLE_OUT
        LDA #0
        STA LINE_OPEN
line_empty:
        RTS

;; print_text: prints the zero-terminated text at (A low, X high).
print_text:
        STA VALUE
        STX VALUE+1
        LDY #0
print_next:
        LDA (VALUE),Y
        BEQ printed
        JSR print_char
        INY
        BNE print_next
printed:
        RTS

banner:
        .byte "moth monitor", 0
goodbye:
        .byte "bye", 0
hex_digits:
        .byte "0123456789ABCDEF"
BUFFER:
        .res LINE_LENGTH + 1
