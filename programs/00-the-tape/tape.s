; Chapter 0, the tape: a CPU is a loop that reads bytes from memory and does what they say.
; This program prints HI: three times it loads a character code into A and stores it at the console.
; expect: HI

;; The program starts at $0600. Each instruction is a few bytes on the tape:
;; this one is $A9 $48 — "load A with the next byte", then the byte itself
;; ($48 is the character code of H).
        LDA #$48
;; $8D $01 $F0 — "store A at the address in the next two bytes", low byte
;; first: $F001. That address is not memory but the console: storing a byte
;; there prints it.
        STA $F001
;; Same again for I ($49). Watch PC: it moves past every byte it reads.
        LDA #$49
        STA $F001
;; $0A is the code for "new line".
        LDA #$0A
        STA $F001
;; $00, BRK: the end of this tape. moth stops the run here.
        BRK
