; Chapter 1, exercise 3: the same store, two sizes. STA a:$0010 (absolute, 3 bytes: 8D 10 00) and STA $10
; (zero page, 2 bytes: 85 10) reach the same byte. A plain STA $0010 would not do: like ca65, moth picks
; zero page for any address below $0100, so it too assembles as 85 10; the a: prefix asks for absolute.
; The program stores with one size and loads with the other, and prints OK.
; expect: OK

CONSOLE = $F001

        LDA #'O'
;; a: forces the absolute form (8D 10 00) even though $10 fits in one byte.
        STA a:$0010
;; The zero-page form (A6 10) reads the very same box.
        LDX $10
        STX CONSOLE
        LDA #'K'
        STA $10
        LDY a:$0010
        STY CONSOLE
        LDA #$0A
        STA CONSOLE
        BRK
