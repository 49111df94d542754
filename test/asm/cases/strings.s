; Strings are stored as the bytes of the (UTF-8) source, as ca65 does.
.org $0600
  .byte "A;b", 0       ; = 41 3B 62 00
  .byte "é"            ; = C3 A9
  .asciiz "hi", "!"    ; = 68 69 21 00
  lda #';'            ; = A9 3B
