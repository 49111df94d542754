; Macros with parameters, .local labels, grouped arguments and nesting.
.org $0600
.macro inc16 target
  .local done
  inc target
  bne done
  inc target+1
done:
.endmacro
.macro twice operation
  operation
  operation
.endmacro
.macro both
  twice nop
  twice inx
.endmacro
  inc16 $10           ; = E6 10 D0 02 E6 11
  inc16 $20           ; = E6 20 D0 02 E6 21
  twice {lda #1}      ; = A9 01 A9 01
  both                ; = EA EA E8 E8
.macro maybe value
.ifblank value
  nop
.else
  lda #value
.endif
.endmacro
  maybe               ; = EA
  maybe 7             ; = A9 07
