package org.orchestration.core.planning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads prompt templates shipped in the {@code resources} module. */
final class PromptTemplates {

    static final String PLANNING = "/org/orchestration/resources/prompts/planning.md";

    private PromptTemplates() {
    }

    /** @throws IllegalStateException when the template is missing from the class path (a packaging error) */
    static String load(String path) {
        try (InputStream in = PromptTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The prompt template " + path + " is missing from the application.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the prompt template " + path, e);
        }
    }
}
