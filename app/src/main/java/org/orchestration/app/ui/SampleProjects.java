package org.orchestration.app.ui;

import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.projects.Project;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code --demo} shows on its fresh data folder: first run done in Simulated mode (no key,
 * nothing spent), and three sample projects at three stages — requirements written, a plan
 * waiting for review, and a plan approved and running — all made by the real services.
 */
public final class SampleProjects {

    private static final Logger log = LoggerFactory.getLogger(SampleProjects.class);

    static final String DRAFT = "Market research brief";
    static final String PLANNED = "Static web site with a contact form";
    static final String RUNNING = "Release notes for version 2.0";

    private SampleProjects() {
    }

    /** Seeds the demo as the single local owner. */
    public static void seed(EngineServices s) {
        User owner = s.owner();
        s.settings().put(ModelRouter.MODE_KEY, "simulated");
        s.settings().put(FirstRunSetup.DONE_KEY, true);
        s.projects().create(owner, DRAFT, """
                Write a two-page brief on the market for note-taking apps for students.
                Name the five biggest products and what each costs.
                End with three openings a new product could take.""");
        Project planned = s.projects().create(owner, PLANNED, """
                Build a one-page web site for a bakery with its opening hours and a contact form.
                The form sends an email to the owner.
                Write a short guide to publishing the site.""");
        s.planner().generatePlan(owner, planned.id(), CancellationToken.none());
        Project running = s.projects().create(owner, RUNNING, """
                Collect the changes since version 1.0 from the changelog.
                Group them into features, fixes and breaking changes.
                Write the release notes in a friendly tone.""");
        Plan plan = s.planner().generatePlan(owner, running.id(), CancellationToken.none());
        s.decomposer().approve(owner, plan.id());
        s.executor().start(owner, running.id());
        log.info("Demo: three sample projects in Simulated mode");
    }
}
