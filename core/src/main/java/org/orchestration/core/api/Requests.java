package org.orchestration.core.api;

import java.util.Set;
import org.orchestration.core.api.backend.BudgetUpdate;
import org.orchestration.core.api.backend.KnowledgeCreate;
import org.orchestration.core.api.backend.LoginRequest;
import org.orchestration.core.api.backend.ProjectCreate;
import org.orchestration.core.api.backend.ProjectUpdate;
import org.orchestration.core.api.backend.RegisterRequest;
import org.orchestration.core.api.backend.SettingsUpdate;
import org.orchestration.core.api.backend.TaskUpdate;

/**
 * Request bodies -> the records the seams take. Only shape is checked here (types, lengths,
 * ranges, unknown fields); what a value means is the service's business.
 */
final class Requests {

    private Requests() {
    }

    static RegisterRequest register(JsonBody body) {
        body.allowOnly(Set.of("email", "password", "display_name"));
        String email = body.requiredString("email", 1, Bounds.EMAIL_MAX);
        String password = body.requiredString("password", 1, Bounds.PASSWORD_MAX);
        String displayName = body.optionalString("display_name", 0, Bounds.NAME_MAX);
        return new RegisterRequest(email, password, displayName);
    }

    static LoginRequest login(JsonBody body) {
        body.allowOnly(Set.of("email", "password"));
        return new LoginRequest(body.requiredString("email", 1, Bounds.EMAIL_MAX),
                body.requiredString("password", 1, Bounds.PASSWORD_MAX));
    }

    static String refreshToken(JsonBody body) {
        body.allowOnly(Set.of("refresh_token"));
        return body.requiredString("refresh_token", 1, Bounds.TOKEN_MAX);
    }

    static ProjectCreate projectCreate(JsonBody body) {
        body.allowOnly(Set.of("name", "requirements", "budget_limit_usd"));
        String name = body.requiredString("name", 1, Bounds.NAME_MAX);
        String requirements = body.optionalString("requirements", 0, Bounds.REQUIREMENTS_MAX);
        return new ProjectCreate(name, requirements == null ? "" : requirements, body.optionalUsdAsMicros("budget_limit_usd"));
    }

    static ProjectUpdate projectUpdate(JsonBody body) {
        Set<String> fields = Set.of("name", "requirements", "budget_limit_usd");
        body.allowOnly(fields).requireAnyOf(fields);
        return new ProjectUpdate(body.optionalString("name", 1, Bounds.NAME_MAX),
                body.optionalString("requirements", 0, Bounds.REQUIREMENTS_MAX),
                body.optionalUsdAsMicros("budget_limit_usd"), body.isExplicitNull("budget_limit_usd"));
    }

    static TaskUpdate taskUpdate(JsonBody body) {
        Set<String> fields = Set.of("title", "description", "priority", "max_tokens", "model");
        body.allowOnly(fields).requireAnyOf(fields);
        return new TaskUpdate(body.optionalString("title", 1, Bounds.TITLE_MAX),
                body.optionalString("description", 0, Bounds.DESCRIPTION_MAX),
                body.optionalInt("priority", Bounds.PRIORITY_MIN, Bounds.PRIORITY_MAX),
                body.optionalInt("max_tokens", Bounds.MAX_TOKENS_MIN, Bounds.MAX_TOKENS_MAX),
                body.optionalString("model", 1, Bounds.NAME_MAX));
    }

    static BudgetUpdate budgetUpdate(JsonBody body) {
        Set<String> fields = Set.of("daily_limit_usd", "monthly_limit_usd");
        body.allowOnly(fields).requireAnyOf(fields);
        return new BudgetUpdate(body.optionalUsdAsMicros("daily_limit_usd"), body.optionalUsdAsMicros("monthly_limit_usd"));
    }

    static KnowledgeCreate knowledgeCreate(JsonBody body) {
        body.allowOnly(Set.of("name", "folder"));
        return new KnowledgeCreate(body.requiredString("name", 1, Bounds.NAME_MAX),
                body.requiredString("folder", 1, Bounds.PATH_MAX));
    }

    static SettingsUpdate settingsUpdate(JsonBody body) {
        Set<String> fields = Set.of("concurrency", "max_task_retries", "max_auto_retries", "model_routing", "prices");
        body.allowOnly(fields).requireAnyOf(fields);
        return new SettingsUpdate(body.optionalInt("concurrency", 1, 64),
                body.optionalInt("max_task_retries", 0, 100),
                body.optionalInt("max_auto_retries", 0, 100),
                body.optionalObject("model_routing"),
                body.optionalObject("prices"));
    }
}
