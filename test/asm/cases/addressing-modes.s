; Every 6502 addressing mode, one instruction each, with the bytes ca65 produces.
.org $0600
zp = $10
start:
  nop                 ; = EA
  asl                 ; = 0A
  asl a               ; = 0A
  lda #$01            ; = A9 01
  lda zp              ; = A5 10
  lda zp,x            ; = B5 10
  ldx zp,y            ; = B6 10
  lda $1234           ; = AD 34 12
  lda $1234,x         ; = BD 34 12
  lda $1234,y         ; = B9 34 12
  lda (zp,x)          ; = A1 10
  lda (zp),y          ; = B1 10
  jmp ($1234)         ; = 6C 34 12
  jmp start           ; = 4C 00 06
  jsr start           ; = 20 00 06
  bne start           ; = D0 DD
  LDA #$FF            ; = A9 FF
  Sta $0200,X         ; = 9D 00 02
  lda $00ff,x         ; = B5 FF
  lda a:zp            ; = AD 10 00
  lda z:$0010         ; = A5 10
  stx zp,y            ; = 96 10
  lda $10,y           ; = B9 10 00
