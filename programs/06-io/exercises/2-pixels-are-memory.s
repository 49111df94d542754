; Chapter 6, exercise 2: the display is memory you can read back. Fill row 5 with colour 7 (yellow), then
; read pixel (10, 5) at $0200 + 5 * 32 + 10 and print its colour.
; expect: colour 7

CONSOLE_OUT = $F001
ROW_5 = $0200 + 5 * 32

        LDA #7
        LDX #31
fill:
        STA ROW_5,X
        DEX
        BPL fill

        LDX #0
label:
        LDA text,X
        BEQ value
        STA CONSOLE_OUT
        INX
        BNE label
value:
        LDA ROW_5 + 10
        AND #$0F
        CLC
        ADC #'0'
        STA CONSOLE_OUT
        LDA #$0A
        STA CONSOLE_OUT
        BRK

text:
        .byte "colour ", 0
