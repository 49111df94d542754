; .proc and .scope: names inside are private, reachable from outside as scope::name.
.org $0600
count = 3
.proc helper
        lda #count          ; = A9 03
done:   rts                 ; = 60
loop:   jmp loop            ; = 4C 03 06
.endproc
.proc main
        ldx #count          ; = A2 03
loop:   dex                 ; = CA
        bne loop            ; = D0 FD
        jsr helper          ; = 20 00 06
        jmp helper::done    ; = 4C 02 06
@here:  bne @here           ; = D0 FE
inner = 7
.endproc
.scope data
value:  .byte 1, ::count, main::inner ; = 01 03 07
.endscope
        lda data::value     ; = AD 13 06
        jmp main::loop      ; = 4C 08 06
        lda #main::inner    ; = A9 07
