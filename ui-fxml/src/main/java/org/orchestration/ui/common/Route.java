package org.orchestration.ui.common;

/**
 * Where the main window is. {@link #id()} round-trips through {@link #parse(String)} so the last
 * screen can be remembered ("project/ID", "task/ID", "usage").
 */
public sealed interface Route {

    String id();

    /** Which sidebar entry is highlighted. */
    Section section();

    enum Section { PROJECTS, USAGE, KNOWLEDGE, SERVICES, SETTINGS, USERS }

    record Dashboard() implements Route {
        public String id() { return "dashboard"; }
        public Section section() { return Section.PROJECTS; }
    }

    record Project(String projectId) implements Route {
        public String id() { return "project/" + projectId; }
        public Section section() { return Section.PROJECTS; }
    }

    record Task(String taskId) implements Route {
        public String id() { return "task/" + taskId; }
        public Section section() { return Section.PROJECTS; }
    }

    record Usage() implements Route {
        public String id() { return "usage"; }
        public Section section() { return Section.USAGE; }
    }

    record Knowledge() implements Route {
        public String id() { return "knowledge"; }
        public Section section() { return Section.KNOWLEDGE; }
    }

    record Services() implements Route {
        public String id() { return "services"; }
        public Section section() { return Section.SERVICES; }
    }

    record Settings() implements Route {
        public String id() { return "settings"; }
        public Section section() { return Section.SETTINGS; }
    }

    record Users() implements Route {
        public String id() { return "users"; }
        public Section section() { return Section.USERS; }
    }

    /** A deep link to something that does not exist (or is not visible). */
    record NotFound(String what) implements Route {
        public String id() { return "dashboard"; }
        public Section section() { return Section.PROJECTS; }
    }

    static Route parse(String id) {
        if (id == null || id.isBlank()) {
            return new Dashboard();
        }
        int slash = id.indexOf('/');
        String head = slash < 0 ? id : id.substring(0, slash);
        String arg = slash < 0 ? "" : id.substring(slash + 1);
        return switch (head) {
            case "project" -> arg.isBlank() ? new Dashboard() : new Project(arg);
            case "task" -> arg.isBlank() ? new Dashboard() : new Task(arg);
            case "usage" -> new Usage();
            case "knowledge" -> new Knowledge();
            case "services" -> new Services();
            case "settings" -> new Settings();
            case "users" -> new Users();
            default -> new Dashboard();
        };
    }
}
