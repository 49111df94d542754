; Chapter 6, input and output: devices are addresses. Reading $F004 takes a typed byte, writing $F001 prints
; one, and storing into $0200-$05FF lights a pixel on the 32x32 display.
; input: moth
; expect: What is your name? Hello, MOTH!
; expect: Now look at the display.

CONSOLE_OUT = $F001
CONSOLE_IN = $F004
CONSOLE_STATUS = $F005
DISPLAY = $0200
NEWLINE = $0A
POINTER = $10

        LDX #0
ask:
        LDA question,X
        BEQ read_name
        STA CONSOLE_OUT
        INX
        BNE ask

read_name:
        LDX #0
wait_for_key:
;; Polling: ask the console whether a byte is waiting, again and again.
;; Bit 7 of the status says the input has ended; BMI tests exactly that bit.
        LDA CONSOLE_STATUS
        BMI name_done
;; Bit 0 says a byte is waiting; LSR moves it into C.
        LSR A
        BCC wait_for_key
;; Reading this address takes the byte, so the next read gets the next one.
;; A read with a side effect: the reason devices are not plain memory.
        LDA CONSOLE_IN
        CMP #NEWLINE
        BEQ name_done
;; Lower-case letters are 32 above their capitals: 'a' is $61, 'A' is $41.
        CMP #'a'
        BCC keep
        CMP #'z' + 1
        BCS keep
        AND #%11011111
keep:
        STA name,X
        INX
        CPX #20
        BNE wait_for_key
name_done:
        LDA #0
        STA name,X

        LDX #0
greet:
        LDA hello,X
        BEQ print_name
        STA CONSOLE_OUT
        INX
        BNE greet
print_name:
        LDX #0
print_next:
        LDA name,X
        BEQ print_end
        STA CONSOLE_OUT
        INX
        BNE print_next
print_end:
        LDA #'!'
        STA CONSOLE_OUT
        LDA #NEWLINE
        STA CONSOLE_OUT

;; The display is plain memory: one byte per pixel, 32 pixels per row,
;; row 0 at $0200. The low four bits pick one of 16 colours.
;; First a stripe of all 16 colours across the top row, twice.
        LDX #0
colour_bar:
        TXA
        STA DISPLAY,X
        INX
        CPX #32
        BNE colour_bar

;; Then a white diagonal: pixel (x, y) is at $0200 + y * 32 + x, so one step
;; down and right is 33 bytes further on. A pointer walks it.
        LDA #<(DISPLAY + 32)
        STA POINTER
        LDA #>(DISPLAY + 32)
        STA POINTER+1
        LDX #31
        LDY #0
diagonal:
;; Colour 1 is white.
        LDA #1
        STA (POINTER),Y
;; POINTER = POINTER + 33, a 16-bit addition as in chapter 2.
        CLC
        LDA POINTER
        ADC #33
        STA POINTER
        LDA POINTER+1
        ADC #0
        STA POINTER+1
        DEX
        BNE diagonal

        LDX #0
look:
        LDA look_text,X
        BEQ finished
        STA CONSOLE_OUT
        INX
        BNE look
finished:
        BRK

question:
        .byte "What is your name? ", 0
hello:
        .byte "Hello, ", 0
look_text:
        .byte "Now look at the display.", NEWLINE, 0
name:
        .res 21
