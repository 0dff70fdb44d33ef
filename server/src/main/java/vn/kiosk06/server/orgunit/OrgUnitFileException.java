package vn.kiosk06.server.orgunit;

import java.util.List;

/**
 * An org-unit file that cannot be loaded. Carries every problem found, each with its line, so a
 * deployer can fix the file in one pass; the message lists them all.
 */
public final class OrgUnitFileException extends IllegalArgumentException {

    /** One problem on one line (1-based; 0 when it concerns the whole file). */
    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ": " : "") + message;
        }
    }

    private final transient List<Problem> problems;

    public OrgUnitFileException(String source, List<Problem> problems) {
        super("org-unit file " + source + " has " + problems.size() + " problem(s):\n  "
                + String.join("\n  ", problems.stream().map(Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in line order. */
    public List<Problem> problems() {
        return problems;
    }
}
