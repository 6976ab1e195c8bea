package org.orchestration.app;

import org.orchestration.core.config.AppConfig;

/** Applies the flags that override config.json ({@code --api}, {@code --api-port}, {@code --multi-user}). */
final class ConfigOverrides {

    private ConfigOverrides() {
    }

    static AppConfig apply(AppConfig c, LaunchOptions o) {
        AppConfig.Api a = c.api();
        AppConfig.Api api = new AppConfig.Api(a.enabled() || o.api(), o.apiPort().orElse(a.port()), a.corsOrigins(),
                a.maxSubscribersPerProject(), a.maxStreamsPerUser(), a.maxStreams());
        AppConfig.Auth u = c.auth();
        AppConfig.Auth auth = o.multiUser()
                ? new AppConfig.Auth(AppConfig.AuthMode.MULTI, u.secretKey(), u.accessTokenTtl(), u.refreshTokenTtl(),
                        u.sseTokenTtl(), u.registrationOpen())
                : u;
        return new AppConfig(c.dataDir(), auth, c.anthropic(), c.ollama(), c.comfyui(), c.execution(), c.budget(), api,
                c.files(), c.rag(), c.monitor(), c.planning(), c.ui());
    }
}
