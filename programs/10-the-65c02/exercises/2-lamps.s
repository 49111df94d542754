; Exercise 2 (answer): eight lamps, one bit each, in one byte. TSB turns on the lamps whose bits are set in A,
; TRB turns them off, and both set Z from "A AND the byte" before they change it: Z=1 means none of those lamps
; was on. No LDA/ORA/STA or LDA/AND/STA, and A keeps the mask.
; args: --cpu 65c02
; expect: lamp 1 was off; lamps 00000111
; expect: lamp 2 was on; lamps 00000011
        .setcpu "65C02"

CONSOLE = $F001
LAMPS = $10

        LDA #%00000101
        STA LAMPS
;; Turn lamp 1 on: TSB sets bit 1 and says (Z=1) that it was off.
        LDA #%00000010
        TSB LAMPS
        JSR report
;; Turn lamp 2 off: TRB clears bit 2 and says (Z=0) that it was on.
        LDA #%00000100
        TRB LAMPS
        JSR report
        BRK

;; report: "lamp N was on/off; lamps BBBBBBBB" from Z and the mask in A.
report:
        PHP
        LDX #0
find_bit:
        INX
        LSR A
        BCC find_bit
        DEX
        LDA #<lamp_text
        LDY #>lamp_text
        JSR print
        TXA
        ORA #'0'
        STA CONSOLE
        PLP
        BEQ was_off
        LDA #<on_text
        LDY #>on_text
        BRA said
was_off:
        LDA #<off_text
        LDY #>off_text
said:
        JSR print
        LDA LAMPS
        LDX #8
bits:
        ASL A
        PHA
        LDA #'0'
        ADC #0
        STA CONSOLE
        PLA
        DEX
        BNE bits
        LDA #$0A
        STA CONSOLE
        RTS

;; print: the zero-terminated text at Y:A, through a zero-page pointer.
print:
        STA $20
        STY $21
print_next:
        LDA ($20)
        BEQ printed
        STA CONSOLE
        INC $20
        BNE print_next
        INC $21
        BRA print_next
printed:
        RTS

lamp_text: .byte "lamp ", 0
on_text:   .byte " was on; lamps ", 0
off_text:  .byte " was off; lamps ", 0
