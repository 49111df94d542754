; Chapter 9, exercise 1: walls for the snake. Draw a grey border round the display, then count the border
; pixels by reading the display back: 4 × 32 - 4 = 124.
; expect: border 124

CONSOLE = $F001
DISPLAY = $0200
BOTTOM_ROW = DISPLAY + 31 * 32
WALL = 12
POINTER = $10
COUNT = $12

;; Top and bottom rows: 32 pixels each.
        LDX #31
        LDA #WALL
rows:
        STA DISPLAY,X
        STA BOTTOM_ROW,X
        DEX
        BPL rows

;; Left and right columns: walk a pointer down the rows, 32 bytes a step;
;; Y = 0 is the left edge and Y = 31 the right one.
        LDA #<DISPLAY
        STA POINTER
        LDA #>DISPLAY
        STA POINTER+1
        LDX #32
columns:
        LDA #WALL
        LDY #0
        STA (POINTER),Y
        LDY #31
        STA (POINTER),Y
        CLC
        LDA POINTER
        ADC #32
        STA POINTER
        BCC same_page
        INC POINTER+1
same_page:
        DEX
        BNE columns

;; Count every wall pixel on the screen: four pages of 256 bytes.
        LDA #0
        STA COUNT
        LDA #<DISPLAY
        STA POINTER
        LDA #>DISPLAY
        STA POINTER+1
        LDY #0
count:
        LDA (POINTER),Y
        CMP #WALL
        BNE next_pixel
        INC COUNT
next_pixel:
        INY
        BNE count
        INC POINTER+1
        LDA POINTER+1
        CMP #>DISPLAY + 4
        BNE count

        LDX #0
label:
        LDA text,X
        BEQ number
        STA CONSOLE
        INX
        BNE label
;; 124 in decimal: hundreds, tens and ones by repeated subtraction.
number:
        LDA COUNT
        LDX #'0'
hundreds:
        CMP #100
        BCC hundreds_done
        SBC #100
        INX
        BNE hundreds
hundreds_done:
        STX CONSOLE
        LDX #'0'
tens:
        CMP #10
        BCC tens_done
        SBC #10
        INX
        BNE tens
tens_done:
        STX CONSOLE
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK

text:
        .byte "border ", 0
