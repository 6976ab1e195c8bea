package org.orchestration.core.api;

import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.orchestration.core.testing.ApiTestFixture;

class ScratchTest {
    @Test
    void dump() {
        try (ApiTestFixture plain = new ApiTestFixture()) {
            var r = plain.client.send(new Request.Builder().url(plain.client.url("/api/projects")).method("OPTIONS", null)
                .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "GET").build());
            System.out.println("OPT " + r.status() + " " + r.headers() + " body=" + r.body());
            r = plain.client.get("/api/nope", plain.aliceToken);
            System.out.println("404 " + r.status() + " " + r.headers() + " body=" + r.body());
            r = plain.client.get("/api/nope", null);
            System.out.println("404b " + r.status() + " " + r.headers() + " body=" + r.body());
        }
    }
}
