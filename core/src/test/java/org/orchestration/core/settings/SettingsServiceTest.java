package org.orchestration.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.rag.KnowledgeRoots;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.testing.TestDb;

class SettingsServiceTest {

    @TempDir
    Path dir;
    private Database db;
    private SettingsStore store;
    private SettingsService service;
    private final List<Integer> concurrencyCalls = new ArrayList<>();
    private User admin;
    private User user;

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
        store = new SettingsStore(db, Clock.systemUTC());
        service = new SettingsService(db, store, new AppConfig.Execution(4, 5, 5, 10, true, Duration.ofSeconds(5)),
                (actor, n) -> concurrencyCalls.add(n), new KnowledgeRoots(store, dir.resolve("data"), dir.resolve("config")));
        admin = TestDb.insertUser(db, Role.ADMIN);
        user = TestDb.insertUser(db, Role.USER);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void defaultsComeFromTheConfigurationUntilSomethingIsStored() {
        RuntimeSettings s = service.get(user);
        assertThat(s.concurrency()).isEqualTo(4);
        assertThat(s.maxTaskRetries()).isEqualTo(5);
        assertThat(s.modelRouting().isEmpty()).isTrue();
    }

    @Test
    void anAdminsChangeIsStoredUnderTheKeysTheEngineReads() throws Exception {
        service.update(admin, new SettingsPatch(8, 2, 3, json("{\"planning\":{\"provider\":\"anthropic\",\"model\":\"claude-opus-4-5\"}}"),
                json("{\"my-model\":{\"input\":1,\"output\":2}}")));
        assertThat(concurrencyCalls).containsExactly(8);
        assertThat(store.get(SettingsService.MAX_TASK_RETRIES_KEY, Integer.class)).contains(2);
        assertThat(store.get(SettingsService.MAX_AUTO_RETRIES_KEY, Integer.class)).contains(3);
        assertThat(store.get(ModelRouter.ROUTING_KEY, JsonNode.class).orElseThrow().at("/planning/model").asText()).isEqualTo("claude-opus-4-5");
        assertThat(store.get(Pricing.OVERRIDES_KEY, JsonNode.class).orElseThrow().at("/my-model/output").asInt()).isEqualTo(2);
    }

    @Test
    void anEmptyTableGoesBackToTheDefaults() throws Exception {
        service.update(admin, new SettingsPatch(null, null, null, json("{\"simple\":{\"provider\":\"ollama\",\"model\":\"llama3.2\"}}"), null));
        service.update(admin, new SettingsPatch(null, null, null, json("{}"), null));
        assertThat(store.raw(ModelRouter.ROUTING_KEY)).isEmpty();
    }

    @Test
    void aUserWhoIsNotAnAdminCannotChangeAnything() {
        assertThatThrownBy(() -> service.update(user, new SettingsPatch(2, null, null, null, null)))
                .isInstanceOf(ForbiddenException.class);
        assertThat(concurrencyCalls).isEmpty();
    }

    @Test
    void oneBadFieldChangesNothingAndIsNamed() throws Exception {
        assertThatThrownBy(() -> service.update(admin, new SettingsPatch(8, 2, null, null, json("{\"my-model\":{\"input\":1}}"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("prices.my-model.output"));
        assertThat(concurrencyCalls).isEmpty();
        assertThat(store.raw(SettingsService.MAX_TASK_RETRIES_KEY)).isEmpty();
    }

    @Test
    void outOfRangeNumbersAndMalformedTablesNameTheirField() throws Exception {
        assertThat(field(new SettingsPatch(0, null, null, null, null))).isEqualTo("concurrency");
        assertThat(field(new SettingsPatch(65, null, null, null, null))).isEqualTo("concurrency");
        assertThat(field(new SettingsPatch(null, 101, null, null, null))).isEqualTo("max_task_retries");
        assertThat(field(new SettingsPatch(null, null, -1, null, null))).isEqualTo("max_auto_retries");
        assertThat(field(new SettingsPatch(null, null, null, json("[]"), null))).isEqualTo("model_routing");
        assertThat(field(new SettingsPatch(null, null, null, json("{\"fast\":{}}"), null))).isEqualTo("model_routing.fast");
        assertThat(field(new SettingsPatch(null, null, null, json("{\"task_types\":{\"code\":{\"provider\":\"x\",\"model\":7}}}"), null)))
                .isEqualTo("model_routing.task_types.code.model");
        assertThat(field(new SettingsPatch(null, null, null, null, json("{\"claude-opus-4-5\":{\"output\":\"cheap\"}}"))))
                .isEqualTo("prices.claude-opus-4-5.output");
        assertThat(field(new SettingsPatch(null, null, null, null, json("{\"claude-opus-4-5\":{\"per_call\":1}}"))))
                .isEqualTo("prices.claude-opus-4-5.per_call");
    }

    @Test
    void aShippedModelMayOverrideOnePriceOnly() throws Exception {
        service.update(admin, new SettingsPatch(null, null, null, null, json("{\"claude-sonnet-4-6\":{\"input\":2}}")));
        assertThat(service.get(admin).prices().at("/claude-sonnet-4-6/input").asInt()).isEqualTo(2);
    }

    private String field(SettingsPatch patch) {
        try {
            service.update(admin, patch);
            throw new AssertionError("accepted " + patch);
        } catch (ValidationException e) {
            return e.field().orElse(null);
        }
    }
}
