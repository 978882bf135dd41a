package io.clickmap.api.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/openapi.yaml as the tests that hold it against the code read it: operations, parameters (with their
 * {@code $ref}s followed) and their schemas. A missing node fails the test that asked for it, naming the node.
 */
public final class OpenApiDocument {
    private static final Path FILE = Path.of("..", "docs", "openapi.yaml");

    private final String text;
    private final Map<String, Object> root;

    private OpenApiDocument(String text) {
        this.text = text;
        this.root = new Yaml().load(text);
    }

    public static OpenApiDocument read() throws IOException {
        return new OpenApiDocument(Files.readString(FILE));
    }

    public String text() {
        return text;
    }

    public Map<String, Object> paths() {
        return map(root, "paths");
    }

    public Map<String, Object> operation(String path, String method) {
        return map(paths(), path, method);
    }

    /** The parameter {@code name} of {@code GET path}: the operation's own or the path's. */
    public Map<String, Object> parameter(String path, String name) {
        Map<String, Object> get = operation(path, "get");
        List<Object> parameters = new ArrayList<>(get.containsKey("parameters") ? list(get, "parameters") : List.of());
        Map<String, Object> pathItem = map(paths(), path);
        if (pathItem.containsKey("parameters")) {
            parameters.addAll(list(pathItem, "parameters"));
        }
        for (Object parameter : parameters) {
            Map<String, Object> resolved = resolve(parameter);
            if (name.equals(resolved.get("name"))) {
                return resolved;
            }
        }
        throw new AssertionError("GET " + path + " documents no parameter " + name);
    }

    /** The schema of that parameter: its own, or that of its JSON content. */
    public Map<String, Object> schema(String path, String name) {
        Map<String, Object> parameter = parameter(path, name);
        return parameter.containsKey("schema") ? map(parameter, "schema") : map(parameter, "content", "application/json", "schema");
    }

    /** A schema of {@code components/schemas}. */
    public Map<String, Object> component(String name) {
        return map(root, "components", "schemas", name);
    }

    /** The node at the end of {@code keys}, following a {@code $ref} wherever one stands. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(Object node, String... keys) {
        Object current = resolve(node);
        for (String key : keys) {
            Object next = ((Map<String, Object>) current).get(key);
            if (next == null) {
                throw new AssertionError("openapi.yaml has no " + key + " in " + current);
            }
            current = resolve(next);
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(Object node, String key) {
        Object value = map(node).get(key);
        if (!(value instanceof List)) {
            throw new AssertionError("openapi.yaml has no list " + key + " in " + node);
        }
        return (List<Object>) value;
    }

    public static long integer(Map<String, Object> schema, String key) {
        return number(schema, key).longValue();
    }

    public static double decimal(Map<String, Object> schema, String key) {
        return number(schema, key).doubleValue();
    }

    private static Number number(Map<String, Object> schema, String key) {
        if (!(schema.get(key) instanceof Number number)) {
            throw new AssertionError("openapi.yaml gives no number " + key + " in " + schema);
        }
        return number;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Object node) {
        Map<String, Object> map = (Map<String, Object>) node;
        if (!(map.get("$ref") instanceof String ref)) {
            return map;
        }
        if (!ref.startsWith("#/")) {
            throw new AssertionError("openapi.yaml refers outside itself: " + ref);
        }
        return map(root, ref.substring(2).split("/"));
    }

    /** The JSON keys a record is written with, in order: its components, renamed by @JsonProperty. */
    public static List<String> recordKeys(Class<? extends Record> type) {
        // Jackson's annotations do not target record components: javac puts them on the accessor
        return Arrays.stream(type.getRecordComponents()).map(component -> {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            return renamed != null ? renamed.value() : component.getName();
        }).toList();
    }
}
