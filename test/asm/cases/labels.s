; Normal labels, cheap locals scoped between normal labels, and unnamed labels.
.org $0600
first:
@loop:
  dex                 ; = CA
  bne @loop           ; = D0 FD
second:
@loop:
  dey                 ; = 88
  bne @loop           ; = D0 FD
: inx                 ; = E8
  bne :-              ; = D0 FD
  beq :+              ; = F0 01
  nop                 ; = EA
: nop                 ; = EA
  bcc :++             ; = 90 01
: nop                 ; = EA
: nop                 ; = EA
  jmp :--             ; = 4C 0F 06
value := $1234
  lda value           ; = AD 34 12
