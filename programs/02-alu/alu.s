; Chapter 2, the ALU: adding and subtracting one byte at a time, and the carry that links bytes together.
; expect: 3+4=7
; expect: 9-5=4
; expect: C=1
; expect: 255+1=$0100

CONSOLE = $F001
NEWLINE = $0A

;; First print "3+4=": four immediate loads and stores.
        LDA #'3'
        STA CONSOLE
        LDA #'+'
        STA CONSOLE
        LDA #'4'
        STA CONSOLE
        LDA #'='
        STA CONSOLE
;; ADC always adds the carry flag too: A = A + operand + C. Clear C first
;; so it adds nothing extra.
        CLC
        LDA #3
;; A = 3 + 4 + 0 = 7. Watch the flags: no carry, no overflow.
        ADC #4
;; Digit codes run '0' ($30) to '9' ($39), so a digit 0-9 prints as digit + '0'.
;; C is still 0, so this ADC adds exactly $30.
        ADC #'0'
        STA CONSOLE
        LDA #NEWLINE
        STA CONSOLE

        LDA #'9'
        STA CONSOLE
        LDA #'-'
        STA CONSOLE
        LDA #'5'
        STA CONSOLE
        LDA #'='
        STA CONSOLE
;; SBC subtracts the operand and also the *inverse* of the carry:
;; A = A - operand - (1 - C). Set C first, meaning "no borrow".
        SEC
        LDA #9
;; 9 - 5 = 4; C stays 1 because nothing was borrowed.
        SBC #5
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #NEWLINE
        STA CONSOLE

;; $FF + 1 does not fit in a byte: A wraps to $00 and the lost 1 goes to C.
        CLC
        LDA #$FF
        ADC #1
;; LDA leaves C alone, so the carry survives into the next ADC:
;; '0' + 0 + C = '1'. This is a way to see a flag on the console.
        LDA #'0'
        ADC #0
        TAX
        LDA #'C'
        STA CONSOLE
        LDA #'='
        STA CONSOLE
        STX CONSOLE
        LDA #NEWLINE
        STA CONSOLE

;; Numbers bigger than a byte are several bytes, added low byte first;
;; the carry from the low byte goes into the high one.
;; 255 + 1: $00FF + $0001, the result goes to $10 (low) and $11 (high).
        CLC
        LDA #$FF
        ADC #$01
        STA $10
;; The high bytes are both 0, but C = 1 from the low byte, so $11 = 1.
        LDA #$00
        ADC #$00
        STA $11
;; Print "255+1=$0100": each byte of the result is two hex digits, and here
;; every digit is 0 or 1, so digit + '0' is enough (chapter 4 prints any byte).
        LDA #'2'
        STA CONSOLE
        LDA #'5'
        STA CONSOLE
        STA CONSOLE
        LDA #'+'
        STA CONSOLE
        LDA #'1'
        STA CONSOLE
        LDA #'='
        STA CONSOLE
        LDA #'$'
        STA CONSOLE
        LDA #'0'
        STA CONSOLE
        CLC
        LDA $11
        ADC #'0'
        STA CONSOLE
        LDA #'0'
        STA CONSOLE
        LDA $10
        ADC #'0'
        STA CONSOLE
        LDA #NEWLINE
        STA CONSOLE

;; Overflow: as signed numbers (-128..127), $50 + $50 is 80 + 80 = 160,
;; which does not fit: the result $A0 has bit 7 set and reads as -96.
;; The ALU flags that with V = 1. Nothing is printed; watch V in the
;; registers pane (chapter 3 branches on it).
        CLC
        LDA #$50
        ADC #$50
        BRK
