; Chapter 7, exercise 3: a handler must leave the registers as it found them. The timer interrupts every
; 150 cycles while the main loop prints the alphabet with X as its index; the handler uses A, X and Y
; itself, and saves and restores them, so the main loop never notices.
; expect: ABCDEFGHIJKLMNOPQRSTUVWXYZ
; expect: interrupted many times

CONSOLE = $F001
TIMER_PERIOD_LOW = $F010
TIMER_PERIOD_HIGH = $F011
TIMER_CONTROL = $F012
TIMER_STATUS = $F013
IRQ_VECTOR = $FFFE
TICKS = $10

        SEI
        LDA #<handler
        STA IRQ_VECTOR
        LDA #>handler
        STA IRQ_VECTOR+1
        LDA #0
        STA TICKS
        LDA #150
        STA TIMER_PERIOD_LOW
        LDA #0
        STA TIMER_PERIOD_HIGH
        LDA #%00000011
        STA TIMER_CONTROL
        CLI

        LDX #0
letter:
        TXA
        CLC
        ADC #'A'
        STA CONSOLE
;; A delay, so several interrupts land in the middle of this loop.
        LDY #20
delay:
        DEY
        BNE delay
        INX
        CPX #26
        BNE letter
        LDA #$0A
        STA CONSOLE

        SEI
        LDA #0
        STA TIMER_CONTROL
;; More than ten interrupts is "many".
        LDA TICKS
        CMP #10
        BCC finished
        LDX #0
report:
        LDA many_text,X
        BEQ finished
        STA CONSOLE
        INX
        BNE report
finished:
        BRK

;; Save A, X and Y on the stack; restore them in the reverse order.
handler:
        PHA
        TXA
        PHA
        TYA
        PHA
        STA TIMER_STATUS
        INC TICKS
;; Wreck all three registers on purpose: the main loop must not care.
        LDA #$FF
        TAX
        TAY
        PLA
        TAY
        PLA
        TAX
        PLA
        RTI

many_text:
        .byte "interrupted many times", $0A, 0
