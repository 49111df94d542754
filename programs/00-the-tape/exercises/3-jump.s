; Chapter 0, exercise 3: JMP sets the program counter, so the CPU reads the tape from somewhere else.
; The program jumps over a BRK and the code that would print N, and prints J.
; expect: J

;; $4C $09 $06 — "continue at $0609": PC is overwritten, nothing else changes.
        JMP skip
;; The CPU never reads these bytes: PC jumps past them.
        BRK
        LDA #$4E
        STA $F001
skip:
        LDA #$4A
        STA $F001
        LDA #$0A
        STA $F001
        BRK
