; Chapter 7, interrupts: a device taps the CPU on the shoulder. The timer raises IRQ every 20,000 cycles;
; the CPU stops what it is doing, runs the handler, and RTI takes it back to where it was.
; expect: tick 1
; expect: tick 2
; expect: tick 3
; expect: done

CONSOLE = $F001
TIMER_PERIOD_LOW = $F010
TIMER_PERIOD_HIGH = $F011
TIMER_CONTROL = $F012
TIMER_STATUS = $F013
;; The CPU finds its handlers through vectors: two-byte addresses at the top
;; of memory. $FFFE/$FFFF is where it looks when IRQ arrives, $FFFA/$FFFB
;; for NMI. On moth they are RAM, so the program fills them in.
NMI_VECTOR = $FFFA
IRQ_VECTOR = $FFFE
TICKS = $10
SHOWN = $11
PERIOD = 20000

;; Mask IRQ while the handler is being installed: SEI sets the I flag.
        SEI
        LDA #<irq_handler
        STA IRQ_VECTOR
        LDA #>irq_handler
        STA IRQ_VECTOR+1
        LDA #<nmi_handler
        STA NMI_VECTOR
        LDA #>nmi_handler
        STA NMI_VECTOR+1
        LDA #0
        STA TICKS
        STA SHOWN
;; The timer counts CPU cycles; PERIOD is how many between two ticks.
        LDA #<PERIOD
        STA TIMER_PERIOD_LOW
        LDA #>PERIOD
        STA TIMER_PERIOD_HIGH
;; Control bit 0 runs the timer, bit 1 lets it raise IRQ.
        LDA #%00000011
        STA TIMER_CONTROL
;; From here on an IRQ can arrive between any two instructions.
        CLI

;; The main program knows nothing about the timer: it just keeps looking at
;; TICKS, which the handler changes behind its back.
main_loop:
        LDA TICKS
        CMP SHOWN
        BEQ main_loop
        STA SHOWN
        LDX #0
print_tick:
        LDA tick_text,X
        BEQ print_number
        STA CONSOLE
        INX
        BNE print_tick
print_number:
        LDA SHOWN
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        LDA SHOWN
        CMP #3
        BNE main_loop

;; Three ticks: stop the timer and finish.
        LDA #0
        STA TIMER_CONTROL
        LDX #0
print_done:
        LDA done_text,X
        BEQ finished
        STA CONSOLE
        INX
        BNE print_done
finished:
        BRK

;; The IRQ handler. On the way in the CPU pushed PC and P and set I, so no
;; second IRQ can interrupt this one. Anything else the handler uses, it must
;; save itself: the main program was in the middle of something.
irq_handler:
        PHA
;; Acknowledge the timer (any write to its status). The IRQ line is
;; level-triggered: without this the CPU would take the same IRQ again
;; right after RTI.
        STA TIMER_STATUS
        INC TICKS
        PLA
;; RTI pulls P and PC: the flags and the place the main program was at.
        RTI

;; The NMI handler: NMI cannot be masked by SEI. No device pulls the NMI
;; pin; in the debugger, press N (the NMI button) and step to land here.
nmi_handler:
        PHA
        LDA #'!'
        STA CONSOLE
        PLA
        RTI

tick_text:
        .byte "tick ", 0
done_text:
        .byte "done", $0A, 0
