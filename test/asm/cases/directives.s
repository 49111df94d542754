; Data and layout directives.
.org $0600
  .byte 1, "hi", 0    ; = 01 68 69 00
  .db 2               ; = 02
  .word $1234, 5      ; = 34 12 05 00
  .dw $0600           ; = 00 06
  .addr $abcd         ; = CD AB
  .dbyt $1234         ; = 12 34
  .res 3, $ea         ; = EA EA EA
  .ds 2               ; = 00 00
  .asciiz "ok"        ; = 6F 6B 00
  .align 4            ; = 00
  .lobytes $1234, $5678 ; = 34 78
  .hibytes $1234, $5678 ; = 12 56
count .set 1
count .set count + 1
  .byte count         ; = 02
.define GREETING "yo"
  .byte GREETING      ; = 79 6F
.repeat 3, i
  .byte i * 2
.endrepeat
.assert * = $0622, error, "layout moved"
