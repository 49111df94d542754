; Struct mistakes, one error each, and the members of a broken .struct are not errors of their own.
.struct                       ; error: .struct needs a name
  a .byte
.endstruct
  .byte .sizeof(Nope)         ; error: .sizeof needs a .struct, a member, a .proc/.scope or a label defined above, and 'Nope' is none of them
.struct S
  x .bogus                    ; error: '.bogus' cannot be a struct member
.endstruct
  .tag Missing                ; error: 'Missing' is not a .struct defined above this line
