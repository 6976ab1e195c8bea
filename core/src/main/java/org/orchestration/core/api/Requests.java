package org.orchestration.core.api;

import static org.orchestration.core.api.BodyField.object;
import static org.orchestration.core.api.BodyField.optionalInt;
import static org.orchestration.core.api.BodyField.optionalString;
import static org.orchestration.core.api.BodyField.requiredString;
import static org.orchestration.core.api.BodyField.stringList;
import static org.orchestration.core.api.BodyField.usd;

import org.orchestration.core.budget.BudgetPatch;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.projects.NewProject;
import org.orchestration.core.projects.ProjectPatch;
import org.orchestration.core.tasks.TaskPatch;
import org.orchestration.core.settings.SettingsPatch;

/**
 * Request bodies -> the core services' own create and patch records. Only shape is checked here (types, lengths,
 * ranges, unknown fields); what a value means is the service's business.
 */
final class Requests {

    /** No length limit of the request's own: the service checks the configured one. */
    private static final int UNBOUNDED = BodyField.UNBOUNDED;
    private static final String REQUIREMENTS_LIMIT = "At most planning.max_requirements_chars characters (50,000 unless "
            + "configured); the project service checks it.";

    static final BodySchema REGISTER = BodySchema.of("RegisterRequest",
            requiredString("email", 1, Bounds.EMAIL_MAX),
            requiredString("password", 1, Bounds.PASSWORD_MAX),
            optionalString("display_name", 1, Bounds.NAME_MAX));
    static final BodySchema LOGIN = BodySchema.of("LoginRequest",
            requiredString("email", 1, Bounds.EMAIL_MAX),
            requiredString("password", 1, Bounds.PASSWORD_MAX));
    static final BodySchema REFRESH = BodySchema.of("RefreshRequest",
            requiredString("refresh_token", 1, Bounds.TOKEN_MAX));
    static final BodySchema PROJECT_CREATE = BodySchema.of("ProjectCreate",
            requiredString("name", 1, Bounds.PROJECT_NAME_MAX),
            optionalString("requirements", 0, UNBOUNDED).described(REQUIREMENTS_LIMIT),
            usd("budget_limit_usd"));
    static final BodySchema PROJECT_UPDATE = BodySchema.patch("ProjectUpdate",
            optionalString("name", 1, Bounds.PROJECT_NAME_MAX),
            optionalString("requirements", 0, UNBOUNDED).described(REQUIREMENTS_LIMIT),
            usd("budget_limit_usd"),
            stringList("tags", Bounds.PROJECT_TAGS_MAX, Bounds.TAG_MAX).described("Replaces the project's tags (an empty "
                    + "list clears them); duplicates ignoring case are dropped"));
    static final BodySchema TASK_UPDATE = BodySchema.patch("TaskUpdate",
            optionalString("title", 1, Bounds.TASK_TITLE_MAX),
            optionalString("description", 0, Bounds.TASK_DESCRIPTION_MAX),
            optionalInt("priority", Bounds.PRIORITY_MIN, Bounds.PRIORITY_MAX),
            optionalInt("max_tokens", Bounds.MAX_TOKENS_MIN, Bounds.MAX_TOKENS_MAX),
            optionalString("model", 1, Bounds.NAME_MAX).described("A priced model of the task's provider (anthropic: a model "
                    + "with a price, e.g. claude-haiku-4-5; ollama: a model routed to Ollama or marked free; simulated: simulated). "
                    + "The provider does not change. Only while the task is not RUNNING or COMPLETED (else 409)."));
    static final BodySchema BUDGET_UPDATE = BodySchema.patch("BudgetUpdate",
            usd("daily_limit_usd"),
            usd("monthly_limit_usd"));
    static final BodySchema KNOWLEDGE_CREATE = BodySchema.of("KnowledgeCreate",
            requiredString("name", 1, Bounds.NAME_MAX),
            requiredString("folder", 1, Bounds.PATH_MAX));
    static final BodySchema SETTINGS_UPDATE = BodySchema.patch("SettingsUpdate",
            optionalInt("concurrency", 1, 64),
            optionalInt("max_task_retries", 0, 100),
            optionalInt("max_auto_retries", 0, 100),
            object("model_routing"),
            object("prices"),
            stringList("knowledge_allowed_roots", 50, Bounds.PATH_MAX));

    private Requests() {
    }

    /** The shape-checked register body ({@code email}, {@code password}, optional {@code display_name}). */
    static BodySchema.Parsed register(JsonBody body) {
        return REGISTER.parse(body);
    }

    /** The shape-checked login body ({@code email}, {@code password}). */
    static BodySchema.Parsed login(JsonBody body) {
        return LOGIN.parse(body);
    }

    static String refreshToken(JsonBody body) {
        return REFRESH.parse(body).string("refresh_token");
    }

    static NewProject newProject(JsonBody body) {
        BodySchema.Parsed p = PROJECT_CREATE.parse(body);
        return new NewProject(p.string("name"), p.string("requirements"), p.micros("budget_limit_usd"));
    }

    static ProjectPatch projectPatch(JsonBody body) {
        BodySchema.Parsed p = PROJECT_UPDATE.parse(body);
        return new ProjectPatch(p.string("name"), p.string("requirements"), p.micros("budget_limit_usd"),
                p.explicitNull("budget_limit_usd"), p.strings("tags"));
    }

    static TaskPatch taskPatch(JsonBody body) {
        BodySchema.Parsed p = TASK_UPDATE.parse(body);
        return new TaskPatch(p.string("title"), p.string("description"), p.integer("priority"),
                p.integer("max_tokens"), p.string("model"));
    }

    static BudgetPatch budgetPatch(JsonBody body) {
        BodySchema.Parsed p = BUDGET_UPDATE.parse(body);
        return new BudgetPatch(p.micros("daily_limit_usd"), p.micros("monthly_limit_usd"));
    }

    /** The shape-checked knowledge-base body ({@code name}, {@code folder}). */
    static BodySchema.Parsed knowledgeBase(JsonBody body) {
        return KNOWLEDGE_CREATE.parse(body);
    }

    static SettingsPatch settingsPatch(JsonBody body) {
        BodySchema.Parsed p = SETTINGS_UPDATE.parse(body);
        return new SettingsPatch(p.integer("concurrency"), p.integer("max_task_retries"), p.integer("max_auto_retries"),
                p.object("model_routing"), p.object("prices"), p.strings("knowledge_allowed_roots"));
    }
}
