package vn.kiosk06.configkeys;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.naming.NameUtils;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys a config file may hold and the Micronaut property each one sets, derived from the
 * {@code @ConfigurationProperties} records: component {@code fooBar} of a record bound at {@code kiosk06.client} is
 * the key {@code foo-bar} and sets {@code kiosk06.client.foo-bar} (Micronaut's own kebab-case), so a new component
 * is a new key with no second list to keep. The exceptions are declared beside the records they bend and checked
 * against them when built: a component whose key is named otherwise ({@link Section#renamed}), one the file does
 * not offer ({@link Section#notInFile}), and a key that sets a property of no record of ours (Micronaut's own,
 * or the logging read before the application starts). Immutable and thread-safe. One class for both apps' files
 * (the device app's and the aggregator's), so the two cannot drift apart.
 */
public final class FileKeys {

    private final List<Section> sections;
    private final Map<String, String> propertyByKey;
    private final Map<String, String> recordProperties;

    /**
     * @param sections the records the file feeds, with their exceptions
     * @param foreign  keys that set a property of no record component, key → property
     * @throws IllegalStateException if an exception names no component, or two keys or properties collide
     */
    public FileKeys(List<Section> sections, Map<String, String> foreign) {
        Map<String, String> keys = new TreeMap<>();
        Map<String, String> components = new TreeMap<>();
        for (Section s : sections) {
            for (RecordComponent c : s.type().getRecordComponents()) {
                String property = property(s.type(), c);
                components.put(property, s.type().getSimpleName() + "." + c.getName());
                if (!s.notInFile().contains(c.getName())) {
                    String key = s.renamed().getOrDefault(c.getName(), s.keyPrefix() + NameUtils.hyphenate(c.getName()));
                    put(keys, key, property);
                }
            }
        }
        foreign.forEach((key, property) -> {
            if (components.containsKey(property)) {
                throw new IllegalStateException("key '" + key + "' is declared foreign but " + property + " is "
                        + components.get(property) + "; drop the declaration, the record gives the key");
            }
            put(keys, key, property);
        });
        this.sections = List.copyOf(sections);
        this.propertyByKey = Collections.unmodifiableMap(keys);
        this.recordProperties = Collections.unmodifiableMap(components);
    }

    private static void put(Map<String, String> keys, String key, String property) {
        String before = keys.putIfAbsent(key, property);
        if (before != null) {
            throw new IllegalStateException("key '" + key + "' would set both " + before + " and " + property);
        }
        if (keys.values().stream().filter(property::equals).count() > 1) {
            throw new IllegalStateException("two keys set " + property);
        }
    }

    /** The Micronaut property a record component is bound from: the record's prefix and the kebab-case name. */
    public static String property(Class<? extends Record> type, RecordComponent c) {
        ConfigurationProperties bound = type.getAnnotation(ConfigurationProperties.class);
        if (bound == null) {
            throw new IllegalStateException(type.getName() + " is not a @ConfigurationProperties record");
        }
        return bound.value() + "." + NameUtils.hyphenate(c.getName());
    }

    /** The property {@code key} sets, or empty for a key the file may not hold. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(propertyByKey.get(key));
    }

    /** Every key, sorted. */
    public List<String> keys() {
        return List.copyOf(propertyByKey.keySet());
    }

    /** Every key with the property it sets, sorted by key. */
    public Map<String, String> propertyByKey() {
        return propertyByKey;
    }

    /** The records the keys come from, with their exceptions. */
    public List<Section> sections() {
        return sections;
    }

    /** Every property of a component of the records, with the component (e.g. {@code ClientConfig.mode}). */
    public Map<String, String> recordProperties() {
        return recordProperties;
    }

    /**
     * What of {@code records} the file does not cover: a record with no {@link Section} (named whole), a component
     * with no key that is not declared {@link Section#notInFile}, or one declared so that has a key. Empty when every
     * configuration record is the file's schema; the apps' tests call it with every record compiled into them.
     */
    public List<String> uncovered(List<Class<? extends Record>> records) {
        List<String> missing = new ArrayList<>();
        for (Class<? extends Record> type : records) {
            Optional<Section> section = sections.stream().filter(s -> s.type() == type).findFirst();
            if (section.isEmpty()) {
                missing.add(type.getName() + " (the whole record: add a Section for it to the config file's keys)");
                continue;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                boolean keyed = propertyByKey.containsValue(property(type, c));
                if (keyed == section.get().notInFile().contains(c.getName())) {
                    missing.add(type.getSimpleName() + "." + c.getName());
                }
            }
        }
        return missing;
    }

    /**
     * How the components of one record become keys: {@code keyPrefix} and the kebab-case name, unless renamed or
     * not offered in the file.
     *
     * @param type      a {@code @ConfigurationProperties} record
     * @param keyPrefix put before each derived key, e.g. "clock-"; usually ""
     * @param renamed   component name → its key, where the file names it otherwise (e.g. in other units)
     * @param notInFile components the file does not offer (set elsewhere, or left at their defaults)
     */
    public record Section(Class<? extends Record> type, String keyPrefix, Map<String, String> renamed, Set<String> notInFile) {

        public Section {
            Set<String> names = new LinkedHashSet<>();
            Arrays.stream(type.getRecordComponents()).forEach(c -> names.add(c.getName()));
            for (String name : concat(renamed.keySet(), notInFile)) {
                if (!names.contains(name)) {
                    throw new IllegalStateException(type.getSimpleName() + " has no component '" + name
                            + "'; its components are " + names);
                }
            }
            property(type, type.getRecordComponents()[0]); // fails now if the record is not bound
            renamed = Map.copyOf(renamed);
            notInFile = Set.copyOf(notInFile);
        }

        /** Every component of {@code type} a key named by its kebab-case name. */
        public static Section of(Class<? extends Record> type) {
            return new Section(type, "", Map.of(), Set.of());
        }

        public Section keyPrefix(String prefix) {
            return new Section(type, prefix, renamed, notInFile);
        }

        public Section renamed(String component, String key) {
            Map<String, String> more = new TreeMap<>(renamed);
            more.put(component, key);
            return new Section(type, keyPrefix, more, notInFile);
        }

        public Section notInFile(String... components) {
            return new Section(type, keyPrefix, renamed, Set.copyOf(concat(notInFile, Set.of(components))));
        }

        private static Set<String> concat(Set<String> a, Set<String> b) {
            Set<String> all = new LinkedHashSet<>(a);
            all.addAll(b);
            return all;
        }
    }
}
