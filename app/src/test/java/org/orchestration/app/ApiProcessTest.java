package org.orchestration.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real process with {@code --api}: the composition root serves the loopback API on the real services. */
class ApiProcessTest {

    private static final Pattern KEY = Pattern.compile("oe_[A-Za-z0-9_-]{20,}");

    @TempDir
    Path tmp;

    @Test
    void headlessEngineWithApiServesTheOwnersApiKeyOverLoopback() throws Exception {
        Path dataDir = tmp.resolve("data");
        String config = tmp.resolve("none.json").toString();
        String key;
        try (EngineProcess once = EngineProcess.start("--create-api-key", "script", "--data-dir", dataDir.toString(), "--config", config)) {
            assertThat(once.awaitExit(Duration.ofSeconds(90))).as("stderr: %s", once.stderr()).isZero();
            Matcher m = KEY.matcher(String.join("\n", once.stdout()));
            assertThat(m.find()).as("stdout: %s", once.stdout()).isTrue();
            key = m.group();
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (EngineProcess engine = EngineProcess.start("--headless", "--api", "--api-port", Integer.toString(port),
                "--data-dir", dataDir.toString(), "--config", config)) {
            engine.awaitReady();
            OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();
            String base = "http://127.0.0.1:" + port;

            try (Response anonymous = http.newCall(new Request.Builder().url(base + "/api/projects").build()).execute()) {
                assertThat(anonymous.code()).isEqualTo(401);
            }
            try (Response created = http.newCall(new Request.Builder().url(base + "/api/projects")
                    .header("Authorization", "Bearer " + key)
                    .post(RequestBody.create("{\"name\":\"From a script\"}", MediaType.get("application/json"))).build()).execute()) {
                assertThat(created.code()).as(created.body().string()).isEqualTo(201);
            }
            try (Response listed = http.newCall(new Request.Builder().url(base + "/api/projects")
                    .header("Authorization", "Bearer " + key).build()).execute()) {
                assertThat(listed.code()).isEqualTo(200);
                assertThat(listed.body().string()).contains("From a script");
            }
            engine.terminate();
            engine.awaitExit(Duration.ofSeconds(30));
        }
    }
}
