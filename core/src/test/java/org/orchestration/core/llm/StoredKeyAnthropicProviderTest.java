package org.orchestration.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.llm.AnthropicProvider;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatMessage;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ProviderException;
import org.orchestration.core.testing.FakeAnthropicServer;
import org.orchestration.core.testing.TestDb;

class StoredKeyAnthropicProviderTest {

    @TempDir
    Path tmp;

    private Database db;
    private SettingsStore settings;
    private HttpClients http;
    private FakeAnthropicServer fake;

    @BeforeEach
    void setUp() {
        db = TestDb.open(tmp);
        settings = new SettingsStore(db, Clock.systemUTC());
        http = new HttpClients();
        fake = FakeAnthropicServer.start();
    }

    @AfterEach
    void tearDown() {
        fake.close();
        http.close();
        db.close();
    }

    private StoredKeyAnthropicProvider provider(String configuredKey) {
        return new StoredKeyAnthropicProvider(fake.config(configuredKey), settings, c -> new AnthropicProvider(http, c));
    }

    private static ChatRequest hello() {
        return new ChatRequest(FakeAnthropicServer.DEFAULT_MODEL, "", List.of(ChatMessage.user("hello")), List.of(), 100);
    }

    @Test
    void aKeyStoredAfterStartIsUsedByTheNextCall() {
        StoredKeyAnthropicProvider provider = provider(null);
        settings.put(StoredKeyAnthropicProvider.KEY_SETTING, "sk-ant-stored-later");
        fake.enqueueText("hi");

        assertThat(provider.chat(hello(), CancellationToken.none()).text()).isEqualTo("hi");
        assertThat(fake.takeRequest().getHeader("x-api-key")).isEqualTo("sk-ant-stored-later");
    }

    @Test
    void aChangedStoredKeyReplacesTheOldOne() {
        StoredKeyAnthropicProvider provider = provider(null);
        settings.put(StoredKeyAnthropicProvider.KEY_SETTING, "sk-ant-first");
        fake.enqueueText("one").enqueueText("two");
        provider.chat(hello(), CancellationToken.none());
        settings.put(StoredKeyAnthropicProvider.KEY_SETTING, "sk-ant-second");
        provider.chat(hello(), CancellationToken.none());

        fake.takeRequest();
        assertThat(fake.takeRequest().getHeader("x-api-key")).isEqualTo("sk-ant-second");
    }

    @Test
    void theConfiguredKeyWinsOverAStoredOne() {
        StoredKeyAnthropicProvider provider = provider("sk-ant-config");
        settings.put(StoredKeyAnthropicProvider.KEY_SETTING, "sk-ant-stored");
        fake.enqueueText("hi");

        provider.chat(hello(), CancellationToken.none());
        assertThat(fake.takeRequest().getHeader("x-api-key")).isEqualTo("sk-ant-config");
    }

    @Test
    void withoutAnyKeyACallFailsPermanentlyWithoutReachingTheServer() {
        StoredKeyAnthropicProvider provider = provider(null);

        assertThatThrownBy(() -> provider.chat(hello(), CancellationToken.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.PERMANENT));
        assertThat(fake.requestCount()).isZero();
        assertThat(provider.apiKey()).isEmpty();
    }
}
