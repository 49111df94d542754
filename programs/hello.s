; hello.s: moth's first program. It prints a greeting one byte at a time through the console port and
; stops at BRK. `npm start` opens it in the debugger; `moth run programs/hello.s` runs it.
; expect: Hello from moth, a 6502 you can read!

;; Writing a byte to $F001 prints it: the console is just an address.
CONSOLE_OUT = $F001

        .org $0600
;; X is the index into the message: start at its first byte.
start:  LDX #0
;; Load the next character: the address is message + X.
next:   LDA message,X
;; The message ends with a zero byte; LDA set the Z flag if A is zero.
        BEQ done
;; Print it.
        STA CONSOLE_OUT
;; Move to the next character and go round again (BNE: X did not wrap to 0).
        INX
        BNE next
;; BRK stops the program on moth's default machine.
done:   BRK

message:
        .byte "Hello from moth, a 6502 you can read!", $0A, 0
