; Numbers, operators and ca65 precedence.
.org $0600
  .byte $ff, %1010, 10, 'A'       ; = FF 0A 0A 41
  .byte 1+2*3, (1+2)*3            ; = 07 09
  .byte 7/2, 7 .mod 3, 1 << 4     ; = 03 01 10
  .byte $f0 >> 4, $ff & $0f       ; = 0F 0F
  .byte $f0 | 1, $ff ^ $0f        ; = F1 F0
  .byte <$1234, >$1234, ^$123456  ; = 34 12 12
  .byte 3 = 3, 3 <> 3, 2 < 3      ; = 01 00 01
  .byte 1 && 0, 1 || 0, !0        ; = 00 01 01
  .byte .lobyte($abcd), .hibyte($abcd) ; = CD AB
  .byte ~$0f & $ff                ; = F0
  .byte 1 .and 1, 0 .or 0, .not 1 ; = 01 00 00
  .byte 10 - 2 - 3                ; = 05
  .word .loword($12345678)        ; = 78 56
  .byte <-1                       ; = FF
  .byte 2 + 3 .shl 1              ; = 08
  lda #1 + 2 * 3                  ; = A9 07
here:
  .word *                         ; = 23 06
  .byte * - here                  ; = 02
