package vn.kiosk06.hardware.chip;

import static org.assertj.core.api.Assertions.assertThat;

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

/** No input makes the MRZ or chip-frame parser throw, or return a card that breaks {@link ParsedCardInvariants}. */
class ChipParserPropertiesTest {

    @Property(tries = 2000)
    void anyBytes_neverThrow(@ForAll @Size(max = 5000) byte[] bytes) {
        checkChip(ChipFrameParser.parse(bytes));
        assertThat(MrzTd1Parser.parse(new String(bytes, StandardCharsets.ISO_8859_1))).isNotNull();
    }

    @Property(tries = 2000)
    void mrzAlphabetLines_neverThrow(@ForAll("mrzish") String text) {
        assertThat(MrzTd1Parser.parse(text)).isNotNull();
        checkChip(ChipFrameParser.parse(("DATA|" + text.replace('\n', '|') + "|001090012345|A|01021990|Nam")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 2000)
    void mutatedValidFrames_neverThrow(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] bytes = new SyntheticPeople(random).next().chipDataFrame().getBytes(StandardCharsets.UTF_8);
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            bytes[5 + random.nextInt(bytes.length - 5)] = (byte) "0123456789<AZ|\u0000".charAt(random.nextInt(15));
        }
        checkChip(ChipFrameParser.parse(bytes));
    }

    /** A frame's card, if it carries one, holds the parsed-card invariants. */
    private static void checkChip(ChipEvent event) {
        assertThat(event).isNotNull();
        if (event instanceof ChipEvent.CardRead read) {
            ParsedCardInvariants.check(read.card());
        }
    }

    @Provide
    Arbitrary<String> mrzish() {
        Arbitrary<String> line = Arbitraries.strings().withChars("0123456789<ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                .ofMinLength(28).ofMaxLength(31);
        return Arbitraries.oneOf(
                line.list().ofMinSize(2).ofMaxSize(4).map(l -> String.join("\n", l)),
                line.list().ofSize(3).map(l -> "IDVNM" + String.join("\n", l)));
    }
}
