; Chapter 10, the 65C02: a CPU family evolves. WDC's CMOS 65C02 runs the 6502's programs, fixes the NMOS
; chip's known faults and adds instructions that save bytes. Run it on the 65C02: moth run --cpu 65c02.
; args: --cpu 65c02
; expect: JMP ($30FF) found its target
; expect: $99 + $01 in decimal = $00, Z=1
; expect: D in the IRQ handler: 0
; expect: D after RTI: 1
; expect: PHX and PHY kept A: AXY
; expect: STZ, then INC A twice: 2
        .setcpu "65C02"

CONSOLE = $F001
TIMER_PERIOD_LOW = $F010
TIMER_PERIOD_HIGH = $F011
TIMER_CONTROL = $F012
TIMER_STATUS = $F013
IRQ_VECTOR = $FFFE
;; TEXT is a pointer in zero page for print_line; SEEN_D is what the IRQ
;; handler found in the D flag ($FF until it runs); COUNT is a spare byte.
TEXT = $10
SEEN_D = $12
COUNT = $13
;; A pointer whose two bytes straddle a page: $30FF and $3100.
POINTER = $30FF

;; 1. The JMP ($xxFF) bug. The NMOS 6502 adds 1 to the low byte of the
;; pointer only, so JMP ($30FF) takes its high byte from $3000, not $3100.
;; The 65C02 carries into the next page (one cycle more: 6 instead of 5).
        LDA #<found
        STA POINTER
        LDA #>found
        STA POINTER+1
;; On the NMOS chip this byte would be the high half of the jump address.
        LDA #$EE
        STA $3000
        JMP (POINTER)
found:
        LDA #<jmp_text
        LDX #>jmp_text
        JSR print_line

;; 2. Decimal flags. $99 + $01 is 100: the byte becomes $00 and C is 1.
;; The NMOS chip takes Z from the binary sum $9A, so Z=0; the 65C02 spends
;; one more cycle and sets N and Z from the decimal result: Z=1.
        SED
        CLC
        LDA #$99
        ADC #$01
        PHP
        CLD
        LDA #<decimal_text
        LDX #>decimal_text
        JSR print_text
        PLA
        AND #%00000010
        LSR A
        JSR print_digit_line

;; 3. Interrupts clear D. An IRQ can come in the middle of decimal code;
;; on the NMOS chip the handler then starts with D still set and every
;; ADC in it goes wrong. The 65C02 clears D on the way in; RTI restores it.
        SEI
        LDA #<irq_handler
        STA IRQ_VECTOR
        LDA #>irq_handler
        STA IRQ_VECTOR+1
        LDA #$FF
        STA SEEN_D
        LDA #100
        STA TIMER_PERIOD_LOW
        STZ TIMER_PERIOD_HIGH
        LDA #%00000011
        STA TIMER_CONTROL
        SED
        CLI
wait:
        LDA SEEN_D
        BMI wait
        PHP
        CLD
        SEI
        LDA #<handler_text
        LDX #>handler_text
        JSR print_text
        LDA SEEN_D
        JSR print_digit_line
        LDA #<after_text
        LDX #>after_text
        JSR print_text
        PLA
        AND #%00001000
        LSR A
        LSR A
        LSR A
        JSR print_digit_line

;; 4. New instructions. PHX and PHY push X and Y themselves: the NMOS chip
;; had to copy them into A first (TXA, PHA), losing what A held.
        LDA #'A'
        LDX #'X'
        LDY #'Y'
        PHX
        PHY
        LDX #0
        LDY #0
        PLY
        PLX
        PHA
        LDA #<kept_text
        LDX #>kept_text
        JSR print_text
        PLA
        STA CONSOLE
;; X and Y came back from the stack; print_text left them alone (PHX/PHY).
        LDX #'X'
        STX CONSOLE
        STY CONSOLE
        LDA #$0A
        STA CONSOLE

;; STZ stores zero without loading A with 0 first (3 bytes for the pair
;; LDA #0 / STA became 2); INC A adds one without CLC and ADC #1.
        STZ COUNT
        LDA #<count_text
        LDX #>count_text
        JSR print_text
        LDA COUNT
        INC A
        INC A
        JSR print_digit_line
        BRK

;; The handler: P was pushed with D as the main program had it (1); inside,
;; D reads 0. It records D, acknowledges the timer and stops it.
irq_handler:
        PHA
        PHP
        PLA
        AND #%00001000
        LSR A
        LSR A
        LSR A
        STA SEEN_D
        STA TIMER_STATUS
        STZ TIMER_CONTROL
        PLA
        RTI

;; print_line: the zero-terminated text at X:A, then a new line.
print_line:
        JSR print_text
        LDA #$0A
        STA CONSOLE
        RTS

;; print_text: the text at X:A (low byte in A). LDA (TEXT) is the new (zp)
;; mode: a pointer in zero page with no index, so Y stays free.
print_text:
        STA TEXT
        STX TEXT+1
next_char:
        LDA (TEXT)
        BEQ text_done
        STA CONSOLE
        INC TEXT
        BNE next_char
        INC TEXT+1
;; BRA always branches: a JMP in two bytes instead of three.
        BRA next_char
text_done:
        RTS

;; print_digit_line: A (0-9) as a digit, then a new line.
print_digit_line:
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        RTS

jmp_text:       .byte "JMP ($30FF) found its target", 0
decimal_text:   .byte "$99 + $01 in decimal = $00, Z=", 0
handler_text:   .byte "D in the IRQ handler: ", 0
after_text:     .byte "D after RTI: ", 0
kept_text:      .byte "PHX and PHY kept A: ", 0
count_text:     .byte "STZ, then INC A twice: ", 0
