; .enum numbers its members; a named enum keeps them as name::member.
.org $0600
.enum
  red
  green
  blue = 5
  cyan
.endenum
.enum state
  idle
  running
.endenum
  .byte red, green, blue, cyan        ; = 00 01 05 06
  lda #state::running                 ; = A9 01
  .byte state::idle                   ; = 00
