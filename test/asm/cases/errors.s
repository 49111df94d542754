; Every error in a file is reported, each once, with no follow-on errors.
.org $0600
loop:
  lad #$10            ; error: unknown instruction 'lad'
  lda #$1234          ; error: immediate value $1234 does not fit in a byte
  ldx $10,x           ; error: LDX has no absolute,X mode
  jmp lopo            ; error: undefined symbol 'lopo'
  lda ($10)           ; error: LDA has no indirect
  lda (1+2)*3         ; error: unexpected '*' after '(...)'
  .bogus 1            ; error: unknown directive '.bogus'
broken = 1 +          ; error: expected an expression
  lda #broken
  lda #1 2            ; error: unexpected '2' after the operand
loop:                 ; error: 'loop' is already defined
  .byte 256           ; error: value $0100 does not fit in a byte
  .byte 1/0           ; error: division by zero
  bne :+              ; error: there is no unnamed label after this line
  lax $10             ; error: LAX is an undocumented opcode
.endif                ; error: '.endif' without a matching .if
  .asciiz "x", 13     ; error: takes strings only
