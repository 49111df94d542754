; random-pixels.s: the easy6502 classic. Paints random pixels with random colours, reading the random
; byte at $FE, until 2,000 pixels have been painted. Run it with `--machine easy6502` so $FE changes
; before every instruction, as on easy6502; the default machine refreshes it every 4,096 cycles.
; args: --machine easy6502
; expect: painted

POINTER = $00
COUNT = $02

        LDA #0
        STA COUNT
        STA COUNT+1
;; A random page $02-$05: two random bits plus 2.
paint:  LDA $FE
        AND #$03
        CLC
        ADC #$02
        STA POINTER+1
        LDA $FE
        STA POINTER
;; A random colour, stored at the random pixel.
        LDA $FE
        LDY #0
        STA (POINTER),Y
;; Count to 2,000 ($07D0) in a 16-bit counter.
        INC COUNT
        BNE check
        INC COUNT+1
check:  LDA COUNT+1
        CMP #>2000
        BNE paint
        LDA COUNT
        CMP #<2000
        BNE paint
        LDX #0
print:  LDA message,X
        BEQ done
        STA $F001
        INX
        BNE print
done:   BRK

message:
        .byte "painted", $0A, 0
