package vn.kiosk06.server;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The server's packages depend on each other one way: no package reaches, through any chain of others, back to
 * itself. A cycle is where "which package is this in?" stops having one answer, and where a change ripples
 * round; the failure names every class-to-class dependency of the cycle, so the fix is to move one small type to
 * where both sides can depend on it, or to pass a value in.
 */
class ArchitectureTest {

    private static final String SERVER = "vn.kiosk06.server";

    /** Every package of the server (the root one too) a slice of its own; classes outside the server none. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            return pkg.equals(SERVER) || pkg.startsWith(SERVER + ".") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of " + SERVER;
        }
    };

    private static final JavaClasses SERVER_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVER);

    @Test
    void serverPackages_dependOnEachOtherWithoutCycles() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(SERVER_CLASSES);
    }
}
