; .struct lays out offsets; .sizeof gives sizes; .tag reserves one.
.org $0600
.struct Point
  xcoord .word
  ycoord .word
.endstruct
.struct Sprite
  position .tag Point
  tile     .byte
  name     .byte 8
  flags    .res 2
.endstruct
  .byte .sizeof(Point), .sizeof(Sprite)         ; = 04 0F
  .byte Point::ycoord, Sprite::tile, Sprite::flags ; = 02 04 0D
  .byte .sizeof(Sprite::name)                   ; = 08
  lda player + Sprite::tile                     ; = AD 0D 06
player: .tag Sprite                             ; = 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
