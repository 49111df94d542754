; first-pixels.s: the first program of the easy6502 tutorial, in moth's syntax. Three stores light three
; pixels in the top-left corner of the 32x32 display: white, green and orange. It prints nothing; open it
; with `moth debug programs/examples/first-pixels.s` to see the pixels appear one step at a time.

;; The display starts at $0200: one byte per pixel, row by row, the low four bits pick the colour.
        LDA #$01        ; colour 1: white
        STA $0200       ; pixel (0, 0)
        LDA #$05        ; colour 5: green
        STA $0201       ; pixel (1, 0)
        LDA #$08        ; colour 8: orange
        STA $0202       ; pixel (2, 0)
        BRK
