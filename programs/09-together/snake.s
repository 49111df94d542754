; Chapter 9, putting it together: snake on the 32x32 display. Steer with w a s d (the debugger puts the last
; key pressed at $FF); eat the red apples; don't hit a wall or yourself. Everything from the tour is here:
; tables, pointers, subroutines, a device polled for timing, and a BCD score.
; With no keys pressed, the snake crawls right into the wall, which is how the test suite plays it.
; expect: game over! score 00

CONSOLE = $F001
TIMER_PERIOD_LOW = $F010
TIMER_PERIOD_HIGH = $F011
TIMER_CONTROL = $F012
TIMER_STATUS = $F013
RANDOM = $FE
KEY = $FF
DISPLAY = $0200

SNAKE_COLOUR = 5
APPLE_COLOUR = 2
;; The timer ticks every 65,536 cycles (period $0000): about 15 times a
;; second at 1 MHz, the real chip's speed. The game moves once every SPEED
;; ticks. The debugger runs far faster than 1 MHz, so slow the game down
;; there with `:set [$2C] = 100` (any number up to 255) before it starts.
TICK_CYCLES = 0

;; The body is a ring of positions: BODY_X,i and BODY_Y,i for i from TAIL
;; to HEAD. Each frame HEAD moves on by one and, unless the snake just ate,
;; so does TAIL. Indexes are bytes, so the ring wraps at 256 on its own.
BODY_X = $1000
BODY_Y = $1100

HEAD = $20
TAIL = $21
;; The direction: DIRECTION_X and DIRECTION_Y are each -1 ($FF), 0 or 1.
DIRECTION_X = $22
DIRECTION_Y = $23
NEW_X = $24
NEW_Y = $25
;; Pointers into the display (two bytes each).
PIXEL = $26
APPLE = $28
SCORE = $2A
FRAMES = $2B
SPEED = $2C
TICKS = $2D

;; Clear the screen: four pages of 256 pixels.
        LDA #0
        TAX
clear:
        STA DISPLAY,X
        STA DISPLAY+$100,X
        STA DISPLAY+$200,X
        STA DISPLAY+$300,X
        INX
        BNE clear
        STA SCORE
        STA FRAMES
        STA KEY
;; SPEED keeps a value set before the game starts (from the debugger);
;; otherwise it starts at 2.
        LDA SPEED
        BNE speed_set
        LDA #2
        STA SPEED
speed_set:

;; A snake of three, at (8,16) to (10,16), heading right.
        LDX #0
lay_body:
        TXA
        CLC
        ADC #8
        STA BODY_X,X
        LDA #16
        STA BODY_Y,X
        JSR draw_body_part
        INX
        CPX #3
        BNE lay_body
        LDA #0
        STA TAIL
        LDA #2
        STA HEAD
        LDA #1
        STA DIRECTION_X
        LDA #0
        STA DIRECTION_Y

;; The first apple goes at a fixed place, (16,8): $0200 + 8 * 32 + 16.
        LDA #<(DISPLAY + 8 * 32 + 16)
        STA APPLE
        LDA #>(DISPLAY + 8 * 32 + 16)
        STA APPLE+1
        LDA #APPLE_COLOUR
        LDY #0
        STA (APPLE),Y

;; The timer only marks time here: no IRQ, the game polls it.
        LDA #<TICK_CYCLES
        STA TIMER_PERIOD_LOW
        LDA #>TICK_CYCLES
        STA TIMER_PERIOD_HIGH
        LDA #%00000001
        STA TIMER_CONTROL

;; The game loop: wait for the next frame, steer, move, repeat.
game_loop:
        JSR wait_for_frame
        JSR steer
;; The new head is the old head plus the direction.
        LDX HEAD
        LDA BODY_X,X
        CLC
        ADC DIRECTION_X
        STA NEW_X
        LDA BODY_Y,X
        CLC
        ADC DIRECTION_Y
        STA NEW_Y
;; Off the edge? -1 is $FF, so one unsigned compare catches both sides.
        LDA NEW_X
        CMP #32
        BCS game_over
        LDA NEW_Y
        CMP #32
        BCS game_over
;; What is on the screen there? The display is memory, so just read it.
        LDY NEW_Y
        LDA NEW_X
        JSR locate
        LDY #0
        LDA (PIXEL),Y
        CMP #SNAKE_COLOUR
        BEQ game_over
        CMP #APPLE_COLOUR
        BNE move_tail
