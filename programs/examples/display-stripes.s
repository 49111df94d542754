; display-stripes.s: fills easy6502's 32x32 display ($0200-$05FF, one byte per pixel, 16 colours)
; with stripes: two-pixel-wide bands of all 16 colours, shifted by one colour every 8 rows. Watch it in
; `moth debug`, or see the result with `moth run programs/examples/display-stripes.s --display`.
; The display is four pages of 256 bytes; (ZP),Y addressing walks a page with Y while the
; pointer at $00/$01 picks the page. The program prints one pixel's colour as a letter so a test can check it.
; expect: E

PIXELS = $00

        LDA #$00
        STA PIXELS
        LDA #$02
        STA PIXELS+1
;; X counts the four pages left to fill.
        LDX #4
page:   LDY #0
;; Colour = (Y / 2 + page) mod 16: neighbouring pixels share a colour. A row is 32 bytes, so Y / 2
;; runs through 16 colours per row, and every row of a page looks the same; the page shifts it.
pixel:  TYA
        LSR A
        CLC
        ADC PIXELS+1
        AND #$0F
        STA (PIXELS),Y
        INY
        BNE pixel
        INC PIXELS+1
        DEX
        BNE page
;; Print the last pixel's colour as a letter: at $05FF, Y = $FF and the page byte is 5,
;; so ($7F + 5) AND $0F = 4, printed as 'A' + 4.
        LDA $05FF
        CLC
        ADC #'A'
        STA $F001
        LDA #$0A
        STA $F001
        BRK
