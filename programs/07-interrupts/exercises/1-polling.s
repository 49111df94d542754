; Chapter 7, exercise 1: the same timer without interrupts. With control bit 1 off the timer never raises
; IRQ; the program watches bit 7 of its status instead (polling, as in chapter 6) and acknowledges it.
; expect: poll 1
; expect: poll 2
; expect: poll 3

CONSOLE = $F001
TIMER_PERIOD_LOW = $F010
TIMER_PERIOD_HIGH = $F011
TIMER_CONTROL = $F012
TIMER_STATUS = $F013
COUNT = $10

        LDA #<5000
        STA TIMER_PERIOD_LOW
        LDA #>5000
        STA TIMER_PERIOD_HIGH
;; Bit 0 only: the timer runs but keeps quiet.
        LDA #%00000001
        STA TIMER_CONTROL
        LDA #0
        STA COUNT
wait:
;; Bit 7 set means a period has passed; BIT copies bit 7 of memory into N
;; without touching A.
        BIT TIMER_STATUS
        BPL wait
;; Acknowledge, so the bit clears until the next period.
        STA TIMER_STATUS
        INC COUNT
        LDX #0
print:
        LDA text,X
        BEQ number
        STA CONSOLE
        INX
        BNE print
number:
        LDA COUNT
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        LDA COUNT
        CMP #3
        BNE wait
        LDA #0
        STA TIMER_CONTROL
        BRK

text:
        .byte "poll ", 0
