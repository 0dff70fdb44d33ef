package vn.kiosk06.configkeys;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** For the apps' tests: the {@code @ConfigurationProperties} records compiled into a module (its classes directory). */
public final class ConfigRecords {

    private ConfigRecords() {
    }

    /** The configuration records in the classes directory that holds {@code anchor}, one of that module's classes. */
    @SuppressWarnings("unchecked")
    public static List<Class<? extends Record>> besides(Class<?> anchor) {
        Path classes;
        try {
            classes = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("where " + anchor + " was loaded from is not a path", e);
        }
        List<Class<? extends Record>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, anchor.getClassLoader());
                    if (type.isRecord() && type.isAnnotationPresent(ConfigurationProperties.class)) {
                        found.add((Class<? extends Record>) type);
                    }
                } catch (ClassNotFoundException | LinkageError skipped) {
                    // a class whose optional dependency is absent cannot hold a configuration record of ours
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classes, e);
        }
        return found;
    }
}
