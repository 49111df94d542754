; bounce.s: a pixel bouncing along the top row of the display, easy6502-tutorial style: a position in
; zero page, a direction, a delay loop, and erase-move-draw. After 100 moves it prints where it ended.
; expect: position 24, moving left

DISPLAY = $0200
POSITION = $10
DIRECTION = $11     ; 1 = right, $FF = left (adding $FF is subtracting 1)
MOVES = $12

        LDA #0
        STA POSITION
        LDA #1
        STA DIRECTION
        LDA #100
        STA MOVES
frame:
;; Erase the pixel where it is.
        LDX POSITION
        LDA #0
        STA DISPLAY,X
;; Move: position += direction; at either end of the row, turn round.
        TXA
        CLC
        ADC DIRECTION
        STA POSITION
        BEQ turn
        CMP #31
        BNE draw
turn:   LDA DIRECTION
        EOR #$FE        ; 1 <-> $FF
        STA DIRECTION
;; Draw it at the new place, in yellow (7).
draw:   LDX POSITION
        LDA #7
        STA DISPLAY,X
;; Wait a little so a person can see it move in the debugger.
        LDY #0
delay:  DEY
        BNE delay
        DEC MOVES
        BNE frame

;; Report: "position N, moving right|left" (N below 100).
        LDX #0
text:   LDA position_text,X
        BEQ number
        STA $F001
        INX
        BNE text
number: LDA POSITION
        LDX #0
tens:   CMP #10
        BCC ones
        SBC #10
        INX
        BNE tens
ones:   PHA
        TXA
        BEQ skip_tens
        CLC
        ADC #'0'
        STA $F001
skip_tens:
        PLA
        CLC
        ADC #'0'
        STA $F001
        LDX #0
        LDA DIRECTION
        BMI left
right:  LDA right_text,X
        BEQ done
        STA $F001
        INX
        BNE right
left:   LDA left_text,X
        BEQ done
        STA $F001
        INX
        BNE left
done:   BRK

position_text: .byte "position ", 0
right_text:    .byte ", moving right", $0A, 0
left_text:     .byte ", moving left", $0A, 0
