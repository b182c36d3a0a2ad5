package live.catwalk.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Catwalk's main classes from every module, imported once. Test code is excluded wherever it comes
 * from: {@code target/test-classes} under {@code mvn test}, and core's {@code -tests.jar} under
 * {@code mvn verify}, whose fakes implement out-ports and would break the rules.
 */
final class ProductionCode {

    static final ImportOption EXCLUDE_TEST_CODE = new ExcludeTestCode();

    private static JavaClasses classes;

    private ProductionCode() {
    }

    static synchronized JavaClasses classes() {
        if (classes == null) {
            classes = new ClassFileImporter().withImportOption(EXCLUDE_TEST_CODE).importPackages("live.catwalk");
        }
        return classes;
    }

    private static final class ExcludeTestCode implements ImportOption {

        private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.matches(TEST_JAR);
        }
    }
}