;; An apple: one more point (in BCD, so it prints as it is), a new apple, and
;; the tail stays where it is, so the snake grows by one.
        SED
        CLC
        LDA SCORE
        ADC #1
        STA SCORE
        CLD
        JSR place_apple
        JMP move_head
move_tail:
;; Rub out the last piece of the tail and let the tail follow.
        LDX TAIL
        LDY BODY_Y,X
        LDA BODY_X,X
        JSR locate
        LDA #0
        LDY #0
        STA (PIXEL),Y
        INC TAIL
move_head:
        INC HEAD
        LDX HEAD
        LDA NEW_X
        STA BODY_X,X
        LDA NEW_Y
        STA BODY_Y,X
        JSR draw_body_part
        JMP game_loop

game_over:
        LDA #0
        STA TIMER_CONTROL
        LDX #0
print_over:
        LDA over_text,X
        BEQ print_score
        STA CONSOLE
        INX
        BNE print_over
print_score:
        LDA SCORE
        LSR A
        LSR A
        LSR A
        LSR A
        CLC
        ADC #'0'
        STA CONSOLE
        LDA SCORE
        AND #$0F
        CLC
        ADC #'0'
        STA CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK

; ---------------------------------------------------------------------
;; locate: PIXEL = the address of pixel (A, Y) = $0200 + Y * 32 + A.
;; Y * 32 is Y shifted left five times: its low three bits end up in the top
;; of the low byte, its high two bits in the high byte.
locate:
        STA PIXEL
        TYA
        ASL A
        ASL A
        ASL A
        ASL A
        ASL A
        ORA PIXEL
        STA PIXEL
        TYA
        LSR A
        LSR A
        LSR A
        CLC
        ADC #>DISPLAY
        STA PIXEL+1
        RTS

;; draw_body_part: paints BODY_X,X / BODY_Y,X in the snake's colour; keeps X.
draw_body_part:
        LDY BODY_Y,X
        LDA BODY_X,X
        JSR locate
        LDA #SNAKE_COLOUR
        LDY #0
        STA (PIXEL),Y
        RTS

;; steer: turns by the last key, w a s d. A snake cannot reverse into itself,
;; so a key that points straight back is ignored.
steer:
        LDA KEY
        CMP #'w'
        BEQ go_up
        CMP #'s'
        BEQ go_down
        CMP #'a'
        BEQ go_left
        CMP #'d'
        BEQ go_right
        RTS
go_up:
        LDA DIRECTION_Y
        CMP #1
        BEQ steered
        LDA #0
        STA DIRECTION_X
        LDA #$FF
        STA DIRECTION_Y
        RTS
go_down:
        LDA DIRECTION_Y
        CMP #$FF
        BEQ steered
        LDA #0
        STA DIRECTION_X
        LDA #1
        STA DIRECTION_Y
        RTS
go_left:
        LDA DIRECTION_X
        CMP #1
        BEQ steered
        LDA #$FF
        STA DIRECTION_X
        LDA #0
        STA DIRECTION_Y
        RTS
go_right:
        LDA DIRECTION_X
        CMP #$FF
        BEQ steered
        LDA #1
        STA DIRECTION_X
        LDA #0
        STA DIRECTION_Y
steered:
        RTS

;; wait_for_frame: waits for SPEED timer ticks, polling the timer and
;; acknowledging each tick. The game spends nearly all its time here.
wait_for_frame:
        LDA SPEED
        STA TICKS
wait_for_tick:
        BIT TIMER_STATUS
        BPL wait_for_tick
        STA TIMER_STATUS
        DEC TICKS
        BNE wait_for_tick
        INC FRAMES
        RTS

;; place_apple: a random empty pixel. The random byte at $FE picks the place
;; within a page, the frame count picks one of the four display pages; if the
;; pixel is taken, try the next one.
place_apple:
        LDA RANDOM
        STA APPLE
        LDA FRAMES
        AND #3
        CLC
        ADC #>DISPLAY
        STA APPLE+1
        LDY #0
try_pixel:
        LDA (APPLE),Y
        BEQ free_pixel
        INC APPLE
        JMP try_pixel
free_pixel:
        LDA #APPLE_COLOUR
        STA (APPLE),Y
        RTS

over_text:
        .byte "game over! score ", 0
