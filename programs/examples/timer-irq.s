; timer-irq.s: the timer device interrupts the CPU every 1,000 cycles. The handler counts interrupts;
; the main program waits with a JMP to itself (moth knows a jump to itself with an interrupt on its way
; is waiting, not stuck), and after 5 interrupts the handler prints the count and exits.
; expect: 5 interrupts
; expect-stop: exit

CONSOLE_OUT = $F001
EXIT_PORT = $F00F
TIMER_PERIOD_LOW = $F010
TIMER_PERIOD_HIGH = $F011
TIMER_CONTROL = $F012
TIMER_STATUS = $F013
IRQ_VECTOR = $FFFE
COUNT = $10

        SEI
        LDA #<handler
        STA IRQ_VECTOR
        LDA #>handler
        STA IRQ_VECTOR+1
        LDA #0
        STA COUNT
        LDA #<1000
        STA TIMER_PERIOD_LOW
        LDA #>1000
        STA TIMER_PERIOD_HIGH
;; %11: run the timer and let it raise IRQ.
        LDA #%00000011
        STA TIMER_CONTROL
        CLI
;; Nothing to do but wait: every IRQ leaves here and comes back through RTI.
wait:   JMP wait

handler:
;; Acknowledge first: the IRQ line stays asserted until the status register is written.
        STA TIMER_STATUS
        INC COUNT
        LDA COUNT
        CMP #5
        BEQ report
        RTI
report: CLC
        ADC #'0'
        STA CONSOLE_OUT
        LDX #0
text:   LDA message,X
        BEQ stop
        STA CONSOLE_OUT
        INX
        BNE text
stop:   LDA #0
        STA EXIT_PORT

message:
        .byte " interrupts", $0A, 0
