package org.orchestration.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.budget.UsageRecord;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.model.Purpose;
import org.orchestration.core.testing.MutableClock;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestConfig;
import org.orchestration.core.testing.TestDb;

class UsageServiceTest {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final LocalDate DAY1 = LocalDate.of(2026, 5, 4);
    private static final LocalDate DAY2 = LocalDate.of(2026, 5, 5);

    @TempDir
    Path dir;
    Database db;
    MutableClock clock;
    ProgressBus bus;
    BudgetManager budget;
    UsageService usage;
    User owner;
    User other;
    User admin;
    String mine;
    String theirs;

    @BeforeEach
    void setUp() {
        db = TestDb.open(dir);
        clock = new MutableClock(Instant.parse("2026-05-04T15:00:00Z"), ZONE);
        bus = new ProgressBus(db, clock, 10);
        budget = new BudgetManager(db, new SettingsStore(db, clock), bus, clock, TestConfig.defaults(dir).budget());
        usage = new UsageService(db, clock, budget);
        owner = TestDb.insertUser(db, Role.USER);
        other = TestDb.insertUser(db, Role.USER);
        admin = TestDb.insertUser(db, Role.ADMIN);
        mine = TaskGraphFixture.insertProject(db, owner, "RUNNING");
        theirs = TaskGraphFixture.insertProject(db, other, "RUNNING");

        record("a", owner, mine, Purpose.TASK, "sim-1", 100, "2026-05-04T15:00:00Z");
        record("b", owner, mine, Purpose.PLAN, "claude-x", 200, "2026-05-05T03:30:00Z"); // 23:30 on the 4th in New York
        record("c", other, theirs, Purpose.TASK, "sim-1", 300, "2026-05-05T15:00:00Z");
        record("d", owner, null, Purpose.EMBEDDING, "minilm", 50, "2026-05-05T16:00:00Z");
    }

    private void record(String key, User user, String project, Purpose purpose, String model, long cost, String at) {
        clock.set(Instant.parse(at));
        budget.record(null, new UsageRecord(key, user.id(), project, null, purpose, "prov", model, new TokenUsage(10, 5, 0, 0), cost));
    }

    @AfterEach
    void tearDown() {
        bus.close();
        db.close();
    }

    @Test
    void spendByDayUsesLocalCalendarDaysAndIncludesEmptyDays() {
        List<UsageTotals> days = usage.byDay(admin, DAY1.minusDays(1), DAY2);
        assertThat(days).extracting(UsageTotals::key).containsExactly("2026-05-03", "2026-05-04", "2026-05-05");
        assertThat(days).extracting(UsageTotals::costMicros).containsExactly(0L, 300L, 350L);
        assertThat(days.get(1).inputTokens()).isEqualTo(20);
        assertThat(days.get(1).calls()).isEqualTo(2);
    }

    @Test
    void aUserSeesOnlyTheirOwnProjectsAndTheirOwnRowsWithoutAProject() {
        assertThat(usage.byDay(owner, DAY1, DAY2)).extracting(UsageTotals::costMicros).containsExactly(300L, 50L);
        assertThat(usage.byProject(owner, DAY1, DAY2)).extracting(UsageTotals::key).containsExactly(mine, "");
    }

    @Test
    void spendByProjectModelAndPurposeIsSortedLargestFirst() {
        assertThat(usage.byProject(admin, DAY1, DAY2)).extracting(UsageTotals::key, UsageTotals::costMicros)
                .containsExactly(Tuple.tuple(mine, 300L), Tuple.tuple(theirs, 300L),
                        Tuple.tuple("", 50L));
        assertThat(usage.byModel(admin, DAY1, DAY2)).extracting(UsageTotals::key).containsExactly("sim-1", "claude-x", "minilm");
        assertThat(usage.byModel(admin, DAY1, DAY2).get(0).costMicros()).isEqualTo(400);
        assertThat(usage.byPurpose(admin, DAY1, DAY2)).extracting(UsageTotals::key, UsageTotals::costMicros)
                .containsExactly(Tuple.tuple("task", 400L), Tuple.tuple("plan", 200L),
                        Tuple.tuple("embedding", 50L));
    }

    @Test
    void theSummaryGivesTodayAndThisMonthNextToTheLimits() {
        clock.set(Instant.parse("2026-05-05T20:00:00Z"));
        UsageSummary all = usage.summary(admin, null);
        assertThat(all.today().costMicros()).isEqualTo(350);
        assertThat(all.month().costMicros()).isEqualTo(650);
        assertThat(all.budget().dailySpentMicros()).isEqualTo(350);
        assertThat(all.budget().dailyLimitMicros()).isEqualTo(5_000_000);

        UsageSummary project = usage.summary(owner, mine);
        assertThat(project.today().costMicros()).isZero();
        assertThat(project.month().costMicros()).isEqualTo(300);
        assertThat(project.projectTotalMicros()).isEqualTo(300);
    }

    @Test
    void aProjectSummaryChecksOwnership() {
        assertThatThrownBy(() -> usage.summary(owner, theirs)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> usage.summary(owner, "missing")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theCsvExportHasAHeaderAndOneLinePerVisibleRow() {
        db.update("UPDATE projects SET name = '=HYPERLINK(1)' WHERE id = ?", mine);
        StringWriter out = new StringWriter();
        usage.exportCsv(owner, DAY1, DAY2, out);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("time,project_id,project,task_id,purpose,provider,model,input_tokens,output_tokens,"
                + "cache_read_tokens,cache_write_tokens,cost_usd");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("2026-05-04T15:00:00Z," + mine + ",'=HYPERLINK(1),,task,prov,sim-1,10,5,0,0,0.0001");
    }

    @Test
    void aReversedRangeIsRejectedNamingTheField() {
        assertThatThrownBy(() -> usage.byDay(owner, DAY2, DAY1)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).contains("to"));
    }
}
