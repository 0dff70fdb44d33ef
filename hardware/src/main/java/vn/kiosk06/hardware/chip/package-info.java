/**
 * The chip reader: the MRZ TD1 validator ({@link vn.kiosk06.hardware.chip.MrzTd1Parser}) and the parser of the
 * framed serial protocol a chip reader speaks ({@link vn.kiosk06.hardware.chip.ChipFrameParser}), documented in
 * hardware/README.md. Pure and thread-safe; no exception escapes a parse.
 */
package vn.kiosk06.hardware.chip;
