package vn.kiosk06.hardware.qr;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import vn.kiosk06.hardware.identity.ParsedCardInvariants;
import vn.kiosk06.hardware.sim.SyntheticPeople;

/** No input, however hostile, makes a QR parser throw, or return a result that breaks {@link ParsedCardInvariants}. */
class QrParserPropertiesTest {

    @Property(tries = 2000)
    void anyBytes_neverThrow(@ForAll @Size(max = 3000) byte[] bytes) {
        ParsedCardInvariants.check(CccdQrParser.parse(bytes));
        ParsedCardInvariants.check(BhytQrParser.parse(bytes));
        ParsedCardInvariants.check(QrPayloadParser.parse(bytes));
    }

    @Property(tries = 2000)
    void pipeSeparatedStrings_neverThrow(@ForAll("pipeFields") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ParsedCardInvariants.check(CccdQrParser.parse(bytes));
        ParsedCardInvariants.check(BhytQrParser.parse(bytes));
        ParsedCardInvariants.check(QrPayloadParser.parse(bytes));
    }

    @Property(tries = 2000)
    void mutatedValidPayloads_neverThrow(@ForAll long seed) {
        Random random = new Random(seed);
        var person = new SyntheticPeople(random).next();
        for (String valid : new String[] {person.cccdQr(), person.bhytQr()}) {
            byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            ParsedCardInvariants.check(QrPayloadParser.parse(bytes));
            ParsedCardInvariants.check(CccdQrParser.parse(bytes));
            ParsedCardInvariants.check(BhytQrParser.parse(bytes));
        }
    }

    @Provide
    Arbitrary<String> pipeFields() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofMaxLength(16),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789/").ofMaxLength(12),
                Arbitraries.of("Nam", "Nữ", "1", "2", "$", "", "ạ", "\u0000"),
                Arbitraries.strings().ofMaxLength(20));
        return field.list().ofMaxSize(12).map(l -> String.join("|", l));
    }
}
