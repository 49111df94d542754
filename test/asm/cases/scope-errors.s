; Scope mistakes are reported where they are made.
.org $0600
.proc first
here:   nop
.endproc
        jmp here            ; error: undefined symbol 'here'
.endproc                    ; error: '.endproc' without a matching .proc
.proc                       ; error: .proc needs a name
        nop
.endproc
