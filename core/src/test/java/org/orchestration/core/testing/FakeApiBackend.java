package org.orchestration.core.testing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.orchestration.core.api.backend.ApiBackend;
import org.orchestration.core.api.backend.AuthApi;
import org.orchestration.core.api.backend.BearerAuthenticator;
import org.orchestration.core.api.backend.BudgetUpdate;
import org.orchestration.core.api.backend.EventStream;
import org.orchestration.core.api.backend.EventsApi;
import org.orchestration.core.api.backend.ExecutionApi;
import org.orchestration.core.api.backend.KnowledgeApi;
import org.orchestration.core.api.backend.KnowledgeCreate;
import org.orchestration.core.api.backend.LoginRequest;
import org.orchestration.core.api.backend.PlanApi;
import org.orchestration.core.api.backend.ProjectApi;
import org.orchestration.core.api.backend.ProjectCreate;
import org.orchestration.core.api.backend.ProjectUpdate;
import org.orchestration.core.api.backend.RegisterRequest;
import org.orchestration.core.api.backend.ServicesApi;
import org.orchestration.core.api.backend.SettingsApi;
import org.orchestration.core.api.backend.SettingsUpdate;
import org.orchestration.core.api.backend.SseTokenVerifier;
import org.orchestration.core.api.backend.TaskApi;
import org.orchestration.core.api.backend.TaskUpdate;
import org.orchestration.core.api.backend.UsageApi;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;

/**
 * In-memory stand-in for every service the API calls, with the real rules that matter at the
 * API boundary: opaque random tokens of four kinds (access, refresh, SSE scoped to a project,
 * API key) that expire on an injectable clock; owner-or-admin access through
 * {@link AccessPolicy}; project/plan/task state transitions; an event log with a per-project
 * subscriber limit like ProgressBus. Not thread-hostile: maps are concurrent.
 */
