; Three- and four-byte data, and bank bytes.
.org $0600
  .faraddr $123456          ; = 56 34 12
  .dword $12345678, 1       ; = 78 56 34 12 01 00 00 00
  .bankbytes $123456, $abcdef ; = 12 AB
