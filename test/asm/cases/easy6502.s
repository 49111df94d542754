; The forms easy6502's tutorial uses: define, dcb and *=.
define sysRandom $fe
define snakeLength $03
*=$0600
  lda sysRandom       ; = A5 FE
  lda #snakeLength    ; = A9 03
  dcb $01, $02        ; = 01 02
loop:
  jmp loop            ; = 4C 06 06
