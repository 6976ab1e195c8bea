package org.orchestration.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;
import org.orchestration.core.json.Json;

/** The repository's config.example.json documents every key ConfigLoader knows, with its default. */
class ConfigExampleTest {

    private static final Path EXAMPLE = Path.of("..", "config.example.json");

    @TempDir
    Path tmp;

    @Test
    void theExampleNamesExactlyTheKeysTheLoaderKnows() throws Exception {
        Set<String> inExample = new TreeSet<>();
        collect(Json.mapper().readTree(Files.readString(EXAMPLE)), "", inExample);

        assertThat(inExample).isEqualTo(new TreeSet<>(knownKeys()));
    }

    @Test
    void theExampleLoadsToTheDefaults() {
        ConfigLoader loader = new ConfigLoader(Map.of());

        AppConfig fromExample = loader.load(EXAMPLE, Optional.of(tmp));
        AppConfig defaults = loader.load(tmp.resolve("missing.json"), Optional.of(tmp));

        assertThat(fromExample).isEqualTo(defaults);
    }

    private static void collect(JsonNode node, String prefix, Set<String> keys) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("_")) {
                continue;
            }
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            keys.add(key);
            if (e.getValue().isObject()) {
                collect(e.getValue(), key, keys);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> knownKeys() throws ReflectiveOperationException {
        Field known = ConfigLoader.class.getDeclaredField("KNOWN"); // the loader's own list, so the two cannot drift
        known.setAccessible(true);
        return (Set<String>) known.get(null);
    }
}
