; The zero-page rule: known values that fit use zero page; forward references stay absolute.
.org $0600
early = $20
  lda early           ; = A5 20
  lda late            ; = AD 30 00 ; warning: absolute addressing used for 'late'
  lda a:late          ; = AD 30 00
  lda z:late          ; = A5 30
  lda late2,x         ; = BD 00 07
late = $30
late2 = $0700
  lda late            ; = A5 30
  lda late2           ; = AD 00 07
  stx fwd,y           ; = 96 40
fwd = $40
; A constant defined above whose value depends on a later one: named in the warning, not "the operand".
plain = later3 - 2
  lda plain           ; = AD 10 00 ; warning: absolute addressing used for 'plain' ($10), because its value depends on a symbol defined after this line
; A byte operator fixes the size at the definition, as in ca65.
byte = <(later3 - 2)
  lda byte            ; = A5 10
later3 = $12
