package vn.kiosk06.client.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The local API's JSON: records out, small flat records in. Written by hand (about a hundred lines) rather than with
 * a data-binding library: the device app answers a dozen shapes, and every loaded class costs resident memory on a
 * Pi. Reading parses with Gson's tree parser, already on the classpath for protobuf's JSON mapping.
 *
 * <p>Writing leaves out a record component that is null, an empty string or an empty collection or map (what the
 * screens have always received), unless the component is marked {@link Always}. Thread-safe.
 */
public final class Json {

    /** Writes the component even when it is empty (e.g. a list the page iterates). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Always {
    }

    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] rc = type.getRecordComponents();
            Component[] out = new Component[rc.length];
            for (int i = 0; i < rc.length; i++) {
                Method accessor = rc[i].getAccessor();
                accessor.setAccessible(true);
                out[i] = new Component(rc[i].getName(), accessor, rc[i].isAnnotationPresent(Always.class));
            }
            return out;
        }
    };

    private record Component(String name, Method accessor, boolean always) {
    }

    private Json() {
    }

    /** The JSON text of a record, collection, map, string, number, boolean, enum or null. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence s) {
            string(s, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Enum<?> e) {
            string(e.name(), out);
        } else if (value instanceof Record r) {
            out.append('{');
            boolean first = true;
            for (Component c : COMPONENTS.get(r.getClass())) {
                Object v = get(c, r);
                if (!c.always() && isEmpty(v)) {
                    continue;
                }
                first = member(c.name(), first, out);
                write(v, out);
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object v : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(v, out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (isEmpty(e.getValue())) {
                    continue;
                }
                first = member(String.valueOf(e.getKey()), first, out);
                write(e.getValue(), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static boolean member(String name, boolean first, StringBuilder out) {
        if (!first) {
            out.append(',');
        }
        string(name, out);
        out.append(':');
        return false;
    }

    private static boolean isEmpty(Object v) {
        return v == null || v instanceof CharSequence s && s.length() == 0 || v instanceof Collection<?> c && c.isEmpty()
                || v instanceof Map<?, ?> m && m.isEmpty();
    }

    private static Object get(Component c, Record r) {
        try {
            return c.accessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.name(), e);
        }
    }

    private static void string(CharSequence s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // '<' escaped so that a value can never close a script element if a page ever inlines it.
                case '<' -> out.append("\\u003c");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * A request body as a record whose components are strings, numbers, booleans or lists of strings. A missing
     * member is null (a missing number or boolean is refused); unknown members are ignored.
     *
     * @throws BadRequestException naming what was wrong
     */
    public static <R extends Record> R read(String body, Class<R> type) {
        JsonObject object;
        try {
            JsonElement tree = JsonParser.parseString(body == null || body.isBlank() ? "{}" : body);
            if (!tree.isJsonObject()) {
                throw new BadRequestException("expected a JSON object, got " + abbreviate(body));
            }
            object = tree.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new BadRequestException("not valid JSON: " + e.getMessage());
        }
        RecordComponent[] rc = type.getRecordComponents();
        Object[] args = new Object[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            JsonElement v = object.get(rc[i].getName());
            args[i] = value(rc[i].getName(), v == null || v.isJsonNull() ? null : v, rc[i].getType(),
                    rc[i].getGenericType());
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new BadRequestException(e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object value(String name, JsonElement v, Class<?> type, Type generic) {
        try {
            if (type == String.class) {
                return v == null ? null : v.getAsString();
            }
            if (type == List.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class) {
                if (v == null) {
                    return null;
                }
                JsonArray array = v.getAsJsonArray();
                List<String> list = new ArrayList<>(array.size());
                array.forEach(e -> list.add(e.getAsString()));
                return list;
            }
            if (v == null) {
                if (type.isPrimitive()) {
                    throw new BadRequestException(name + " is missing");
                }
                return null;
            }
            if (type == int.class || type == Integer.class) {
                return v.getAsInt();
            }
            if (type == long.class || type == Long.class) {
                return v.getAsLong();
            }
            if (type == boolean.class || type == Boolean.class) {
                return v.getAsBoolean();
            }
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException | NumberFormatException e) {
            throw new BadRequestException(name + " has the wrong type: " + abbreviate(v.toString()));
        }
        throw new IllegalArgumentException("cannot read a " + type.getName() + " from JSON");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
