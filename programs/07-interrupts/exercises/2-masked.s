; Chapter 7, exercise 2: SEI holds IRQ off, but does not make it go away. The timer fires while I is set;
; the program sees the status bit, and the moment CLI clears I the CPU takes the waiting IRQ, before the
; next instruction of the main program.
; expect: pending
; expect: handled
; expect: back

CONSOLE = $F001
TIMER_PERIOD_LOW = $F010
TIMER_PERIOD_HIGH = $F011
TIMER_CONTROL = $F012
TIMER_STATUS = $F013
IRQ_VECTOR = $FFFE
TEXT = $10

        SEI
        LDA #<handler
        STA IRQ_VECTOR
        LDA #>handler
        STA IRQ_VECTOR+1
        LDA #<1000
        STA TIMER_PERIOD_LOW
        LDA #>1000
        STA TIMER_PERIOD_HIGH
;; Run, and raise IRQ: but I is set, so the CPU ignores the line for now.
        LDA #%00000011
        STA TIMER_CONTROL
wait:
        BIT TIMER_STATUS
        BPL wait
;; The timer has fired and IRQ is asserted, yet nothing happened.
        LDA #<pending_text
        LDX #>pending_text
        JSR print_line
;; Now let it through: the handler runs right after CLI (the 6502 finishes
;; one more instruction first, here the NOP).
        CLI
        NOP
        LDA #<back_text
        LDX #>back_text
        JSR print_line
        BRK

handler:
        PHA
        TXA
        PHA
        TYA
        PHA
;; Stop the timer and acknowledge it, so the IRQ line drops.
        LDA #0
        STA TIMER_CONTROL
        STA TIMER_STATUS
        LDA #<handled_text
        LDX #>handled_text
        JSR print_line
        PLA
        TAY
        PLA
        TAX
        PLA
        RTI

print_line:
        STA TEXT
        STX TEXT+1
        LDY #0
print_char:
        LDA (TEXT),Y
        BEQ print_end
        STA CONSOLE
        INY
        BNE print_char
print_end:
        LDA #$0A
        STA CONSOLE
        RTS

pending_text:
        .byte "pending", 0
handled_text:
        .byte "handled", 0
back_text:
        .byte "back", 0
