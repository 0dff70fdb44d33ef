/**
 * Pure parsers for what a QR scanner sends: the CCCD citizen-card QR and the BHYT health-insurance QR, plus
 * {@link vn.kiosk06.hardware.qr.QrPayloadParser} which decides which of the two a payload is. Untrusted bytes in,
 * a {@link vn.kiosk06.hardware.identity.ParsedCard} out; no exception escapes.
 */
package vn.kiosk06.hardware.qr;