public final class FakeApiBackend implements BearerAuthenticator, SseTokenVerifier, AuthApi, ProjectApi, PlanApi,
        ExecutionApi, TaskApi, UsageApi, KnowledgeApi, SettingsApi, ServicesApi, EventsApi, EventStream {

    public enum TokenKind { ACCESS, REFRESH, SSE, API_KEY }

    private record TokenGrant(TokenKind kind, String userId, String projectId, Instant expiresAt) {
    }

    private record Account(User user, String password) {
    }

    public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }

    public record ProjectView(String id, String ownerId, String name, String requirements, ProjectStatus status,
                              Long budgetLimitMicros) {
    }

    public record PlanView(String id, String projectId, int version, PlanStatus status, String summary) {
    }

    public record TaskView(String id, String projectId, String title, String description, int priority, int maxTokens,
                           String model, TaskStatus status, int retryCount) {
    }

    public record KnowledgeBaseView(String id, String ownerId, String name, String folder, String status) {
    }

    public static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    public static final Duration REFRESH_TTL = Duration.ofDays(7);
    public static final Duration SSE_TTL = Duration.ofSeconds(60);

    private final Clock clock;
    private final int maxSubscribersPerProject;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TokenGrant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, ProjectView> projects = new ConcurrentHashMap<>();
    private final Map<String, PlanView> plans = new ConcurrentHashMap<>();
    private final Map<String, TaskView> tasks = new ConcurrentHashMap<>();
    private final Map<String, KnowledgeBaseView> knowledgeBases = new ConcurrentHashMap<>();
    private final Map<String, Object> settings = new ConcurrentHashMap<>(Map.of("concurrency", 2, "max_task_retries", 5,
            "max_auto_retries", 3));
    private final Map<String, Long> limits = new ConcurrentHashMap<>(Map.of("daily_limit_micros", 5_000_000L,
            "monthly_limit_micros", 50_000_000L));
    private final Map<String, List<StoredEvent>> eventLog = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<StoredEvent>>> subscribers = new ConcurrentHashMap<>();
    /** user id -> when all their sessions were last revoked (sign out everywhere). */
    private final Map<String, Instant> sessionsRevokedAt = new ConcurrentHashMap<>();
    private long nextEventId = 1;
    private volatile RuntimeException failure;

    public FakeApiBackend(Clock clock, int maxSubscribersPerProject) {
        this.clock = clock;
        this.maxSubscribersPerProject = maxSubscribersPerProject;
    }

    public ApiBackend asBackend() {
        return new ApiBackend(this, this, this, this, this, this, this, this, this, this, this, this, this);
    }

    // ---- test helpers -------------------------------------------------------------------------

    /** Creates an account directly (the first becomes admin), returning the user. */
    public User addUser(String email, String password) {
        RegisterRequest request = new RegisterRequest(email, password, email);
        register(request);
        return accounts.get(email.toLowerCase()).user();
    }

    public String issue(TokenKind kind, User user, String projectId) {
        String token = kind.name().toLowerCase() + "_" + HexFormat.of().formatHex(bytes(24));
        Duration ttl = switch (kind) {
            case ACCESS -> ACCESS_TTL;
            case REFRESH -> REFRESH_TTL;
            case SSE -> SSE_TTL;
            case API_KEY -> Duration.ofDays(3650);
        };
        tokens.put(token, new TokenGrant(kind, user.id(), projectId, clock.instant().plus(ttl)));
        return token;
    }

    /** An access token that expired a second ago. */
    public String expiredAccessToken(User user) {
        String token = issue(TokenKind.ACCESS, user, null);
        TokenGrant grant = tokens.get(token);
        tokens.put(token, new TokenGrant(grant.kind(), grant.userId(), null, clock.instant().minusSeconds(1)));
        return token;
    }

    /** Makes the next call of any service method throw {@code failure} (unexpected-error tests). */
    public void failNextCallWith(RuntimeException e) {
        this.failure = e;
    }

    /** Publishes like ProgressBus: append to the log, then tell live subscribers. */
    public StoredEvent publish(EngineEvent published) {
        StoredEvent event;
        String projectId = published.projectId();
        synchronized (this) {
            event = new StoredEvent(nextEventId++, clock.instant(), published);
            eventLog.computeIfAbsent(projectId, p -> new CopyOnWriteArrayList<>()).add(event);
        }
        subscribers.getOrDefault(projectId, List.of()).forEach(s -> s.accept(event));
        return event;
    }

    /** Deactivates an account as an admin would: its tokens stop working and its streams close. */
    public void deactivate(User user) {
        accounts.computeIfPresent(user.email().toLowerCase(), (email, a) -> new Account(
                new User(a.user().id(), a.user().email(), a.user().displayName(), a.user().role(), false), a.password()));
    }

    /** Revokes every session of the user ("sign out everywhere"); the account stays active. */
    public void revokeSessions(User user) {
        sessionsRevokedAt.put(user.id(), clock.instant());
    }

    public int subscriberCount(String projectId) {
        return subscribers.getOrDefault(projectId, List.of()).size();
    }

    public ProjectView project(String id) {
        return projects.get(id);
    }

    public List<TaskView> tasksOf(String projectId) {
        return tasks.values().stream().filter(t -> t.projectId().equals(projectId))
                .sorted(Comparator.comparing(TaskView::title)).toList();
    }

    // ---- auth ---------------------------------------------------------------------------------

    @Override
    public User authenticate(String bearer) {
        maybeFail();
        TokenGrant grant = tokens.get(bearer);
        if (grant == null || !(grant.kind() == TokenKind.ACCESS || grant.kind() == TokenKind.API_KEY)
                || !clock.instant().isBefore(grant.expiresAt())) {
            throw new UnauthorizedException("Invalid or expired token.");
        }
        return userById(grant.userId());
    }

    @Override
    public User verify(String token, String projectId) {
        TokenGrant grant = tokens.get(token);
        if (grant == null || grant.kind() != TokenKind.SSE || !grant.projectId().equals(projectId)
                || !clock.instant().isBefore(grant.expiresAt())) {
            throw new UnauthorizedException("Invalid or expired event-stream token.");
        }
        return userById(grant.userId());
    }

    @Override
    public synchronized Object register(RegisterRequest request) {
        maybeFail();
        if (request.password().length() < 8) {
            throw new ValidationException("password", "password must be at least 8 characters long");
        }
        String key = request.email().toLowerCase();
        if (accounts.containsKey(key)) {
            throw new ValidationException("Registration failed.");
        }
        Role role = accounts.isEmpty() ? Role.ADMIN : Role.USER;
        User user = new User(UUID.randomUUID().toString(), request.email(),
                request.displayName() == null ? request.email() : request.displayName(), role, true);
        accounts.put(key, new Account(user, request.password()));
        return user;
    }

    @Override
    public Object login(LoginRequest request) {
        maybeFail();
        Account account = accounts.get(request.email().toLowerCase());
        if (account == null || !account.password().equals(request.password())) {
            throw new UnauthorizedException("Wrong email or password.");
        }
        return pair(account.user());
    }

    @Override
    public Object refresh(String refreshToken) {
        TokenGrant grant = tokens.remove(refreshToken);
        if (grant == null || grant.kind() != TokenKind.REFRESH || !clock.instant().isBefore(grant.expiresAt())) {
            throw new UnauthorizedException("Invalid or expired refresh token.");
        }
        return pair(userById(grant.userId()));
    }

    @Override
    public Object me(User actor) {
        return AccessPolicy.requireUser(actor);
    }

    private TokenPair pair(User user) {
        return new TokenPair(issue(TokenKind.ACCESS, user, null), issue(TokenKind.REFRESH, user, null), "bearer",
                ACCESS_TTL.toSeconds());
    }

    // ---- projects, plans, execution -----------------------------------------------------------

    @Override
    public Object listProjects(User actor) {
        boolean all = AccessPolicy.seesAll(actor);
        return projects.values().stream().filter(p -> all || p.ownerId().equals(actor.id()))
                .sorted(Comparator.comparing(ProjectView::name)).toList();
    }

    @Override
    public Object createProject(User actor, ProjectCreate request) {
        maybeFail();
        AccessPolicy.requireUser(actor);
        ProjectView project = new ProjectView(UUID.randomUUID().toString(), actor.id(), request.name(),
                request.requirements(), ProjectStatus.DRAFT, request.budgetLimitMicros());
        projects.put(project.id(), project);
        return project;
    }

    @Override
    public Object getProject(User actor, String projectId) {
        maybeFail();
        return owned(actor, projectId);
    }

    @Override
    public Object updateProject(User actor, String projectId, ProjectUpdate request) {
        ProjectView p = owned(actor, projectId);
        Long budget = request.clearBudgetLimit() ? null
                : request.budgetLimitMicros() != null ? request.budgetLimitMicros() : p.budgetLimitMicros();
        ProjectView updated = new ProjectView(p.id(), p.ownerId(), request.name() != null ? request.name() : p.name(),
                request.requirements() != null ? request.requirements() : p.requirements(), p.status(), budget);
        projects.put(p.id(), updated);
        return updated;
    }

    @Override
    public void deleteProject(User actor, String projectId) {
        ProjectView p = owned(actor, projectId);
        if (p.status() == ProjectStatus.RUNNING) {
            throw new ConflictException("Pause or cancel the project before deleting it.");
        }
        projects.remove(projectId);
        tasks.values().removeIf(t -> t.projectId().equals(projectId));
    }

    @Override
    public Object generatePlan(User actor, String projectId) {
        ProjectView p = owned(actor, projectId);
        if (p.status() != ProjectStatus.DRAFT && p.status() != ProjectStatus.PLANNED) {
            throw new ConflictException("A plan can only be generated for a DRAFT or PLANNED project (it is " + p.status() + ").");
        }
        int version = (int) plans.values().stream().filter(pl -> pl.projectId().equals(projectId)).count() + 1;
        plans.replaceAll((id, pl) -> pl.projectId().equals(projectId) && pl.status() == PlanStatus.DRAFT
                ? new PlanView(pl.id(), pl.projectId(), pl.version(), PlanStatus.SUPERSEDED, pl.summary()) : pl);
        PlanView plan = new PlanView(UUID.randomUUID().toString(), projectId, version, PlanStatus.DRAFT,
                "Plan for " + p.name());
        plans.put(plan.id(), plan);
        setStatus(p, ProjectStatus.PLANNED);
        return plan;
    }

    @Override
    public Object getPlan(User actor, String projectId) {
        owned(actor, projectId);
        return latestPlan(projectId).orElseThrow(() -> new NotFoundException("This project has no plan yet."));
    }

    @Override
    public Object approvePlan(User actor, String projectId) {
        ProjectView p = owned(actor, projectId);
        PlanView plan = latestPlan(projectId).filter(pl -> pl.status() == PlanStatus.DRAFT)
                .orElseThrow(() -> new ConflictException("There is no draft plan to approve."));
        PlanView approved = new PlanView(plan.id(), projectId, plan.version(), PlanStatus.APPROVED, plan.summary());
        plans.put(plan.id(), approved);
        for (int i = 1; i <= 2; i++) {
            TaskView task = new TaskView(UUID.randomUUID().toString(), projectId, "Task " + i, "", 50, 4096, null,
                    i == 1 ? TaskStatus.PENDING : TaskStatus.BLOCKED, 0);
            tasks.put(task.id(), task);
        }
        setStatus(p, ProjectStatus.READY);
        return approved;
    }

    @Override
    public Object execute(User actor, String projectId) {
        ProjectView p = owned(actor, projectId);
        if (p.status() != ProjectStatus.READY && p.status() != ProjectStatus.PAUSED) {
            throw new ConflictException("Only a READY or PAUSED project can run (it is " + p.status() + ").");
        }
        return setStatus(p, ProjectStatus.RUNNING);
    }

    @Override
    public Object pause(User actor, String projectId) {
        ProjectView p = owned(actor, projectId);
        if (p.status() != ProjectStatus.RUNNING) {
            throw new ConflictException("Only a RUNNING project can be paused (it is " + p.status() + ").");
        }
        return setStatus(p, ProjectStatus.PAUSED);
    }

    @Override
    public Object cancel(User actor, String projectId) {
        ProjectView p = owned(actor, projectId);
        if (p.status().isTerminal()) {
            throw new ConflictException("The project has already ended (" + p.status() + ").");
        }
        return setStatus(p, ProjectStatus.CANCELLED);
    }

    // ---- tasks --------------------------------------------------------------------------------

    @Override
    public Object listTasks(User actor, String projectId) {
        owned(actor, projectId);
        return tasksOf(projectId);
    }

    @Override
    public Object getTask(User actor, String taskId) {
        return ownedTask(actor, taskId);
    }

    @Override
    public Object updateTask(User actor, String taskId, TaskUpdate request) {
        TaskView t = ownedTask(actor, taskId);
        if (t.status() == TaskStatus.RUNNING || t.status().isTerminal()) {
            throw new ConflictException("A " + t.status() + " task cannot be edited.");
        }
        TaskView updated = new TaskView(t.id(), t.projectId(), request.title() != null ? request.title() : t.title(),
                request.description() != null ? request.description() : t.description(),
                request.priority() != null ? request.priority() : t.priority(),
                request.maxTokens() != null ? request.maxTokens() : t.maxTokens(),
                request.model() != null ? request.model() : t.model(), t.status(), t.retryCount());
        tasks.put(t.id(), updated);
        return updated;
    }

    @Override
    public Object retryTask(User actor, String taskId) {
        TaskView t = ownedTask(actor, taskId);
        if (t.status() != TaskStatus.FAILED) {
            throw new ConflictException("Only a FAILED task can be retried.");
        }
        TaskView retried = new TaskView(t.id(), t.projectId(), t.title(), t.description(), t.priority(), t.maxTokens(),
                t.model(), TaskStatus.PENDING, t.retryCount() + 1);
        tasks.put(t.id(), retried);
        return retried;
    }

    /** Test helper: marks a task FAILED. */
    public void failTask(String taskId) {
        TaskView t = tasks.get(taskId);
        tasks.put(taskId, new TaskView(t.id(), t.projectId(), t.title(), t.description(), t.priority(), t.maxTokens(),
                t.model(), TaskStatus.FAILED, t.retryCount()));
    }

    // ---- usage, knowledge, settings, services, events -----------------------------------------

    @Override
    public Object usageSummary(User actor, String projectId) {
        if (projectId != null) {
            owned(actor, projectId);
        } else {
            AccessPolicy.requireUser(actor);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("project_id", projectId);
        summary.put("cost_usd", 0.0);
        summary.put("input_tokens", 0);
        summary.put("output_tokens", 0);
        return summary;
    }

    @Override
    public Object usageByProject(User actor) {
        boolean all = AccessPolicy.seesAll(actor);
        return projects.values().stream().filter(p -> all || p.ownerId().equals(actor.id()))
                .map(p -> Map.of("project_id", p.id(), "cost_usd", 0.0)).toList();
    }

    @Override
    public Object getBudget(User actor) {
        AccessPolicy.requireUser(actor);
        return Map.copyOf(limits);
    }

    @Override
    public Object updateBudget(User actor, BudgetUpdate request) {
        AccessPolicy.requireAdmin(actor);
        if (request.dailyLimitMicros() != null) {
            limits.put("daily_limit_micros", request.dailyLimitMicros());
        }
        if (request.monthlyLimitMicros() != null) {
            limits.put("monthly_limit_micros", request.monthlyLimitMicros());
        }
        return Map.copyOf(limits);
    }

    @Override
    public Object listKnowledgeBases(User actor) {
        boolean all = AccessPolicy.seesAll(actor);
        return knowledgeBases.values().stream().filter(k -> all || k.ownerId().equals(actor.id())).toList();
    }

    @Override
    public Object createKnowledgeBase(User actor, KnowledgeCreate request) {
        AccessPolicy.requireUser(actor);
        KnowledgeBaseView kb = new KnowledgeBaseView(UUID.randomUUID().toString(), actor.id(), request.name(),
                request.folder(), "indexing");
        knowledgeBases.put(kb.id(), kb);
        return kb;
    }

    @Override
    public Object reindexKnowledgeBase(User actor, String knowledgeBaseId) {
        return ownedKnowledgeBase(actor, knowledgeBaseId);
    }

    @Override
    public Object searchKnowledgeBase(User actor, String knowledgeBaseId, String query, int k) {
        KnowledgeBaseView kb = ownedKnowledgeBase(actor, knowledgeBaseId);
        return Map.of("knowledge_base_id", kb.id(), "query", query, "k", k, "results", List.of());
    }

    @Override
    public Object getSettings(User actor) {
        AccessPolicy.requireUser(actor);
        return Map.copyOf(settings);
    }

    @Override
    public Object updateSettings(User actor, SettingsUpdate request) {
        AccessPolicy.requireAdmin(actor);
        if (request.concurrency() != null) {
            settings.put("concurrency", request.concurrency());
        }
        if (request.maxTaskRetries() != null) {
            settings.put("max_task_retries", request.maxTaskRetries());
        }
        if (request.maxAutoRetries() != null) {
            settings.put("max_auto_retries", request.maxAutoRetries());
        }
        return Map.copyOf(settings);
    }

    @Override
    public Object serviceStatus(User actor) {
        AccessPolicy.requireUser(actor);
        return Map.of("ollama", Map.of("status", "down"), "comfyui", Map.of("status", "down"),
                "anthropic", Map.of("status", "unconfigured"));
    }

    @Override
    public IssuedSseToken issueSseToken(User actor, String projectId) {
        owned(actor, projectId);
        return new IssuedSseToken(issue(TokenKind.SSE, actor, projectId), SSE_TTL);
    }

    @Override
    public List<StoredEvent> replay(User actor, String projectId, long afterEventId) {
        return eventLog.getOrDefault(projectId, List.of()).stream().filter(e -> e.id() > afterEventId).toList();
    }

    @Override
    public AutoCloseable subscribe(User actor, String projectId, Consumer<StoredEvent> listener) {
        synchronized (subscribers) {
            List<Consumer<StoredEvent>> list = subscribers.computeIfAbsent(projectId, p -> new CopyOnWriteArrayList<>());
            if (list.size() >= maxSubscribersPerProject) {
                throw new ConflictException("This project already has " + maxSubscribersPerProject
                        + " live event streams; close one first.");
            }
            list.add(listener);
        }
        return () -> {
            synchronized (subscribers) {
                List<Consumer<StoredEvent>> list = subscribers.get(projectId);
                if (list != null) {
                    list.remove(listener);
                    if (list.isEmpty()) {
                        subscribers.remove(projectId);
                    }
                }
            }
        };
    }

    @Override
    public BooleanSupplier standing(User actor) {
        Instant openedAt = clock.instant();
        return () -> accounts.values().stream().map(Account::user).anyMatch(u -> u.id().equals(actor.id()) && u.active())
                && sessionsRevokedAt.getOrDefault(actor.id(), Instant.MIN).isBefore(openedAt);
    }

    // ---- internals ----------------------------------------------------------------------------

    private ProjectView owned(User actor, String projectId) {
        maybeFail();
        AccessPolicy.requireUser(actor);
        ProjectView p = projects.get(projectId);
        if (p == null) {
            throw new NotFoundException("No such project.");
        }
        AccessPolicy.requireOwnerOrAdmin(actor, p.ownerId(), "project");
        return p;
    }

    private TaskView ownedTask(User actor, String taskId) {
        TaskView t = tasks.get(taskId);
        if (t == null) {
            throw new NotFoundException("No such task.");
        }
        owned(actor, t.projectId());
        return t;
    }

    private KnowledgeBaseView ownedKnowledgeBase(User actor, String id) {
        AccessPolicy.requireUser(actor);
        KnowledgeBaseView kb = knowledgeBases.get(id);
        if (kb == null) {
            throw new NotFoundException("No such knowledge base.");
        }
        AccessPolicy.requireOwnerOrAdmin(actor, kb.ownerId(), "knowledge base");
        return kb;
    }

    private Optional<PlanView> latestPlan(String projectId) {
        return plans.values().stream().filter(pl -> pl.projectId().equals(projectId))
                .max(Comparator.comparingInt(PlanView::version));
    }

    private ProjectView setStatus(ProjectView p, ProjectStatus status) {
        ProjectView updated = new ProjectView(p.id(), p.ownerId(), p.name(), p.requirements(), status, p.budgetLimitMicros());
        projects.put(p.id(), updated);
        return updated;
    }

    private User userById(String id) {
        return accounts.values().stream().map(Account::user).filter(u -> u.id().equals(id)).findFirst()
                .orElseThrow(() -> new UnauthorizedException("Invalid or expired token."));
    }

    private void maybeFail() {
        RuntimeException e = failure;
        if (e != null) {
            failure = null;
            throw e;
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
