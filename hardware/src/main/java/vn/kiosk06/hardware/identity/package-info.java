/**
 * What a card read becomes before it leaves the hardware module: a {@link vn.kiosk06.hardware.identity.CardReading}
 * holding only the citizen's number sealed to the server, an age group and a sex. The parsed card values
 * ({@link vn.kiosk06.hardware.identity.CitizenCard}, {@link vn.kiosk06.hardware.identity.HealthInsuranceCard}) carry raw
 * personal data and must not be handed to the app; {@link vn.kiosk06.hardware.identity.Pseudonymizer} is the only
 * bridge between the two.
 */
package vn.kiosk06.hardware.identity;
