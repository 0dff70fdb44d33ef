package vn.kiosk06.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    enum Colour { RED }

    record Inner(String name, long n) {
    }

    record Outer(String text, Long maybe, List<String> none, @Json.Always List<String> always, Inner inner,
                 Map<String, Long> counts, boolean flag, Colour colour) {
    }

    record Input(String team, int year, Long seq, boolean shown, List<String> activities) {
    }

    @Test
    void write_leavesOutNullAndEmpty_butKeepsPrimitivesAndAlwaysComponents() {
        String json = Json.write(new Outer("", null, List.of(), List.of(), new Inner("a\"b<\n", 0), Map.of("x", 2L),
                false, Colour.RED));

        assertThat(json).isEqualTo("{\"always\":[],\"inner\":{\"name\":\"a\\\"b\\u003c\\n\",\"n\":0},"
                + "\"counts\":{\"x\":2},\"flag\":false,\"colour\":\"RED\"}");
    }

    @Test
    void read_fillsComponents_missingOnesNull_unknownIgnored() {
        Input in = Json.read("{\"team\":\"T1\",\"year\":1990,\"activities\":[\"VACCINE\"],\"other\":1,\"shown\":true}",
                Input.class);

        assertThat(in).isEqualTo(new Input("T1", 1990, null, true, List.of("VACCINE")));
    }

    @Test
    void read_badInput_isRefusedNamingTheProblem() {
        assertThatThrownBy(() -> Json.read("{\"team\":", Input.class)).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> Json.read("{\"team\":\"T\"}", Input.class)).isInstanceOf(BadRequestException.class)
                .hasMessage("year is missing");
        assertThatThrownBy(() -> Json.read("{\"year\":\"old\",\"shown\":true}", Input.class))
                .isInstanceOf(BadRequestException.class).hasMessageStartingWith("year has the wrong type");
        assertThatThrownBy(() -> Json.read("[1]", Input.class)).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("expected a JSON object");
    }
}
