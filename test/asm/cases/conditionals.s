; .if/.elseif/.else/.endif and .ifdef/.ifndef, nested.
.org $0600
MODE = 2
.if MODE = 1
  .byte 1
.elseif MODE = 2
  .byte 2             ; = 02
.else
  .byte 3
.endif
.if 0
  .if 1
  .byte $ff
  .endif
.else
  .byte $fd           ; = FD
.endif
.ifdef MODE
  .byte $aa           ; = AA
.endif
.ifndef MISSING
  .byte $bb           ; = BB
.endif
.if .defined(MODE) && MODE > 1
  .byte $cc           ; = CC
.endif
